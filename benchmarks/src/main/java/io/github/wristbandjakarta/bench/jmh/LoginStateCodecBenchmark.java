package io.github.wristbandjakarta.bench.jmh;

import io.github.wristbandjakarta.internal.login.LoginState;
import io.github.wristbandjakarta.internal.login.LoginStateCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Sealing a login state into its cookie value (Login Endpoint) and opening it (Callback Endpoint). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LoginStateCodecBenchmark {

    private LoginStateCodec codec;
    private LoginState state;
    private String sealed;

    @Setup
    public void setUp() {
        codec = new LoginStateCodec("bench-login-state-secret-0123456789abcdef");
        state = new LoginState("Xq3v9kG2pL7mN4rT8wY1zB6cD0fH5jK2sA9eU3iO7uQ", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
                "n0S6_WzA2Mj4b8v0c1x2y3z4a5b6c7d8e9f0g1h2i3j",
                "http://localhost:9380/wristband-jakarta-auth/api/auth/callback",
                "http://localhost:9380/wristband-jakarta-auth/pages/profile.xhtml", null, "devs4you", null,
                Instant.parse("2026-01-01T00:00:00Z"));
        sealed = codec.seal(state);
        if (codec.open(sealed).isEmpty()) {
            throw new IllegalStateException("sealed state does not open");
        }
    }

    @Benchmark
    public String seal() {
        return codec.seal(state);
    }

    @Benchmark
    public Optional<LoginState> open() {
        return codec.open(sealed);
    }
}
