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
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;

import static io.github.wristbandjakarta.it.TestApp.last;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every way a callback can go wrong gets the status docs/protocol.md §4.2 names (a 302 back to the tenant's login for the
 * four {@code redirect_required} reasons, 400 for bad input, 502 when Wristband fails or cannot be believed),
 * never a stack trace, and never a session.
 */
@ExtendWith(ArquillianExtension.class)
class CallbackFailuresIT {

    private static final String TENANT_LOGIN = TestApp.url("/api/auth/login?tenant_name=devs4you");

    private final WristbandEmulator wristband = TestApp.emulator();
    private final Browser browser = new Browser();

    @Deployment(testable = false)
    static WebArchive app() {
        return TestApp.deployment();
    }

    @BeforeEach
    void resetEmulator() {
        wristband.reset();
    }

    @Test
    void aCallbackWithoutItsLoginStateCookieStartsTheLoginAgain() {
        Browser.Exchange callback = browser.get(TestApp.url("/api/auth/callback?state=abc&code=xyz&tenant_name=devs4you"));

        assertEquals(302, callback.status());
        assertEquals(TENANT_LOGIN, callback.location());
        assertNoSession();
        assertEquals(0, wristband.calls(Endpoint.TOKEN_CODE));
    }

    @Test
    void aTamperedLoginStateCookieStartsTheLoginAgain() {
        Browser.Exchange loginPage = last(browser.follow(TENANT_LOGIN));
        Browser.Cookie cookie = browser.cookies().stream().filter(c -> c.name().startsWith("login#")).findFirst().orElseThrow();
        String value = cookie.value();
        int middle = value.length() / 2;
        browser.setCookie("localhost", cookie.name(),
                value.substring(0, middle) + (value.charAt(middle) == 'A' ? 'B' : 'A') + value.substring(middle + 1));

        Browser.Exchange callback = callbackAfterApproval(loginPage);

        assertEquals(302, callback.status());
        assertEquals(TENANT_LOGIN, callback.location());
        assertTrue(callback.headers("Set-Cookie").stream().anyMatch(c -> c.startsWith(cookie.name() + "=;") && c.contains("Max-Age=0")),
                "the tampered cookie is deleted");
        assertNoSession();
        assertEquals(0, wristband.calls(Endpoint.TOKEN_CODE));
    }

    @Test
    void loginRequiredFromWristbandStartsTheLoginAgain() {
        wristband.nextAuthorizeError("login_required");

        Browser.Exchange callback = callbackAfterApproval(last(browser.follow(TENANT_LOGIN)));

        assertEquals(302, callback.status());
        assertEquals(TENANT_LOGIN, callback.location());
        assertNoSession();
    }

    @Test
    void anotherErrorFromWristbandIsABadRequestWithItsCode() {
        wristband.nextAuthorizeError("access_denied");

        Browser.Exchange callback = callbackAfterApproval(last(browser.follow(TENANT_LOGIN)));

        assertEquals(400, callback.status());
        assertTrue(callback.body().contains("\"error\":\"access_denied\""), callback.body());
        assertNoStackTrace(callback);
        assertNoSession();
    }

    @Test
    void aDuplicatedStateIsABadRequest() {
        Browser.Exchange callback = browser.get(TestApp.url("/api/auth/callback?state=a&state=b&code=c&tenant_name=devs4you"));

        assertEquals(400, callback.status());
        assertEquals("{\"error\":\"invalid_request\",\"error_description\":\"Invalid query parameter [state] passed from"
                + " Wristband during callback\"}", callback.body());
        EndToEndIT.assertNoStore(callback);
    }

