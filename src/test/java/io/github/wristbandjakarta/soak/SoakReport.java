package io.github.wristbandjakarta.soak;

import io.github.wristbandjakarta.soak.Recorder.Answer;
import io.github.wristbandjakarta.soak.Recorder.Minute;
import io.github.wristbandjakarta.soak.Recorder.NodeSample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The soak's report: a results block (pass lines, faults, a table per minute) and a plot (SVG), written into
 * docs/soak.md between the block's markers and beside it under docs/soak/, and printed.
 */
final class SoakReport {

    private final SoakResult result;
    private final String server;
    private final String product;

    SoakReport(SoakResult result, String server, String product) {
        this.result = result;
        this.server = server;
        this.product = product;
    }

    String plotName() {
        return server + "-" + result.settings().length().toMinutes() + "min.svg";
    }

    /** The block's Markdown. */
    String block(String commit, String command) {
        SoakSettings s = result.settings();
        StringBuilder md = new StringBuilder();
        md.append("### ").append(product).append(", ").append(s.length().toMinutes()).append(" minutes\n\n");
        md.append("Written by `").append(command).append("` at commit `").append(commit).append("` on ")
                .append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
                .append(", on this project's 2-core build machine (the load generator, the emulator and both nodes share it).\n\n");
        md.append("Settings: ").append(s.describe()).append(". The pair's unpaced maximum: ")
                .append(Math.round(result.maximum())).append(" requests/s; paced at ").append(Math.round(result.target()))
                .append(" requests/s.\n\n");
        md.append("| Pass line | Seen | |\n|---|---|---|\n");
        List<Answer> lostOutside = result.lostOutsideKills();
        md.append(row("0 lost sessions outside the " + Math.round(result.killWindowAfter())
                        + " s after a kill (one access-token lifetime)",
                result.recorder().lost().size() + " signed-in requests answered as anonymous, " + lostOutside.size()
                        + " of them outside", lostOutside.isEmpty()));
        List<Answer> fiveOutside = result.fiveXxOutsideOutages();
        List<Answer> fiveInside = result.fiveXxInsideOutagesNotPromised();
        md.append(row("0 5xx outside Wristband's outages; inside them only the callback's 502",
                result.recorder().fiveXx().size() + " 5xx, " + fiveOutside.size() + " outside the outages, "
                        + fiveInside.size() + " inside them other than a callback's 502",
                fiveOutside.isEmpty() && fiveInside.isEmpty()));
        Map<String, Long> twice = result.refreshTokensPresentedTwice();
        long expiries = result.refreshCalls().size();
        long calls = result.refreshCalls().values().stream().mapToLong(List::size).sum();
        md.append(row("At most 1 refresh call per session per expiry (outside the faults' windows)",
                String.format(Locale.ROOT, "%d calls for %d expiries (%.2f per expiry, faults included; at most %d "
                                + "for one refresh token); %d refresh tokens presented twice outside the faults", calls,
                        expiries, expiries == 0 ? 0 : (double) calls / expiries, result.mostCallsForOneRefreshToken(),
                        twice.size()), twice.isEmpty()));
        List<SoakResult.Drift> drifts = result.drifts();
        md.append(row("Heap after a full GC at the end within 10 % of its level a full cycle ("
                        + Math.round(SoakResult.FIRST_CYCLE) + " s) after the node's latest start; threads flat (within "
                        + "10 %); each level the median of " + SoakResult.LEVEL_SAMPLES + " samples a minute apart",
                drifts.isEmpty() ? "no node has " + 2 * SoakResult.LEVEL_SAMPLES + " samples after its first cycle"
                        : drifts.stream().map(d -> String.format(Locale.ROOT,
                        "%s: heap %.0f → %.0f MB (%+.1f %%), threads %.0f → %.0f (%+.1f %%), from %s to %s", d.node(),
                        d.reference().heapAfterGc() / (1024 * 1024), d.end().heapAfterGc() / (1024 * 1024),
                        (d.heapRatio() - 1) * 100, d.reference().threads(), d.end().threads(),
                        (d.threadRatio() - 1) * 100, SoakSettings.minutes(java.time.Duration.ofSeconds(
                                (long) d.reference().from())), SoakSettings.minutes(java.time.Duration.ofSeconds(
                                (long) d.end().to())))).collect(Collectors.joining("; ")),
                !drifts.isEmpty() && drifts.stream().allMatch(SoakResult.Drift::flat)));
        md.append("\nFaults and what the balancer did (seconds from the start of the paced load):\n\n");
        for (Recorder.Event e : result.recorder().events()) {
            md.append("* ").append(Math.round(e.second())).append(" s: ").append(e.what()).append('\n');
        }
        md.append("\n![requests, latency, heap and threads per minute](soak/").append(plotName()).append(")\n\n");
        md.append("| min | requests | req/s | 2xx | 302 | 401 | 5xx | lost | retried | sign-ins (failed) | logouts "
                + "| p50 ms | p99 ms | heap MB (A / B) | threads (A / B) | sessions (A / B) |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map.Entry<Integer, Minute> e : result.recorder().minutes().entrySet()) {
            int m = e.getKey();
            Minute minute = e.getValue();
            long requests = minute.requests.sum();
            long ok = minute.byStatus.entrySet().stream().filter(x -> x.getKey() / 100 == 2)
                    .mapToLong(x -> x.getValue().sum()).sum();
            long five = minute.byStatus.entrySet().stream().filter(x -> x.getKey() / 100 == 5)
                    .mapToLong(x -> x.getValue().sum()).sum();
            md.append(String.format(Locale.ROOT, "| %d | %d | %.0f | %d | %d | %d | %d | %d | %d | %d (%d) | %d | %.1f | %.1f | %s | %s | %s |%n",
                    m, requests, requests / 60.0, ok, minute.status(302), minute.status(401), five, minute.lost.sum(),
                    minute.retried.sum(), minute.signIns.sum(), minute.failedSignIns.sum(), minute.logouts.sum(),
                    minute.quantileMillis(0.5), minute.quantileMillis(0.99),
                    pair(m, x -> mb(x.heapAfterGc()), "%.0f"), pair(m, NodeSample::threads, "%.0f"),
                    pair(m, NodeSample::sessions, "%.0f")));
        }
        md.append("\nSessions: " + sessionsMeaning() + "\n");
        List<Answer> lost = result.recorder().lost();
        if (!lost.isEmpty() || !result.recorder().fiveXx().isEmpty()) {
            md.append("\nThe first answers of lost sessions and 5xx (second, node, request, answer):\n\n");
            lost.stream().limit(12).forEach(a -> md.append(answer("lost", a)));
            result.recorder().fiveXx().stream().limit(12).forEach(a -> md.append(answer("5xx", a)));
        }
        return md.toString();
    }

