package io.github.wristbandjakarta.internal.health;

import io.github.wristbandjakarta.emulator.Fault;
import io.github.wristbandjakarta.emulator.Endpoint;
import io.github.wristbandjakarta.emulator.ScriptedAnswer;
import io.github.wristbandjakarta.emulator.WristbandEmulator;
import io.github.wristbandjakarta.testing.Emulators;
import io.github.wristbandjakarta.testing.TestClock;
import io.github.wristbandjakarta.testing.TestConfig;

import io.github.wristbandjakarta.internal.config.ConfigKey;
import io.github.wristbandjakarta.internal.config.WristbandConfig;
import io.github.wristbandjakarta.internal.token.JwksCache;
import io.github.wristbandjakarta.internal.wristband.ConfigurationResolver;
import io.github.wristbandjakarta.internal.wristband.WristbandClient;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The readiness check against the emulated Wristband: configuration, signing keys, their age, and what it asks of Wristband. */
class WristbandReadinessTest {

    private static final ScriptedAnswer DOWN = ScriptedAnswer.json(503, "{}");
    private static final Fault STAYS_DOWN = new Fault.Status(503, "{}");
    private static final String SDK_CONFIGURATION = "/api/v1/clients/" + Emulators.CLIENT_ID + "/sdk-configuration";

    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    private WristbandEmulator emulator;
    private Map<String, String> values;

    @BeforeEach
    void start() throws IOException {
        emulator = Emulators.start();
        values = TestConfig.baseConfig(emulator);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private WristbandReadiness readiness() {
        WristbandConfig config = TestConfig.config(values);
        WristbandClient client = TestConfig.client(config);
        return new WristbandReadiness(new ConfigurationResolver(config, client, clock),
                new JwksCache(client, config.jwksRefreshCooldown(), config.requestTimeout(), clock), clock);
    }

    @Test
    void upWithTheConfigurationCompleteAndTheKeysFetched() {
        HealthCheckResponse response = readiness().call();

        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
        assertEquals("wristband", response.getName());
        assertEquals(Map.of("configuration", "complete", "signingKeys", 1L, "signingKeysAgeSeconds", 0L),
                response.getData().orElseThrow());
    }

    @Test
    void itsDataHoldsOnlyTheValueTypesMicroProfileHealthCarries() {
        // HealthCheckResponseBuilder.withData takes String, long and boolean; Liberty fails on anything else.
        emulator.script(Endpoint.JWKS, DOWN);
        WristbandReadiness readiness = readiness();
        java.util.List<Object> values = new java.util.ArrayList<>(readiness.call().getData().orElseThrow().values());
        clock.advance(Duration.ofMinutes(1));
        values.addAll(readiness.call().getData().orElseThrow().values());

        for (Object value : values) {
            assertTrue(value instanceof String || value instanceof Long || value instanceof Boolean,
                    value + " is a " + value.getClass().getName());
        }
    }

    @Test
    void downWhileNoSigningKeyCouldBeFetched() {
        emulator.script(Endpoint.JWKS, DOWN);

        HealthCheckResponse response = readiness().call();

        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        assertEquals(Map.of("configuration", "complete", "signingKeys", 0L), response.getData().orElseThrow());
    }

    @Test
    void keysKeptThroughAnOutageKeepItUpAndShowTheirAge() {
        values.put(ConfigKey.JWKS_REFRESH_COOLDOWN.key(), "0");
        WristbandReadiness readiness = readiness();
        readiness.call();
        emulator.fault(Endpoint.JWKS, STAYS_DOWN);
        clock.advance(Duration.ofMinutes(5));

        HealthCheckResponse response = readiness.call();

        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
        assertEquals(300L, response.getData().orElseThrow().get("signingKeysAgeSeconds"));
    }

    @Test
    void downWhileTheConfigurationCannotBeResolvedFromWristband() {
        values.remove(ConfigKey.LOGIN_URL.key());
        values.put(ConfigKey.AUTO_CONFIGURE_ENABLED.key(), "true");
        emulator.fault(Endpoint.SDK_CONFIGURATION, STAYS_DOWN);

        HealthCheckResponse response = readiness().call();

        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        assertEquals("incomplete: sdk_config_error", response.getData().orElseThrow().get("configuration"));
    }

    @Test
    void pollingItDuringAnOutageAsksWristbandForTheSdkConfigurationOncePerCooldown() {
        values.remove(ConfigKey.LOGIN_URL.key());
        values.put(ConfigKey.AUTO_CONFIGURE_ENABLED.key(), "true");
        values.put(ConfigKey.JWKS_REFRESH_COOLDOWN.key(), "10");
        emulator.fault(Endpoint.SDK_CONFIGURATION, STAYS_DOWN);
        WristbandReadiness readiness = readiness();

        for (int poll = 0; poll < 5; poll++) {
            readiness.call();
            clock.advance(Duration.ofSeconds(1));
        }

        // One fetch: its 3 attempts (docs/protocol.md §2.5).
        assertEquals(3, emulator.calls(Endpoint.SDK_CONFIGURATION));
    }

    @Test
    void downWithinTheCooldownOfAFailedSdkConfigurationFetch() {
        values.remove(ConfigKey.LOGIN_URL.key());
        values.put(ConfigKey.AUTO_CONFIGURE_ENABLED.key(), "true");
        values.put(ConfigKey.JWKS_REFRESH_COOLDOWN.key(), "10");
        emulator.fault(Endpoint.SDK_CONFIGURATION, STAYS_DOWN);
        WristbandReadiness readiness = readiness();
        readiness.call();
        clock.advance(Duration.ofSeconds(5));

        HealthCheckResponse response = readiness.call();

        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        assertEquals("incomplete: sdk_config_error", response.getData().orElseThrow().get("configuration"));
    }

    @Test
    void pollingItDuringAnOutageAsksWristbandForKeysOncePerCooldown() {
        values.put(ConfigKey.JWKS_REFRESH_COOLDOWN.key(), "10");
        emulator.script(Endpoint.JWKS, DOWN, DOWN);
        WristbandReadiness readiness = readiness();

        for (int poll = 0; poll < 5; poll++) {
            readiness.call();
            clock.advance(Duration.ofSeconds(1));
        }

        assertEquals(1, emulator.calls(Endpoint.JWKS));
    }

    @Test
    void upAgainAtTheFirstPollAfterTheCooldownOnceWristbandIsBack() {
        values.put(ConfigKey.JWKS_REFRESH_COOLDOWN.key(), "10");
        emulator.script(Endpoint.JWKS, DOWN);
        WristbandReadiness readiness = readiness();
        assertEquals(HealthCheckResponse.Status.DOWN, readiness.call().getStatus());

        clock.advance(Duration.ofSeconds(9));
        HealthCheckResponse withinCooldown = readiness.call();
        clock.advance(Duration.ofSeconds(1));
        HealthCheckResponse afterIt = readiness.call();

        assertEquals(HealthCheckResponse.Status.DOWN, withinCooldown.getStatus());
        assertEquals(HealthCheckResponse.Status.UP, afterIt.getStatus());
        assertEquals(2, emulator.calls(Endpoint.JWKS));
    }
}
