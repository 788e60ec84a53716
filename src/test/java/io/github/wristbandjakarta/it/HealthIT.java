package io.github.wristbandjakarta.it;

import io.github.wristbandjakarta.emulator.Endpoint;
import io.github.wristbandjakarta.emulator.Fault;
import io.github.wristbandjakarta.emulator.WristbandEmulator;
import io.github.wristbandjakarta.testkit.Browser;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library's MicroProfile Health checks as each server's own health endpoint shows them (docs/health-checks.md):
 * Liberty's mpHealth on the HTTP port, WildFly's microprofile-health-smallrye on the management port. The application
 * resolves its configuration from Wristband (auto-configuration), so that readiness depends on both the SDK
 * configuration and the signing keys.
 *
 * <p>The first two tests are one story in order: Wristband down when the application starts, then back.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthIT {

    /** wristband.jwks.refresh-cooldown of this deployment, in seconds: how soon a failed key fetch may be retried. */
    private static final int COOLDOWN_SECONDS = 1;
    /** wristband.http.request-timeout of the test deployments (TestApp.baseConfig), in seconds. */
    private static final int REQUEST_TIMEOUT_SECONDS = 3;

    private final WristbandEmulator wristband = TestApp.emulator();

    @Deployment(testable = false)
    static WebArchive autoConfiguredApp() {
        Map<String, String> config = TestApp.autoConfiguredConfig();
        config.put("wristband.jwks.refresh-cooldown", Integer.toString(COOLDOWN_SECONDS));
        config.put("wristband.http.request-timeout", Integer.toString(REQUEST_TIMEOUT_SECONDS));
        return TestApp.deployment(config);
    }

    @AfterEach
    void wristbandBack() {
        wristband.clearFaults();
    }

    @Test
    @Order(1)
    void notReadyWhileWristbandIsDownAtStartYetItsPublicPagesServe() {
        wristband.fault(Endpoint.SDK_CONFIGURATION, new Fault.Status(503, "{}"));
        wristband.fault(Endpoint.JWKS, new Fault.Status(503, "{}"));

        Health ready = Health.ready();
        Browser.Exchange publicPage = new Browser().get(TestApp.url("/public/index.jsp"));
        Health live = Health.live();

        assertEquals(503, ready.status(), ready.body());
        JsonObject check = ready.wristband();
        assertEquals("DOWN", check.getString("status"), ready.body());
        assertEquals("incomplete: sdk_config_error", check.getJsonObject("data").getString("configuration"));
        assertEquals(0, check.getJsonObject("data").getInt("signingKeys"));
        assertEquals(200, publicPage.status(), publicPage.body());
        assertEquals("UP", live.wristband().getString("status"), live.body());
    }

    @Test
    @Order(2)
    void readyOnceWristbandIsBack() {
        // The keys' last failed fetch may be retried one cooldown later: poll until then and a little beyond.
        Instant deadline = Instant.now().plusSeconds(COOLDOWN_SECONDS + 2L * REQUEST_TIMEOUT_SECONDS);
        Health ready = Health.ready();
        while (ready.status() != 200 && Instant.now().isBefore(deadline)) {
            ready = Health.ready();
        }

        assertEquals(200, ready.status(), ready.body());
        JsonObject data = ready.wristband().getJsonObject("data");
        assertEquals("complete", data.getString("configuration"));
        assertTrue(data.getInt("signingKeys") >= 1, ready.body());
        assertTrue(data.getJsonNumber("signingKeysAgeSeconds").longValue() >= 0, ready.body());
    }

    @Test
    @Order(3)
    void staysReadyOnTheKeysItHasWhileWristbandIsDownAgain() {
        Health.ready();
        wristband.fault(Endpoint.JWKS, new Fault.Status(503, "{}"));

        Health ready = Health.ready();

        assertEquals(200, ready.status(), ready.body());
        assertEquals("UP", ready.wristband().getString("status"));
    }

    @Test
    @Order(4)
    void livenessNeverAsksWristband() {
        int before = wristband.calls(Endpoint.JWKS) + wristband.calls(Endpoint.SDK_CONFIGURATION);
        wristband.fault(Endpoint.JWKS, new Fault.Hang());

        Health live = Health.live();

        assertEquals(200, live.status(), live.body());
        assertEquals("UP", live.wristband().getString("status"));
        assertEquals(before, wristband.calls(Endpoint.JWKS) + wristband.calls(Endpoint.SDK_CONFIGURATION));
    }

    @Test
    @Order(5)
    void theReadinessDataIsStatesACountAndAnAgeOnly() {
        Health ready = Health.ready();

        assertEquals(java.util.Set.of("configuration", "signingKeys", "signingKeysAgeSeconds"),
                ready.wristband().getJsonObject("data").keySet(), ready.body());
    }

    /** One answer of the server's health endpoint. */
    private record Health(int status, String body) {

        /** Liberty serves /health on the application port; WildFly on its management port. */
        private static String base() {
            if ("wildfly".equals(System.getProperty("arquillian.launch"))) {
                return "http://localhost:" + System.getProperty("wildfly.management.port");
            }
            return TestApp.origin();
        }

        static Health ready() {
            return get("/health/ready");
        }

        static Health live() {
            return get("/health/live");
        }

        private static Health get(String path) {
            Browser.Exchange answer = new Browser().get(base() + path);
            return new Health(answer.status(), answer.body());
        }

        /** The library's check among the server's. */
        JsonObject wristband() {
            JsonObject health = Json.createReader(new StringReader(body)).readObject();
            for (JsonValue check : health.getJsonArray("checks")) {
                if ("wristband".equals(check.asJsonObject().getString("name"))) {
                    return check.asJsonObject();
                }
            }
            throw new AssertionError("no check named wristband in " + body);
        }
    }
}