    /** What the sessions column counts on this server (SoakStats). */
    private String sessionsMeaning() {
        return server.equals("wildfly")
                ? "the sessions each node owns in the distributed session cache, as WildFly lists them (the "
                        + "deployment's management operation `list-sessions`); the two add up to the cluster's sessions."
                : "the sessions each node holds in memory, as Open Liberty counts them (`LiveCount` of the "
                        + "`SessionStats` MXBean, `monitor-1.0`): its copies of the sessions it served, those that "
                        + "ended on the other node included until they time out or are evicted (at most "
                        + "`maxInMemorySessionCount`, 1000 by default).";
    }

    private static String answer(String kind, Answer a) {
        return String.format(Locale.ROOT, "* %s at %.0f s on %s, %s: %s%n", kind, a.second(), a.node(), a.request(),
                a.detail() == null ? String.valueOf(a.status()) : a.detail().replace("|", "\\|"));
    }

    private static String row(String line, String seen, boolean pass) {
        return "| " + line + " | " + seen + " | " + (pass ? "**pass**" : "**FAIL**") + " |\n";
    }

    private String pair(int minute, ToDoubleFunction<NodeSample> value, String format) {
        return sampleIn(minute, "a").map(x -> String.format(Locale.ROOT, format, value.applyAsDouble(x))).orElse("–")
                + " / " + sampleIn(minute, "b").map(x -> String.format(Locale.ROOT, format, value.applyAsDouble(x)))
                .orElse("–");
    }

    private Optional<NodeSample> sampleIn(int minute, String node) {
        return result.recorder().samples().stream().filter(x -> x.node().endsWith(node))
                .filter(x -> Math.floor(x.second() / 60) == minute).findFirst();
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    /** Replaces the block between its markers in docs/soak.md (adding it at the end when new), and writes the plot. */
    void write(Path docs, String commit, String command) throws IOException {
        String marker = "soak:" + server + ":" + result.settings().length().toMinutes() + "min";
        String begin = "<!-- " + marker + " begin -->";
        String end = "<!-- " + marker + " end -->";
        Path page = docs.resolve("soak.md");
        String text = Files.readString(page);
        String block = begin + "\n" + block(commit, command) + end;
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        text = from >= 0 && to > from ? text.substring(0, from) + block + text.substring(to + end.length())
                : text.stripTrailing() + "\n\n" + block + "\n";
        Files.writeString(page, text);
        Files.createDirectories(docs.resolve("soak"));
        Files.writeString(docs.resolve("soak").resolve(plotName()), new SoakPlot(result, product).svg());
    }
}
