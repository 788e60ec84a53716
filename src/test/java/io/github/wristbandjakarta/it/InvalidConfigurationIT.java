package io.github.wristbandjakarta.it;

import io.github.wristbandjakarta.testkit.Browser;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A bad configuration value stops the deployment, with one message naming the key. */
@ExtendWith(ArquillianExtension.class)
class InvalidConfigurationIT {

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "too-short-secret", managed = false, testable = false)
    static WebArchive appWithTooShortLoginStateSecret() {
        Map<String, String> config = TestApp.baseConfig();
        config.put("wristband.login-state-secret", "too-short");
        return named("too-short-secret", TestApp.deployment(config));
    }

    /** The demo's own configuration, beside the reference application's sources. */
    private static final Path DEMO_CONFIG = Path.of("src/demo/resources/META-INF/microprofile-config.properties");

    /** The demo's published login-state secret, as the demo ships it. */
    private static String demoSecret() {
        Properties demo = new Properties();
        try (Reader reader = Files.newBufferedReader(DEMO_CONFIG)) {
            demo.load(reader);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + DEMO_CONFIG + ": " + e, e);
        }
        return demo.getProperty("wristband.login-state-secret");
    }

    /** The demo's secret with a real Wristband application's vanity domain: the demo WAR taken to production. */
    @Deployment(name = "demo-secret", managed = false, testable = false)
    static WebArchive appWithTheDemosSecretOutsideTheEmulator() {
        Map<String, String> config = TestApp.baseConfig();
        config.put("wristband.application-vanity-domain", "yourapp-yourco.us.wristband.dev");
        config.put("wristband.login-state-secret", demoSecret());
        return named("demo-secret", TestApp.deployment(config));
    }

    /**
     * {@code app} as {@code deployment}.war, at the context root {@code /deployment}: Arquillian takes one archive name
     * once per class.
     */
    private static WebArchive named(String deployment, WebArchive app) {
        return ShrinkWrap.create(WebArchive.class, deployment + ".war").merge(app);
    }

    @Test
    void aTooShortLoginStateSecretStopsTheDeploymentNamingTheKey() throws IOException {
        String written = refusedDeploymentLog("too-short-secret");

        assertTrue(written.contains("Invalid Wristband configuration [wristband.login-state-secret]: The"
                + " [loginStateSecret] config must have a value of at least 32 characters."), written);
    }

    @Test
    void theDemosSecretOutsideTheEmulatorStopsTheDeploymentWithoutLoggingIt() throws IOException {
        String written = refusedDeploymentLog("demo-secret");

        assertTrue(written.contains("Invalid Wristband configuration [wristband.login-state-secret]: is the demo's"
                + " published secret"), written);
        assertFalse(written.contains(demoSecret()), "the secret is in the log");
    }

    /**
     * Deploys {@code deployment}, which must fail, checks that the application does not answer, undeploys it, and
     * returns what the server logged meanwhile.
     */
    private String refusedDeploymentLog(String deployment) throws IOException {
        // The server's log file (Liberty's messages.log, WildFly's server.log), set per server by the build.
        Path log = Path.of(System.getProperty("server.log"));
        long before = Files.exists(log) ? Files.size(log) : 0;

        assertThrows(Exception.class, () -> deployer.deploy(deployment));

        String written = tail(log, before);
        assertEquals(404, new Browser().get(TestApp.origin() + "/" + deployment + "/api/auth/login").status(),
                "the application is not running");
        deployer.undeploy(deployment);
        return written;
    }

    private static String tail(Path log, long from) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            file.seek(from);
            byte[] bytes = new byte[(int) (file.length() - from)];
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
