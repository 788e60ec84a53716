package io.github.wristbandjakarta.bench.jmh;

import io.github.wristbandjakarta.api.WristbandCallObserver;
import io.github.wristbandjakarta.emulator.EmulatorClient;
import io.github.wristbandjakarta.emulator.Endpoint;
import io.github.wristbandjakarta.emulator.TokenMinter;
import io.github.wristbandjakarta.emulator.WristbandEmulator;
import io.github.wristbandjakarta.internal.config.ConfigKey;
import io.github.wristbandjakarta.internal.config.WristbandConfig;
import io.github.wristbandjakarta.internal.config.WristbandConfigLoader;
import io.github.wristbandjakarta.internal.token.IdTokenClaims;
import io.github.wristbandjakarta.internal.token.IdTokenValidator;
import io.github.wristbandjakarta.internal.token.JwksCache;
import io.github.wristbandjakarta.internal.wristband.WristbandClient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * ID-token validation at the callback: RS256 signature against a JWKS already in the cache (fetched once from the
 * test kit's emulator on a loopback port in the setup, never during the measurement), plus iss/aud/exp/iat/sub/nonce
 * checks, of an ID token with the claims the emulator's token endpoint issues.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class IdTokenValidatorBenchmark {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String NONCE = "n0S6_WzA2Mj4b8v0c1x2y3z4a5b6c7d8e9f0g1h2i3j";

    private WristbandEmulator emulator;
    private IdTokenValidator validator;
    private String idToken;

    @Setup
    public void setUp() {
        emulator = WristbandEmulator.start(0, new EmulatorClient("bench-client", "bench-client-secret",
                List.of("https://app.example/app/api/auth/callback"), "https://app.example/app/api/auth/login", null,
                false, null));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        WristbandConfig config = config(emulator);
        WristbandClient client = new WristbandClient(config, HttpClient.newHttpClient(), WristbandCallObserver.NONE);
        validator = new IdTokenValidator(config, new JwksCache(client, config.jwksRefreshCooldown(),
                config.requestTimeout(), clock), clock);
        TokenMinter minter = emulator.minter();
        idToken = minter.idToken(minter.idTokenClaims(emulator.users().get(0), NONCE, NOW, Duration.ofHours(1)));
        validator.validate(idToken, NONCE);
        int fetches = emulator.calls(Endpoint.JWKS);
        validator.validate(idToken, NONCE);
        if (emulator.calls(Endpoint.JWKS) != fetches) {
            throw new IllegalStateException("the JWKS is not cached");
        }
    }

    private static WristbandConfig config(WristbandEmulator emulator) {
        Map<String, String> values = new HashMap<>();
        values.put(ConfigKey.CLIENT_ID.key(), emulator.client().clientId());
        values.put(ConfigKey.CLIENT_SECRET.key(), emulator.client().clientSecret());
        values.put(ConfigKey.LOGIN_STATE_SECRET.key(), "7ffdbecc-ab7d-4134-9307-2dfcc52f7475");
        values.put(ConfigKey.APPLICATION_VANITY_DOMAIN.key(), emulator.applicationOrigin());
        values.put(ConfigKey.LOGIN_URL.key(), emulator.client().loginUrl());
        values.put(ConfigKey.REDIRECT_URI.key(), emulator.client().redirectUris().get(0));
        values.put(ConfigKey.AUTO_CONFIGURE_ENABLED.key(), "false");
        return WristbandConfigLoader.load(key -> Optional.ofNullable(values.get(key)), values.keySet());
    }

    @TearDown
    public void tearDown() {
        emulator.close();
    }

    @Benchmark
    public IdTokenClaims validateWithCachedJwks() {
        return validator.validate(idToken, NONCE);
    }
}
