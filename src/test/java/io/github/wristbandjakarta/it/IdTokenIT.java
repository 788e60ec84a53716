package io.github.wristbandjakarta.it;

import io.github.wristbandjakarta.testkit.Browser;
import io.github.wristbandjakarta.testkit.WristbandTestKit;
import io.github.wristbandjakarta.emulator.Endpoint;
import io.github.wristbandjakarta.emulator.Fault;
import io.github.wristbandjakarta.emulator.IdTokenTampering;
import io.github.wristbandjakarta.emulator.WristbandEmulator;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static io.github.wristbandjakarta.it.TestApp.last;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Against the real server: every ID-token check rejects the callback with 502, no session and
 * its own log reason; the algorithm allow-list never fetches keys; a kid-less token is accepted only while the
 * JWKS has one key; an unknown kid or a bad signature refetches the JWKS once per cooldown; the last good key
 * set survives a JWKS outage.
 */
@ExtendWith(ArquillianExtension.class)
class IdTokenIT {

    /**
     * The JWKS refetch cooldown of this deployment. The tests pass it by moving the deployment's clock, not by waiting,
     * so it can be long enough that several sign-ins fit within it however slow the machine.
     */
    private static final Duration COOLDOWN = Duration.ofSeconds(10);
    private static final String TENANT_LOGIN = TestApp.url("/api/auth/login?tenant_name=devs4you");

    private final WristbandEmulator wristband = TestApp.emulator();
    private final Browser browser = new Browser();

    @Deployment(testable = false)
    static WebArchive app() {
        Map<String, String> config = TestApp.baseConfig();
        config.put("wristband.jwks.refresh-cooldown", String.valueOf(COOLDOWN.toSeconds()));
        return TestApp.withServerClock(TestApp.deployment(config));
    }

    @BeforeEach
    void resetEmulator() {
        wristband.reset();
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of(IdTokenTampering.ALG_NONE, "ID token algorithm is not RS256"),
                Arguments.of(IdTokenTampering.HS256_CLIENT_SECRET, "ID token algorithm is not RS256"),
                Arguments.of(IdTokenTampering.RS384, "ID token algorithm is not RS256"),
                Arguments.of(IdTokenTampering.BAD_SIGNATURE, "ID token signature is invalid"),
                Arguments.of(IdTokenTampering.UNKNOWN_KEY, "ID token is signed with a key Wristband does not publish"),
                Arguments.of(IdTokenTampering.WRONG_ISSUER, "ID token iss is not Wristband's issuer"),
                Arguments.of(IdTokenTampering.MISSING_ISSUER, "ID token has no iss"),
                Arguments.of(IdTokenTampering.WRONG_AUDIENCE, "ID token aud does not contain the client id"),
                Arguments.of(IdTokenTampering.MISSING_AUDIENCE, "ID token has no aud"),
                Arguments.of(IdTokenTampering.SEVERAL_AUDIENCES_WITHOUT_AZP,
                        "ID token has several audiences and azp is not the client id"),
                Arguments.of(IdTokenTampering.WRONG_AZP, "ID token azp is not the client id"),
                Arguments.of(IdTokenTampering.EXPIRED, "ID token is expired"),
                Arguments.of(IdTokenTampering.MISSING_EXP, "ID token has no exp"),
                Arguments.of(IdTokenTampering.FUTURE_IAT, "ID token iat is in the future"),
                Arguments.of(IdTokenTampering.MISSING_IAT, "ID token has no iat"),
                Arguments.of(IdTokenTampering.MISSING_SUBJECT, "ID token has no sub"),
                Arguments.of(IdTokenTampering.WRONG_SUBJECT, "userinfo sub differs from the ID token's sub"),
                Arguments.of(IdTokenTampering.WRONG_NONCE, "ID token nonce does not match the login request"),
                Arguments.of(IdTokenTampering.MISSING_NONCE, "ID token has no nonce"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void eachCheckRejectsTheCallbackWithItsOwnLogReason(IdTokenTampering tampering, String reason) {
        Browser.Exchange loginPage = last(browser.follow(TENANT_LOGIN));
        wristband.idTokenTampering(tampering);
        long mark = ServerLog.mark();

        Browser.Exchange callback = callbackAfterApproval(loginPage, "application/json");

        assertEquals(502, callback.status(), tampering + ": " + callback.body());
        assertTrue(callback.header("Content-Type").orElseThrow().startsWith("application/json"));
        assertTrue(callback.body().contains("\"error\":\"invalid_id_token\""), callback.body());
        assertNoSession();
        String line = "Callback failed, ID token rejected: " + reason;
        String log = ServerLog.awaitSince(mark, text -> text.contains(line));
        assertEquals(1, ServerLog.count(log, line), "logged once with its reason: " + log);
        assertEquals(1, ServerLog.count(log, "Callback failed"), "one log line per failed callback: " + log);
    }

    @ParameterizedTest
    @EnumSource(value = IdTokenTampering.class, names = {"ALG_NONE", "HS256_CLIENT_SECRET", "RS384"})
    void anotherAlgorithmIsRefusedWithoutFetchingKeys(IdTokenTampering tampering) {
        passCooldown(); // a refetch would be allowed now
        wristband.idTokenTampering(tampering);

        Browser.Exchange callback = callbackAfterApproval(last(browser.follow(TENANT_LOGIN)), "application/json");

        assertEquals(502, callback.status());
        assertEquals(0, wristband.calls(Endpoint.JWKS), "the algorithm is checked before any key lookup");
    }

    @ParameterizedTest
    @EnumSource(value = IdTokenTampering.class, names = {"NO_KID", "SEVERAL_AUDIENCES_WITH_AZP", "IAT_WITHIN_SKEW"})
    void acceptableVariantsSignIn(IdTokenTampering tampering) {
        onlyTheSigningKeyCached();
        wristband.idTokenTampering(tampering);

        assertSignedIn(WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl()));
    }

    @Test
    void aTokenWithoutKidIsRefusedWhenTheJwksHasSeveralKeys() {
        wristband.extraJwksKey(true);
        try {
            passCooldown();
            wristband.rotateSigningKey();
            assertSignedIn(WristbandTestKit.signInAt(new Browser(), "bob", TestApp.loginUrl())); // the refetch caches both keys
            wristband.idTokenTampering(IdTokenTampering.NO_KID);

            Browser.Exchange callback = callbackAfterApproval(last(browser.follow(TENANT_LOGIN)), "application/json");

            assertEquals(502, callback.status(), callback.body());
            assertNoSession();
        } finally {
            wristband.extraJwksKey(false);
        }
    }

    @Test
    void aRotatedSigningKeyCostsOneJwksFetchAndLoginsGoOn() {
        assertSignedIn(WristbandTestKit.signInAt(new Browser(), "bob", TestApp.loginUrl())); // some key set is cached
        passCooldown();
        wristband.rotateSigningKey();
        wristband.reset();

        assertSignedIn(WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl()));
        assertSignedIn(WristbandTestKit.signInAt(new Browser(), "bob", TestApp.loginUrl()));

        assertEquals(1, wristband.calls(Endpoint.JWKS), "one refetch for the new kid, then the cache answers");
    }

