package io.github.wristbandjakarta.it;

import io.github.wristbandjakarta.testkit.Browser;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        return TestApp.deployment(config);
    }

    @Test
    void aTooShortLoginStateSecretStopsTheDeploymentNamingTheKey() throws IOException {
        // The server's log file (Liberty's messages.log, WildFly's server.log), set per server by the build.
        Path log = Path.of(System.getProperty("server.log"));
        long before = Files.exists(log) ? Files.size(log) : 0;

        assertThrows(Exception.class, () -> deployer.deploy("too-short-secret"));

        String written = tail(log, before);
        assertTrue(written.contains("Invalid Wristband configuration [wristband.login-state-secret]: The"
                + " [loginStateSecret] config must have a value of at least 32 characters."), written);
        assertEquals(404, new Browser().get(TestApp.url("/api/auth/login")).status(), "the application is not running");
        deployer.undeploy("too-short-secret");
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
