package io.github.wristbandjakarta.bench;

import io.github.wristbandjakarta.bench.jmh.IdTokenValidatorBenchmark;
import io.github.wristbandjakarta.bench.jmh.LoginStateCodecBenchmark;
import io.github.wristbandjakarta.bench.jmh.MechanismBenchmark;
import io.github.wristbandjakarta.bench.jmh.SessionSealBenchmark;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The JMH microbenchmarks (package {@code jmh}): run in one fork, every declared one must give a result. */
final class Jmh {

    /** The benchmark classes; a unit test checks that JMH generated exactly their benchmarks. */
    static final List<Class<?>> CLASSES = List.of(IdTokenValidatorBenchmark.class, LoginStateCodecBenchmark.class,
            MechanismBenchmark.class, SessionSealBenchmark.class);

    private static final String PACKAGE = "io.github.wristbandjakarta.bench.jmh.";

    private Jmh() {
    }

    /** {@code Class.method} of every {@code @Benchmark} method of {@link #CLASSES}. */
    static Set<String> declared() {
        return CLASSES.stream().flatMap(c -> Arrays.stream(c.getDeclaredMethods())
                        .filter(m -> m.isAnnotationPresent(Benchmark.class))
                        .map(m -> c.getSimpleName() + "." + m.getName()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** {@code Class.method} of every benchmark JMH's annotation processor generated into this module. */
    static Set<String> generated() throws IOException {
        try (InputStream list = Jmh.class.getClassLoader().getResourceAsStream(BenchmarkList.BENCHMARK_LIST.substring(1))) {
            if (list == null) {
                return Set.of();
            }
            return BenchmarkList.readBenchmarkList(list).stream().map(BenchmarkListEntry::getUsername)
                    .map(name -> name.replace(PACKAGE, "")).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** The benchmarks of {@code expected} that have no result: a benchmark must not vanish from the table. */
    static Set<String> missing(Set<String> expected, Collection<String> measured) {
        Set<String> missing = new TreeSet<>(expected);
        measured.forEach(missing::remove);
        return missing;
    }

    static String run(Path out) throws Exception {
        // Eight warm-up seconds: with two, the AES-GCM and RSA paths were still interpreted when measuring began
        // (16-27 µs per warm-up iteration, 1.4 µs once compiled, after four seconds) and the table showed the JIT.
        BenchRunner.progress("JMH: 1 fork, 8 x 1 s warm-up, 5 x 1 s measurement per benchmark");
        Options options = new OptionsBuilder()
                .include(CLASSES.stream().map(c -> "^" + c.getName().replace(".", "\\.") + "\\.")
                        .collect(Collectors.joining("|")))
                .forks(1)
                .warmupIterations(8).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                .output(out.resolve("jmh.log").toString())
                // A benchmark that throws fails the run (RunnerException), instead of leaving out its row.
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        List<String> measured = results.stream().map(r -> r.getParams().getBenchmark().replace(PACKAGE, "")).toList();
        Set<String> missing = missing(declared(), measured);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("JMH gave no result for " + missing + "; see " + out.resolve("jmh.log"));
        }
        StringBuilder md = new StringBuilder("### Microbenchmarks (JMH)\n\n")
                .append("| Benchmark | Time per operation | ± (99.9 %) |\n|---|---:|---:|\n");
        results.stream().sorted(Comparator.comparing(r -> r.getParams().getBenchmark())).forEach(r -> {
            double score = r.getPrimaryResult().getScore();
            double error = r.getPrimaryResult().getScoreError();
            md.append("| `").append(r.getParams().getBenchmark().replace(PACKAGE, "")).append("` | ")
                    .append(nanos(score)).append(" | ").append(Double.isNaN(error) ? "" : nanos(error)).append(" |\n");
        });
        return md.toString();
    }

    private static String nanos(double ns) {
        return ns >= 10_000 ? Report.fmt("%.1f µs", ns / 1000) : Report.fmt("%.0f ns", ns);
    }
}
