package io.github.wristbandjakarta.it.ee11;

import io.github.wristbandjakarta.it.TestApp;
import io.github.wristbandjakarta.testkit.Browser;
import io.github.wristbandjakarta.testkit.WristbandTestKit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jakarta EE 11 only: a host that uses a built-in mechanism beside the library's, HTTP Basic for its machine clients
 * under /machine, and chooses between the two per request in its own {@code HttpAuthenticationMechanismHandler}
 * (Jakarta Security 4.0), which injects the library's mechanism by its documented qualifier, {@code @Wristband}, as
 * docs/extension-points.md "Another mechanism beside the library's (Jakarta EE 11)" tells a host to.
 * Each mechanism serves its own paths only, on both servers.
 */
@ExtendWith(ArquillianExtension.class)
class MachinePathIT {

    @RegisterExtension
    static final WristbandTestKit wristband = WristbandTestKit.forApplication(TestApp.url(""));

    private static final String ROBOT = basic(MachineSecurity.CALLER, MachineSecurity.PASSWORD);

    @Deployment(testable = false)
    static WebArchive host() {
        Map<String, String> config = wristband.config();
        // Wristband users get "user" or "admin", never the machines' role.
        config.put("wristband.role-mapping", "app:demo:admin=admin, app:demo:user=user");
        return TestApp.hostArchive("app.war", config)
                .addClasses(MachineSecurity.class, MachineIdentityStore.class, PathMechanismHandler.class,
                        MachineServlet.class, MembersServlet.class, ProviderServlet.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aMachinePathWithoutCredentialsGetsTheBasicChallenge() {
        Browser.Exchange ping = new Browser().get(TestApp.url("/machine/ping"));

        assertEquals(401, ping.status(), ping.body());
        assertEquals("Basic realm=\"" + MachineSecurity.REALM + "\"", ping.header("WWW-Authenticate").orElse(""));
    }

    @Test
    void aMachineWithItsCredentialsIsTheCallerOfAMachinePath() {
        Browser.Exchange ping = new Browser().get(TestApp.url("/machine/ping"), "Authorization", ROBOT);

        assertEquals(200, ping.status(), ping.body());
        assertEquals(MachineSecurity.CALLER, ping.body());
    }

    @Test
    void aWrongPasswordOnAMachinePathIsRefused() {
        Browser.Exchange ping = new Browser().get(TestApp.url("/machine/ping"), "Authorization",
                basic(MachineSecurity.CALLER, "not-the-password"));

        assertEquals(401, ping.status(), ping.body());
        assertNotEquals(MachineSecurity.CALLER, ping.body());
    }

    @Test
    void aSignedInWristbandUserIsTheCallerOfTheHostsPagesAndSession() {
        Browser alice = wristband.signIn("alice");

        Browser.Exchange session = alice.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", wristband.csrfToken(alice));
        Browser.Exchange page = alice.get(TestApp.url("/members/page"));

        String aliceId = wristband.emulator().users().get(0).userId();
        assertEquals(200, session.status(), session.body());
        assertTrue(session.body().contains("\"userId\":\"" + aliceId + "\""), session.body());
        assertEquals(200, page.status(), page.body());
        assertEquals(aliceId, page.body());
    }

    @Test
    void aWristbandSessionDoesNotOpenAMachinePath() {
        Browser alice = wristband.signIn("alice");

        Browser.Exchange ping = alice.get(TestApp.url("/machine/ping"));

        assertEquals(401, ping.status(), ping.body());
        assertEquals("Basic realm=\"" + MachineSecurity.REALM + "\"", ping.header("WWW-Authenticate").orElse(""));
    }

    @Test
    void machineCredentialsDoNotOpenAWristbandPage() {
        Browser.Exchange page = new Browser().get(TestApp.url("/members/page"), "Authorization", ROBOT);

        assertEquals(302, page.status(), page.body());
        assertTrue(page.location().startsWith(TestApp.url("/api/auth/login?return_url=")), page.location());
    }

    @Test
    void theLibrarysLogoutStillEndsTheSession() {
        Browser alice = wristband.signIn("alice");
        String csrf = wristband.csrfToken(alice);
        assertEquals(200, alice.get(TestApp.url("/members/page")).status());

        Browser.Exchange logout = alice.get(TestApp.url("/api/auth/logout"), "Sec-Fetch-Site", "same-origin");

        assertEquals(302, logout.status(), logout.body());
        assertEquals(401, alice.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrf).status());
        assertEquals(302, alice.get(TestApp.url("/members/page")).status());
    }

    @Test
    void theLibraryLeavesTheHostsHandlerToTheServersBridge() {
        // The library registers itself in the bridge's place only when its mechanism is the application's one and the
        // handler is the server's own; here the host's handler has to be called, so the bridge stays.
        Browser.Exchange provider = new Browser().get(TestApp.url("/provider"));

        assertEquals(200, provider.status(), provider.body());
        assertFalse(provider.body().startsWith("io.github.wristbandjakarta."), provider.body());
    }
}
