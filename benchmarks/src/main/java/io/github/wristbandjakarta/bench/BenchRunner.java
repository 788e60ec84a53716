package io.github.wristbandjakarta.bench;

import io.github.wristbandjakarta.servers.ServerNode;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark command ({@code ./mvnw -Pbench}, docs/benchmarks.md): on one server (Open Liberty, or WildFly with
 * {@code -Dbench.container=wildfly}), the HTTP cases ({@link Cases}) loaded by wrk against their baselines
 * ({@link HttpBenchmark}, {@link Report}), then the JMH microbenchmarks ({@link Jmh}); the results into
 * {@code target/bench/results.md} and, with {@code -Dbench.docs=true}, docs/benchmarks.md ({@link ResultsPage}).
 *
 * <p>Exits 0 only when every case and benchmark gave its figures: a check that fails, errors under load, a
 * benchmark that throws and a case or benchmark missing from the results all exit 1; no wrk exits 2.
 */
public final class BenchRunner {

    private BenchRunner() {
    }

    public static void main(String[] args) {
        int exit;
        try {
            exit = run(Settings.fromSystemProperties());
        } catch (Exception | AssertionError e) {
            System.err.println("[bench] failed: " + e);
            e.printStackTrace();
            exit = 1;
        }
        System.exit(exit);
    }

    private static int run(Settings settings) throws Exception {
        Files.createDirectories(settings.out());
        String loadAtStart = ResultsPage.loadAverage();
        ServerNode server = Deployment.server(settings);
        StringBuilder report = new StringBuilder();
        List<String> notes = List.of();
        boolean complete = true;
        if (!settings.jmhOnly()) {
            if (!Wrk.available()) {
                System.err.println(Wrk.MISSING);
                return 2;
            }
            List<HttpResults> starts = new ArrayList<>();
            for (int start = 1; start <= settings.starts(); start++) {
                if (settings.starts() > 1) {
                    progress("server start " + start + "/" + settings.starts());
                }
                starts.add(new HttpBenchmark(settings, server, start == 1).run());
            }
            HttpResults results = HttpResults.merge(starts);
            report.append(Report.markdown(results));
            notes = results.notes();
            complete = results.problems().isEmpty();
        }
        if (settings.withJmh()) {
            report.append('\n').append(Jmh.run(settings.out()));
        }
        String text = ResultsPage.header(settings, server.product(), loadAtStart, notes) + report;
        System.out.println();
        System.out.println(text);
        Files.writeString(settings.out().resolve("results.md"), text);
        if (!complete) {
            progress("errors under load (see Problems above): docs/benchmarks.md not updated");
        } else if (settings.docs() && !settings.only().isEmpty()) {
            progress("docs/benchmarks.md not updated: -Dbench.cases ran only some of the cases");
        } else if (settings.docs()) {
            ResultsPage.update(settings, text);
        }
        return complete ? 0 : 1;
    }

    static void progress(String message) {
        System.err.printf(Locale.ROOT, "[bench %tT] %s%n", System.currentTimeMillis(), message);
    }
}
