package io.github.wristbandjakarta.bench.jmh;

import io.github.wristbandjakarta.internal.config.WristbandConfig;
import io.github.wristbandjakarta.internal.token.FakeWristband;
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

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

/**
 * ID-token validation at the callback: RS256 signature against a JWKS already in the cache (fetched once from a
 * loopback stub in the setup, never during the measurement), plus iss/aud/exp/iat/sub/nonce checks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class IdTokenValidatorBenchmark {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String NONCE = "n0S6_WzA2Mj4b8v0c1x2y3z4a5b6c7d8e9f0g1h2i3j";

    private FakeWristband stub;
    private IdTokenValidator validator;
    private String idToken;

    @Setup
    public void setUp() throws IOException {
        stub = new FakeWristband();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        WristbandConfig config = FakeWristband.config(stub.baseConfig());
        WristbandClient client = FakeWristband.client(config);
        validator = new IdTokenValidator(config, new JwksCache(client, config.jwksRefreshCooldown(), config.requestTimeout(), clock), clock);
        idToken = stub.idToken(FakeWristband.USER_ID, NONCE, NOW);
        validator.validate(idToken, NONCE);
        int fetches = stub.count(FakeWristband.JWKS);
        validator.validate(idToken, NONCE);
        if (stub.count(FakeWristband.JWKS) != fetches) {
            throw new IllegalStateException("the JWKS is not cached");
        }
    }

    @TearDown
    public void tearDown() {
        stub.close();
    }

    @Benchmark
    public IdTokenClaims validateWithCachedJwks() {
        return validator.validate(idToken, NONCE);
    }
}
