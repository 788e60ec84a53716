package io.github.wristbandjakarta.it;

import io.github.wristbandjakarta.emulator.WristbandEmulator;
import io.github.wristbandjakarta.testkit.Browser;
import io.github.wristbandjakarta.testkit.WristbandTestKit;
import jakarta.json.Json;
import jakarta.json.JsonString;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On both servers: the configured login defaults and logout redirect URL, and an application's
 * {@code WristbandAuthOptions} bean ({@link TestAuthOptions}) choosing a login's custom state, which comes back in the
 * {@code SignedIn} event, and the logout's state.
 */
@ExtendWith(ArquillianExtension.class)
class AuthOptionsIT {

    private static final String BYE = TestApp.url("/bye");

    private final WristbandEmulator wristband = TestApp.emulator();
    private final Browser browser = new Browser();

    @Deployment(testable = false)
    static WebArchive app() {
        Map<String, String> config = TestApp.baseConfig();
        config.put("wristband.login.default-tenant-name", "devs4you");
        config.put("wristband.logout.redirect-url", BYE);
        return TestApp.deployment(config).addClasses(TestAuthOptions.class, EventRecorder.class,
                EventRecorder.Recorder.class, EventRecorder.Events.class);
    }

    @BeforeEach
    void reset() {
        wristband.reset();
        assertEquals(200, new Browser().get(TestApp.url("/it/events?clear")).status());
    }

    @Test
    void aLoginNamingNoTenantGoesToTheConfiguredDefaultTenant() {
        Browser.Exchange login = browser.get(TestApp.url("/api/auth/login"));

        assertEquals(302, login.status(), login.body());
        assertTrue(login.location().contains("//" + wristband.tenantHost("devs4you") + "/api/v1/oauth2/authorize?"),
                login.location());
    }

    @Test
    void theApplicationsCustomStateComesBackWithTheSignIn() {
        WristbandTestKit.signInAt(browser, "alice", TestApp.url("/api/auth/login"));

        Browser.Exchange events = new Browser().get(TestApp.url("/it/events"));
        List<String> recorded = Json.createReader(new StringReader(events.body())).readArray()
                .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        assertEquals(1, recorded.size(), recorded.toString());
        assertTrue(recorded.get(0).startsWith("SignedIn[") && recorded.get(0).endsWith(
                "customState=" + TestAuthOptions.CUSTOM_STATE + "]"), recorded.get(0));
    }

    @Test
    void theLogoutCarriesTheConfiguredRedirectUrlAndTheApplicationsState() {
        WristbandTestKit.signInAt(browser, "alice", TestApp.url("/api/auth/login"));

        Browser.Exchange logout = browser.get(TestApp.url("/api/auth/logout"), "Sec-Fetch-Site", "same-origin");

        assertEquals(302, logout.status(), logout.body());
        assertTrue(logout.location().contains("//" + wristband.tenantHost("devs4you") + "/api/v1/logout?"),
                logout.location());
        assertTrue(logout.location().contains("redirect_url=" + URLEncoder.encode(BYE, StandardCharsets.UTF_8)),
                logout.location());
        assertTrue(logout.location().contains("state=" + TestAuthOptions.LOGOUT_STATE), logout.location());
    }
}
