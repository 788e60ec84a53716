package io.github.wristbandjakarta.bench;

import io.github.wristbandjakarta.servers.MeasuredCommit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * Where a run's results go: {@code target/bench/results.md} always, and with {@code -Dbench.docs=true} the block of
 * docs/benchmarks.md between its server's markers, each headed by the commit, the date, the machine and the command.
 */
final class ResultsPage {

    static final String BEGIN = "<!-- bench-results:begin -->";
    static final String END = "<!-- bench-results:end -->";
    static final String WILDFLY_BEGIN = "<!-- bench-results-wildfly:begin -->";
    static final String WILDFLY_END = "<!-- bench-results-wildfly:end -->";

    private ResultsPage() {
    }

    /** The heading, machine and command lines of a run's results; {@code notes} as a list below them. */
    static String header(Settings settings, String product, String loadAtStart, List<String> notes) {
        StringBuilder md = new StringBuilder(settings.onWildFly() ? "## Results on WildFly\n\n" : "## Results on Open Liberty\n\n");
        md.append("Machine: ").append(machine(product)).append(".  \n");
        md.append("Run ").append(LocalDate.now()).append(" at commit ").append(MeasuredCommit.of(settings.root(), "docs/benchmarks.md"))
                .append(" with `").append(settings.command()).append("`; load average ").append(loadAtStart)
                .append(" at the start, ").append(loadAverage()).append(" at the end.\n\n");
        for (String note : notes) {
            md.append("* ").append(note).append('\n');
        }
        if (!notes.isEmpty()) {
            md.append('\n');
        }
        return md.toString();
    }

    /** Replaces the results block of this run's server; the other server's block stays as it is. */
    static void update(Settings settings, String text) throws IOException {
        Path page = settings.resultsPage();
        String begin = settings.onWildFly() ? WILDFLY_BEGIN : BEGIN;
        String end = settings.onWildFly() ? WILDFLY_END : END;
        Files.writeString(page, replaceBlock(Files.readString(page), begin, end, text));
        BenchRunner.progress(page + ": results updated");
    }

    static String replaceBlock(String content, String begin, String end, String text) {
        int from = content.indexOf(begin);
        int to = content.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException("docs/benchmarks.md has no " + begin + " … " + end + " block");
        }
        return content.substring(0, from + begin.length()) + "\n" + text + content.substring(to);
    }

    /** Cores and CPU, memory, OS, JDK, the server product and wrk's version. */
    static String machine(String product) {
        String cpu = "unknown CPU";
        String memory = "";
        String os = System.getProperty("os.name");
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
            memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Math.round(Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0)
                            + " GiB RAM, ").orElse("");
            os = Files.readAllLines(Path.of("/etc/os-release")).stream().filter(l -> l.startsWith("PRETTY_NAME="))
                    .findFirst().map(l -> l.substring(13).replace("\"", "")).orElse(os);
        } catch (IOException | RuntimeException e) {
            // not Linux: less detail
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memory + os + ", JDK "
                + System.getProperty("java.version") + (product == null ? "" : ", " + product) + ", wrk "
                + Wrk.version();
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " / " + parts[1];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
