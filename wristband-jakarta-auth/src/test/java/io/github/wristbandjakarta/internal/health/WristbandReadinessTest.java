package io.github.wristbandjakarta.internal.health;

import io.github.wristbandjakarta.internal.config.ConfigKey;
import io.github.wristbandjakarta.internal.config.WristbandConfig;
import io.github.wristbandjakarta.internal.token.FakeWristband;
import io.github.wristbandjakarta.internal.token.FakeWristband.Answer;
import io.github.wristbandjakarta.internal.token.FakeWristband.MutableClock;
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

import static io.github.wristbandjakarta.internal.token.FakeWristband.JWKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The readiness check against a stub Wristband: configuration, signing keys, their age, and what it asks of Wristband. */
class WristbandReadinessTest {

    private static final Answer DOWN = Answer.json(503, "{}");
    private static final String SDK_CONFIGURATION = "/api/v1/clients/" + FakeWristband.CLIENT_ID + "/sdk-configuration";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private FakeWristband stub;
    private Map<String, String> values;

    @BeforeEach
    void start() throws IOException {
        stub = new FakeWristband();
        values = stub.baseConfig();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private WristbandReadiness readiness() {
        WristbandConfig config = FakeWristband.config(values);
        WristbandClient client = FakeWristband.client(config);
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
        stub.answer(JWKS, DOWN);
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
        stub.answer(JWKS, DOWN);

        HealthCheckResponse response = readiness().call();

        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        assertEquals(Map.of("configuration", "complete", "signingKeys", 0L), response.getData().orElseThrow());
    }

    @Test
    void keysKeptThroughAnOutageKeepItUpAndShowTheirAge() {
        values.put(ConfigKey.JWKS_REFRESH_COOLDOWN.key(), "0");
        WristbandReadiness readiness = readiness();
        readiness.call();
        stub.always(JWKS, DOWN);
        clock.advance(Duration.ofMinutes(5));

        HealthCheckResponse response = readiness.call();

        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
        assertEquals(300L, response.getData().orElseThrow().get("signingKeysAgeSeconds"));
    }

    @Test
    void downWhileTheConfigurationCannotBeResolvedFromWristband() {
        values.remove(ConfigKey.LOGIN_URL.key());
        values.put(ConfigKey.AUTO_CONFIGURE_ENABLED.key(), "true");
        stub.always(SDK_CONFIGURATION, DOWN);

        HealthCheckResponse response = readiness().call();

        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        assertEquals("incomplete: sdk_config_error", response.getData().orElseThrow().get("configuration"));
    }

    @Test
    void pollingItDuringAnOutageAsksWristbandForTheSdkConfigurationOncePerCooldown() {
        values.remove(ConfigKey.LOGIN_URL.key());
        values.put(ConfigKey.AUTO_CONFIGURE_ENABLED.key(), "true");
        values.put(ConfigKey.JWKS_REFRESH_COOLDOWN.key(), "10");
        stub.always(SDK_CONFIGURATION, DOWN);
        WristbandReadiness readiness = readiness();

        for (int poll = 0; poll < 5; poll++) {
            readiness.call();
            clock.advance(Duration.ofSeconds(1));
        }

        // One fetch: its 3 attempts (docs/protocol.md §2.5).
        assertEquals(3, stub.count(SDK_CONFIGURATION));
    }

    @Test
    void downWithinTheCooldownOfAFailedSdkConfigurationFetch() {
        values.remove(ConfigKey.LOGIN_URL.key());
        values.put(ConfigKey.AUTO_CONFIGURE_ENABLED.key(), "true");
        values.put(ConfigKey.JWKS_REFRESH_COOLDOWN.key(), "10");
        stub.always(SDK_CONFIGURATION, DOWN);
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
        stub.answer(JWKS, DOWN, DOWN);
        WristbandReadiness readiness = readiness();

        for (int poll = 0; poll < 5; poll++) {
            readiness.call();
            clock.advance(Duration.ofSeconds(1));
        }

        assertEquals(1, stub.count(JWKS));
    }

    @Test
    void upAgainAtTheFirstPollAfterTheCooldownOnceWristbandIsBack() {
        values.put(ConfigKey.JWKS_REFRESH_COOLDOWN.key(), "10");
        stub.answer(JWKS, DOWN);
        WristbandReadiness readiness = readiness();
        assertEquals(HealthCheckResponse.Status.DOWN, readiness.call().getStatus());

        clock.advance(Duration.ofSeconds(9));
        HealthCheckResponse withinCooldown = readiness.call();
        clock.advance(Duration.ofSeconds(1));
        HealthCheckResponse afterIt = readiness.call();

        assertEquals(HealthCheckResponse.Status.DOWN, withinCooldown.getStatus());
        assertEquals(HealthCheckResponse.Status.UP, afterIt.getStatus());
        assertEquals(2, stub.count(JWKS));
    }
}
