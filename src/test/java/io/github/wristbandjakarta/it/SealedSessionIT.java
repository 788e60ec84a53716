package io.github.wristbandjakarta.it;

import io.github.wristbandjakarta.testkit.Browser;
import io.github.wristbandjakarta.testkit.WristbandTestKit;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In the container: the HttpSession holds the sign-in sealed (AES-256-GCM under
 * wristband.session.secrets). A value altered or forged in the session store signs nobody in and ends the session with
 * one log line; a value sealed under an older configured secret still signs in; the serialized attribute shows neither
 * tokens nor identity. {@link SessionStoreWriter} plays the cluster member that writes to the session store.
 */
@ExtendWith(ArquillianExtension.class)
class SealedSessionIT {

    private static final String NEWEST = "the session secret put first at the last rotation";
    private static final String OLDER = "the session secret used before the last rotation";
    private static final String ENDED_LINE = "Session ended: its sign-in does not open";

    private final Browser browser = new Browser();

    @Deployment(testable = false)
    static WebArchive app() {
        Map<String, String> config = TestApp.baseConfig();
        config.put("wristband.session.secrets", NEWEST + "," + OLDER);
        config.put("wristband.token-endpoint.enabled", "true");
        return TestApp.deployment(config).addClass(SessionStoreWriter.class);
    }

    @BeforeEach
    void signIn() {
        TestApp.emulator().reset();
        WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl());
    }

    private String csrf() {
        return browser.cookie("localhost", "CSRF-TOKEN").orElseThrow().value();
    }

    private Browser.Exchange session() {
        return browser.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrf());
    }

    private void write(String what) {
        assertEquals(204, browser.get(TestApp.url("/it/session-store?what=" + what)).status(), what);
    }

    @Test
    void aSignInAlteredInTheSessionStoreSignsNobodyInAndIsLoggedOnce() {
        String csrf = csrf();
        write("alter");
        long mark = ServerLog.mark();

        Browser.Exchange api = browser.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrf);
        Browser.Exchange page = browser.get(TestApp.url("/pages/profile.xhtml"));

        assertEquals(401, api.status(), api.body());
        assertEquals(302, page.status(), "a protected page sends the visitor to sign in");
        assertTrue(page.location().contains("/api/auth/login?return_url="), page.location());
        String log = ServerLog.awaitSince(mark, text -> text.contains(ENDED_LINE));
        assertEquals(1, ServerLog.count(log, ENDED_LINE), log);
    }

    @Test
    void aSignInForgedUnderAnotherSecretGivesNobodyItsUserOrRole() {
        String csrf = csrf();
        write("forge");

        Browser.Exchange api = browser.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrf);
        Browser.Exchange admin = browser.get(TestApp.url("/admin/index.jsp"));

        assertEquals(401, api.status(), api.body());
        assertFalse(api.body().contains(SessionStoreWriter.FORGED_USER), api.body());
        assertEquals(302, admin.status(), "the forged admin role opens nothing");
    }

    @Test
    void aSignInSealedUnderAnOlderConfiguredSecretStillSignsIn() {
        String userId = json(session()).getString("userId");
        write("older");
        long mark = ServerLog.mark();

        Browser.Exchange api = session();

        assertEquals(200, api.status(), api.body());
        assertEquals(userId, json(api).getString("userId"));
        assertEquals(0, ServerLog.count(ServerLog.since(mark), ENDED_LINE));
    }

    @Test
    void theSerializedAttributeShowsNeitherTokensNorIdentity() {
        JsonObject tokens = json(browser.get(TestApp.url("/api/auth/token"), "X-CSRF-TOKEN", csrf()));
        String userId = json(session()).getString("userId");
        Browser.Exchange serialized = browser.get(TestApp.url("/it/session-store?what=serialized"));
        assertEquals(200, serialized.status());

        String stored = new String(Base64.getDecoder().decode(serialized.body().strip()), StandardCharsets.ISO_8859_1);

        String accessToken = tokens.getString("accessToken");
        assertFalse(stored.contains(accessToken.substring(accessToken.length() - 40)), "the access token is sealed");
        assertFalse(stored.contains(userId), "the user id is sealed");
        assertFalse(stored.contains(csrf()), "the CSRF token is sealed");
        assertFalse(stored.contains("app:demo"), "the roles are sealed");
    }

    private static JsonObject json(Browser.Exchange exchange) {
        return Json.createReader(new StringReader(exchange.body())).readObject();
    }
}
