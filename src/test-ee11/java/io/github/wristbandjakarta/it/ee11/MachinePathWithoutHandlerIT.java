package io.github.wristbandjakarta.it.ee11;

import io.github.wristbandjakarta.it.ServerLog;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a host gets on Jakarta EE 11 that declares a built-in mechanism beside the library's but no handler to choose
 * between them: MachinePathIT's WAR without its {@code PathMechanismHandler}. Jakarta Security 4.0 leaves it to the
 * server's default handler, and the two servers part ways, which is why
 * docs/extension-points.md "Another mechanism beside the library's (Jakarta EE 11)" tells such a host to write a handler.
 */
@ExtendWith(ArquillianExtension.class)
class MachinePathWithoutHandlerIT {

    @RegisterExtension
    static final WristbandTestKit wristband = WristbandTestKit.forApplication(TestApp.url(""));

    @Deployment(testable = false)
    static WebArchive host() {
        Map<String, String> config = wristband.config();
        config.put("wristband.role-mapping", "app:demo:admin=admin, app:demo:user=user");
        return TestApp.hostArchive("app.war", config)
                .addClasses(MachineSecurity.class, MachineIdentityStore.class, MachineServlet.class, MembersServlet.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    @Test
    void libertyServesEveryPathWithTheLibrarysMechanismAndWildFlyFailsTheRequest() {
        String robot = "Basic " + Base64.getEncoder().encodeToString(
                (MachineSecurity.CALLER + ":" + MachineSecurity.PASSWORD).getBytes(StandardCharsets.UTF_8));
        long mark = ServerLog.mark();

        Browser.Exchange ping = new Browser().get(TestApp.url("/machine/ping"), "Authorization", robot);

        if ("wildfly".equals(System.getProperty("arquillian.launch"))) {
            // Soteria's default handler finds two mechanisms, neither an alternative, and cannot choose: the
            // specification's AmbiguousResolutionException, thrown when the handler is first used.
            assertEquals(500, ping.status(), ping.body());
            String log = ServerLog.awaitSince(mark, text -> text.contains("AmbiguousResolutionException"));
            assertTrue(log.contains("AmbiguousResolutionException"), log);
        } else {
            // Open Liberty's default handler ranks an application's mechanism above every built-in one: the Basic
            // mechanism is never asked, and the library sends the machine to its login.
            assertEquals(302, ping.status(), ping.body());
            assertTrue(ping.location().startsWith(TestApp.url("/api/auth/login?return_url=")), ping.location());
        }
    }
}
