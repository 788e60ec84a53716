package io.github.wristbandjakarta.bench;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A load or a microbenchmark that gives no figures fails the run instead of leaving a row out. */
class LoadTest {

    @Test
    void wrksResultLineGivesTheFigures() {
        Load load = Wrk.parse("public-endpoint", "Running 3s test\nBENCH requests=3000 duration_us=2000000 p50_us=900 "
                + "p99_us=8000 connect=0 read=1 write=0 status=2 timeout=0\n", 0);
        assertEquals(new Load(1500, 900, 8000, 3, 3000), load);
    }

    @Test
    void wrkWithoutAResultFailsTheRun() {
        assertThrows(IllegalStateException.class, () -> Wrk.parse("public-endpoint", "unable to connect", 1));
        assertThrows(IllegalStateException.class, () -> Wrk.parse("public-endpoint", "PANIC: lua error", 0));
    }

    @Test
    void jmhGeneratedExactlyTheDeclaredBenchmarks() throws Exception {
        Set<String> declared = Jmh.declared();
        assertFalse(declared.isEmpty());
        assertEquals(declared, Jmh.generated(), "a benchmark class of package jmh missing from Jmh.CLASSES, or JMH's "
                + "annotation processor did not run");
    }

    @Test
    void aBenchmarkWithoutAResultIsReported() {
        assertEquals(Set.of("SessionSealBenchmark.seal"), Jmh.missing(
                Set.of("SessionSealBenchmark.seal", "SessionSealBenchmark.openFirstOnNode"),
                Set.of("SessionSealBenchmark.openFirstOnNode")));
    }
}