    @Test
    void unknownKidsAndBadSignaturesRefetchTheJwksAtMostOncePerCooldown() {
        passCooldown();
        wristband.idTokenTampering(IdTokenTampering.UNKNOWN_KEY);
        for (int i = 0; i < 3; i++) {
            assertEquals(502, freshCallback());
        }
        assertEquals(1, wristband.calls(Endpoint.JWKS), "three unknown kids within the cooldown: one refetch");

        passCooldown();
        wristband.idTokenTampering(IdTokenTampering.BAD_SIGNATURE);
        for (int i = 0; i < 3; i++) {
            assertEquals(502, freshCallback());
        }
        assertEquals(2, wristband.calls(Endpoint.JWKS), "three bad signatures within the next cooldown: one refetch");
    }

    @Test
    void theLastGoodKeySetIsKeptWhileTheJwksIsDown() {
        assertSignedIn(WristbandTestKit.signInAt(new Browser(), "bob", TestApp.loginUrl()));
        passCooldown();
        wristband.fault(Endpoint.JWKS, new Fault.Status(503, "{\"error\":\"temporarily_unavailable\"}"));
        wristband.idTokenTampering(IdTokenTampering.UNKNOWN_KEY);
        assertEquals(502, freshCallback());
        assertEquals(1, wristband.calls(Endpoint.JWKS), "the refetch was tried and failed");

        wristband.idTokenTampering(IdTokenTampering.NONE);

        assertSignedIn(WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl()));
    }

    /** Makes the server's cache hold exactly the emulator's one signing key. */
    private void onlyTheSigningKeyCached() {
        passCooldown();
        wristband.rotateSigningKey();
        assertSignedIn(WristbandTestKit.signInAt(new Browser(), "bob", TestApp.loginUrl()));
    }

    /** Moves the deployment's clock past the JWKS refetch cooldown: a refetch is allowed again. */
    private static void passCooldown() {
        TestApp.advanceServerClock(COOLDOWN.plusMillis(1));
    }

    /** A whole login in a new browser; the callback's status. */
    private static int freshCallback() {
        Browser tab = new Browser();
        Browser.Exchange loginPage = last(tab.follow(TENANT_LOGIN));
        Browser.Exchange approval = tab.get(WristbandTestKit.approveLink(loginPage, "alice"));
        return tab.get(approval.location(), "Accept", "application/json").status();
    }

    private Browser.Exchange callbackAfterApproval(Browser.Exchange loginPage, String accept) {
        Browser.Exchange approval = browser.get(WristbandTestKit.approveLink(loginPage, "alice"));
        assertEquals(302, approval.status(), approval.body());
        return browser.get(approval.location(), "Accept", accept);
    }

    private static void assertSignedIn(java.util.List<Browser.Exchange> hops) {
        Browser.Exchange landing = last(hops);
        assertEquals(TestApp.url("/"), landing.uri().toString(), "landed on the default return URL: " + hops);
        assertEquals(200, landing.status());
        Browser.Exchange callback = hops.stream().filter(h -> h.uri().getPath().endsWith("/api/auth/callback"))
                .findFirst().orElseThrow();
        assertTrue(callback.headers("Set-Cookie").stream().anyMatch(c -> c.startsWith("CSRF-TOKEN=")),
                "signed in, with its CSRF cookie: " + callback.headers());
    }

    private void assertNoSession() {
        TestApp.assertNotSignedIn(browser);
    }
}