    @Test
    void aBrowserGetsAnHtmlErrorPage() {
        Browser.Exchange callback = browser.get(TestApp.url("/api/auth/callback?state=a&state=b"),
                "Accept", "text/html,application/xhtml+xml");

        assertEquals(400, callback.status());
        assertTrue(callback.header("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(callback.body().contains("Invalid query parameter [state]"), callback.body());
        assertNoStackTrace(callback);
    }

    @Test
    void wristbandFailingTheCodeExchangeIsABadGatewayWithoutSession() {
        wristband.fault(Endpoint.TOKEN_CODE, new Fault.Status(500, "{\"error\":\"server_error\"}"));

        Browser.Exchange callback = callbackAfterApproval(last(browser.follow(TENANT_LOGIN)));

        assertEquals(502, callback.status());
        assertNoStackTrace(callback);
        assertNoSession();
    }

    @Test
    void wristbandTooSlowToAnswerIsABadGatewayAfterTheRequestTimeout() {
        wristband.fault(Endpoint.TOKEN_CODE, new Fault.Delay(Duration.ofSeconds(6)));
        Browser.Exchange loginPage = last(browser.follow(TENANT_LOGIN));

        long started = System.nanoTime();
        Browser.Exchange callback = callbackAfterApproval(loginPage);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(502, callback.status());
        assertTrue(tookMillis < 5_500, "the configured 3 s request timeout applies: " + tookMillis + " ms");
        assertNoSession();
    }

    @Test
    void garbageFromUserinfoIsABadGateway() {
        wristband.fault(Endpoint.USERINFO, new Fault.Garbage());

        Browser.Exchange callback = callbackAfterApproval(last(browser.follow(TENANT_LOGIN)));

        assertEquals(502, callback.status());
        assertNoSession();
    }

    @ParameterizedTest
    @EnumSource(value = IdTokenTampering.class, names = {"WRONG_ISSUER", "WRONG_AUDIENCE", "WRONG_NONCE",
            "MISSING_NONCE", "EXPIRED", "BAD_SIGNATURE", "UNKNOWN_KEY", "ALG_NONE", "HS256_CLIENT_SECRET",
            "WRONG_SUBJECT"})
    void anIdTokenThatFailsACheckIsABadGatewayWithoutSession(IdTokenTampering tampering) {
        wristband.idTokenTampering(tampering);

        Browser.Exchange callback = callbackAfterApproval(last(browser.follow(TENANT_LOGIN)));

        assertEquals(502, callback.status(), tampering + ": " + callback.body());
        assertTrue(callback.body().contains("invalid_id_token"), callback.body());
        assertNoSession();
    }

    @Test
    void aLoginWithDuplicatedTenantNamesIsABadRequest() {
        Browser.Exchange login = browser.get(TestApp.url("/api/auth/login?tenant_name=a&tenant_name=b"));

        assertEquals(400, login.status());
        assertEquals("{\"error\":\"invalid_request\",\"error_description\":\"More than one [tenant_name] query"
                + " parameter was encountered\"}", login.body());
        assertTrue(login.headers("Set-Cookie").isEmpty());
    }

    @Test
    void aLoginWithMalformedPercentEncodingIsABadRequest() {
        RawHttp.Answer login = RawHttp.get(TestApp.CONTEXT + "/api/auth/login?tenant_name=%zz");

        assertEquals(400, login.status(), login.headersAndBody());
        assertFalse(login.body().contains("Exception"), login.body());
    }

    @Test
    void anOffSiteReturnUrlIsIgnoredAndTheLoginLandsOnTheDefault() {
        List<Browser.Exchange> hops = WristbandTestKit.signInAt(browser, "alice",
                TestApp.url("/api/auth/login?tenant_name=devs4you&return_url=https%3A%2F%2Fevil.example%2Fsteal"));

        assertEquals(TestApp.url("/"), last(hops).uri().toString());
        assertTrue(hops.stream().noneMatch(h -> h.header("Location").orElse("").contains("evil.example")));
    }

    @Test
    void theApplicationLevelLoginCarriesTheReturnUrlThroughTenantDiscovery() {
        Browser.Exchange login = browser.get(TestApp.url("/api/auth/login?return_url=%2Fapp%2Fpages%2Fprofile.xhtml"));

        assertEquals(302, login.status());
        assertEquals(wristband.applicationOrigin() + "/login?client_id=" + TestApp.CLIENT_ID + "&state="
                + java.net.URLEncoder.encode(TestApp.url("/pages/profile.xhtml"), java.nio.charset.StandardCharsets.UTF_8),
                login.location());
        assertTrue(login.headers("Set-Cookie").isEmpty(), "no login-state cookie without a tenant");
    }

    // ---- the login's tenant, a login state used once, cookies deleted, hosts allowed, logs kept clean

    @Test
    void aFailedCallbackDeletesItsLoginStateCookie() {
        wristband.nextAuthorizeError("access_denied");
        Browser.Exchange loginPage = last(browser.follow(TENANT_LOGIN));
        String cookie = loginStateCookieName();

        Browser.Exchange callback = callbackAfterApproval(loginPage);

        assertEquals(400, callback.status());
        assertTrue(callback.headers("Set-Cookie").stream()
                .anyMatch(c -> c.startsWith(cookie + "=;") && c.contains("Max-Age=0")), callback.headers("Set-Cookie")
                .toString());
    }

    @Test
    void aTenantNameEditedIntoTheCallbackIsABadRequestAndSignsNobodyIn() {
        Browser.Exchange loginPage = last(browser.follow(TENANT_LOGIN));
        Browser.Exchange approval = browser.get(WristbandTestKit.approveLink(loginPage, "alice"));
        String edited = approval.location().replace("tenant_name=devs4you", "tenant_name=acme");
        assertTrue(edited.contains("tenant_name=acme"), edited);

        Browser.Exchange callback = browser.get(edited);

        assertEquals(400, callback.status(), callback.body());
        assertEquals("{\"error\":\"invalid_request\",\"error_description\":\"Invalid query parameter [tenant_name]"
                + " passed from Wristband during callback\"}", callback.body());
        assertNoSession();
        assertEquals(0, wristband.calls(Endpoint.TOKEN_CODE));
    }

    @Test
    void aCopiedLoginStateCannotSignInASecondTime() {
        Browser.Exchange loginPage = last(browser.follow(TENANT_LOGIN));
        Browser.Cookie copied = browser.cookies().stream().filter(c -> c.name().startsWith("login#")).findFirst()
                .orElseThrow();
        assertEquals(302, callbackAfterApproval(loginPage).status());
        // Another browser holding a copy of the cookie runs the same authorization request again (same state, same
        // PKCE challenge) and brings the new code to the callback.
        Browser replaying = new Browser();
        replaying.setCookie("localhost", copied.name(), copied.value());
        Browser.Exchange samePage = replaying.get(loginPage.uri().toString());
        assertEquals(200, samePage.status(), samePage.body());
        Browser.Exchange approval = replaying.get(WristbandTestKit.approveLink(samePage, "alice"));

        Browser.Exchange callback = replaying.get(approval.location());

        assertEquals(302, callback.status(), callback.body());
        assertEquals(TENANT_LOGIN, callback.location());
        TestApp.assertNotSignedIn(replaying);
        assertEquals(1, wristband.calls(Endpoint.TOKEN_CODE), "the replay exchanged no code");
    }

    @Test
    void anErrorCodeCarryingALineBreakIsABadRequestAndForgesNoLogLine() {
        last(browser.follow(TENANT_LOGIN));
        String state = loginStateCookieName().split("#")[1];
        long mark = ServerLog.mark();

        Browser.Exchange callback = browser.get(TestApp.url("/api/auth/callback?state=" + state
                + "&error=access_denied%0D%0AFORGED%20LINE&tenant_name=devs4you"));

        assertEquals(400, callback.status(), callback.body());
        String log = ServerLog.awaitSince(mark, text -> text.contains("Callback rejected"));
        assertTrue(log.contains("Callback rejected"), log);
        assertFalse(log.lines().anyMatch(line -> line.startsWith("FORGED")), log);
    }

    @Test
    void aTenantCustomDomainThisApplicationDoesNotAllowIsABadRequestOnAllThreeEndpoints() {
        for (String path : List.of("/api/auth/login?tenant_name=devs4you&tenant_custom_domain=evil.example",
                "/api/auth/logout?tenant_custom_domain=evil.example",
                "/api/auth/callback?state=abc&code=xyz&tenant_name=devs4you&tenant_custom_domain=evil.example")) {
            Browser.Exchange answer = new Browser().get(TestApp.url(path));
            assertEquals(400, answer.status(), path + ": " + answer.body());
            assertTrue(answer.header("Location").isEmpty(), path + " redirects to " + answer.header("Location"));
        }
    }

    private String loginStateCookieName() {
        return browser.cookies().stream().map(Browser.Cookie::name).filter(n -> n.startsWith("login#")).findFirst()
                .orElseThrow();
    }

    private Browser.Exchange callbackAfterApproval(Browser.Exchange loginPage) {
        Browser.Exchange approval = browser.get(WristbandTestKit.approveLink(loginPage, "alice"));
        assertEquals(302, approval.status(), approval.body());
        return browser.get(approval.location());
    }

    private void assertNoSession() {
        TestApp.assertNotSignedIn(browser);
    }

    private static void assertNoStackTrace(Browser.Exchange exchange) {
        assertFalse(exchange.body().contains("Exception") || exchange.body().contains("\tat "), exchange.body());
    }
}
