package io.github.wristbandjakarta.bench.jmh;

import jakarta.security.enterprise.AuthenticationStatus;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each JMH benchmark set up and called once, as {@code -Pbench} would, so that a change of the library that the
 * benchmarks' fakes do not answer fails the build rather than a benchmark run. The set-ups check their own outcomes.
 */
class BenchmarksRunTest {

    @Test
    void theMechanismBenchmarksAnswerAsTheContainerExpects() {
        MechanismBenchmark benchmark = new MechanismBenchmark();
        benchmark.setUp();

        assertEquals(AuthenticationStatus.SUCCESS, benchmark.validSessionApi());
        assertEquals(AuthenticationStatus.SUCCESS, benchmark.validSessionApiFirstOnNode());
        assertEquals(AuthenticationStatus.SUCCESS, benchmark.validSessionPage());
        assertEquals(AuthenticationStatus.NOT_DONE, benchmark.publicNoSession());
    }

    @Test
    void theSessionSealBenchmarkOpensWhatItSeals() {
        SessionSealBenchmark benchmark = new SessionSealBenchmark();
        benchmark.setUp();

        assertNotNull(benchmark.seal());
        assertTrue(benchmark.openFirstOnNode().isPresent());
    }

    @Test
    void theLoginStateBenchmarkOpensWhatItSeals() {
        LoginStateCodecBenchmark benchmark = new LoginStateCodecBenchmark();
        benchmark.setUp();

        assertNotNull(benchmark.seal());
        assertTrue(benchmark.open().isPresent());
    }

    @Test
    void theIdTokenBenchmarkValidatesWithTheCachedKeys() {
        IdTokenValidatorBenchmark benchmark = new IdTokenValidatorBenchmark();
        benchmark.setUp();
        try {
            assertNotNull(benchmark.validateWithCachedJwks());
        } finally {
            benchmark.tearDown();
        }
    }
}
