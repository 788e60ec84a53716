package io.github.wristbandjakarta.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo's configuration (src/demo/resources, packaged by ./mvnw -Pdemo only) as EndToEndIT assumes it: the ITs
 * cannot deploy it as it is (it names the demo's fixed ports), so they set what they test of it themselves.
 */
class DemoConfigurationTest {

    private static final Path DEMO_CONFIG = Path.of("src/demo/resources/META-INF/microprofile-config.properties");

    @Test
    void theDemosLogoutLandsOnItsOwnHomePageWithTheSignedOutMarker() throws IOException {
        Properties demo = new Properties();
        try (Reader reader = Files.newBufferedReader(DEMO_CONFIG)) {
            demo.load(reader);
        }
        String loginUrl = demo.getProperty("wristband.login-url");
        assertTrue(loginUrl.endsWith("/api/auth/login"), loginUrl);
        String home = loginUrl.substring(0, loginUrl.length() - "/api/auth/login".length());

        assertEquals(home + EndToEndIT.SIGNED_OUT_LANDING, demo.getProperty("wristband.logout.redirect-url"));
    }
}
