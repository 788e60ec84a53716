package io.github.wristbandjakarta.bench;

import io.github.wristbandjakarta.bench.BenchRunner.Case;
import io.github.wristbandjakarta.bench.BenchRunner.Result;
import io.github.wristbandjakarta.bench.BenchRunner.Sample;
import io.github.wristbandjakarta.bench.BenchRunner.Target;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleBiFunction;

/** The markdown of the HTTP part: one row per case (medians over the rounds), then the targets. */
final class Report {

    private Report() {
    }

    static String markdown(Result r) {
        StringBuilder md = new StringBuilder();
        md.append("### HTTP, same server, one run\n\n")
                .append("Medians over ").append(r.settings().rounds()).append(" rounds of ")
                .append(r.settings().duration()).append(" s per case and load, cases in alternating order (d and e, which leave new ")
                .append("sessions on the server, after all rounds of the others); ")
                .append("\"load\" = wrk, ").append(r.settings().connections()).append(" connections; \"1 conn\" = ")
                .append("wrk with one connection (unloaded latency). Ratio = req/s ÷ the baseline's, per round; ")
                .append("Δp50 = p50 (1 conn) − the baseline's, per round; CPU/req = the server JVM's CPU time (all ")
                .append("its threads) per request at load. Cases with sessions rotate over ")
                .append(r.settings().users()).append(" of them.\n\n")
                .append("| Case | What | req/s (load) | p50 (load) | p99 (load) | CPU/req (load) | Baseline | Ratio | p50 (1 conn) | p99 (1 conn) | Δp50 (1 conn) |\n")
                .append("|---|---|---:|---:|---:|---:|---|---:|---:|---:|---:|\n");
        Map<String, List<Sample>> s = r.samples();
        for (Case c : r.cases()) {
            List<Sample> samples = s.get(c.id());
            md.append("| ").append(c.id()).append(" | ").append(c.what()).append(" | ")
                    .append(fmt("%.0f", BenchRunner.median(samples, Sample::rps))).append(" | ")
                    .append(micros(BenchRunner.median(samples, Sample::p50us))).append(" | ")
                    .append(micros(BenchRunner.median(samples, Sample::p99us))).append(" | ")
                    .append(micros(BenchRunner.median(samples, Sample::cpuUs))).append(" | ");
            if (c.baseline() == null) {
                md.append("— | — | ");
            } else {
                md.append(c.baseline()).append(" | ").append(fmt("%.2f×", ratio(r, c))).append(" | ");
            }
            md.append(micros(BenchRunner.median(samples, Sample::p50us1))).append(" | ")
                    .append(micros(BenchRunner.median(samples, Sample::p99us1))).append(" | ")
                    .append(c.baseline() == null ? "—" : fmt("%+.0f µs", overhead(r, c))).append(" |\n");
        }
        md.append("\n(e counts full sign-ins: req/s = round trips/s, latencies per round trip, measured by JVM ")
                .append("clients since wrk speaks to one host; the emulator runs in the bench JVM.)\n\n");

        md.append("### Targets\n\n| Target | Measured | Met |\n|---|---:|---|\n");
        for (Case c : r.cases()) {
            if (c.target() == Target.SESSION_THROUGHPUT || c.target() == Target.PUBLIC_THROUGHPUT
                    || c.target() == Target.OUR_SHARE) {
                // The Session Endpoint against the baseline on Liberty; on WildFly against a3, the least
                // any mechanism costs there.
                boolean wildfly = r.settings().onWildFly();
                String baseline = c.target() == Target.SESSION_THROUGHPUT && wildfly ? "a3" : c.baseline();
                double target = switch (c.target()) {
                    case SESSION_THROUGHPUT -> wildfly ? BenchRunner.SESSION_TARGET_WILDFLY
                            : BenchRunner.SESSION_TARGET_LIBERTY;
                    case OUR_SHARE -> BenchRunner.OUR_SHARE_TARGET;
                    default -> BenchRunner.PUBLIC_TARGET;
                };
                double ratio = perRound(r, c.id(), baseline, (mine, base) -> mine.rps() / base.rps());
                md.append("| ").append(c.id()).append(" throughput ≥ ").append(fmt("%.2f", target)).append("× ")
                        .append(baseline).append(" (").append(c.what()).append(") | ")
                        .append(fmt("%.2f×", ratio)).append(" | ").append(met(ratio >= target)).append(" |\n");
            } else if (c.target() == Target.PROTECTED_OVERHEAD) {
                double overhead = overhead(r, c);
                md.append("| ").append(c.id()).append(" overhead ≤ ").append(fmt("%.0f", BenchRunner.OVERHEAD_TARGET_US))
                        .append(" µs at p50 vs ").append(c.baseline()).append(" (").append(c.what()).append(") | ")
                        .append(fmt("%+.0f µs", overhead)).append(" | ")
                        .append(met(overhead <= BenchRunner.OVERHEAD_TARGET_US)).append(" |\n");
            }
        }
        md.append("| Serialized sealed session ≤ ").append(BenchRunner.SESSION_BYTES_TARGET).append(" bytes | ")
                .append(r.sessionBytes()).append(" bytes | ").append(met(r.sessionBytes() <= BenchRunner.SESSION_BYTES_TARGET))
                .append(" |\n");
        md.append("| Cookies of a signed-in browser ≤ ").append(BenchRunner.COOKIE_BYTES_TARGET).append(" bytes (")
                .append(r.cookieNames()).append(") | ").append(r.cookieBytes()).append(" bytes | ")
                .append(met(r.cookieBytes() <= BenchRunner.COOKIE_BYTES_TARGET)).append(" |\n");
        md.append(split(r));
        if (!r.problems().isEmpty()) {
            md.append("\n**Problems:** ").append(String.join("; ", r.problems())).append('\n');
        }
        return md.toString();
    }

    /**
     * Splits a missed throughput target into the container's share and ours, with the diagnostic WARs: a3 (a
     * mechanism that does nothing) for public requests, b0 (a mechanism that makes every request one caller) for
     * signed-in ones.
     */
    private static String split(Result r) {
        StringBuilder rows = new StringBuilder();
        row(rows, r, "a3", "a", "Jakarta Security's presence: a mechanism that does nothing, on a public request");
        row(rows, r, "a2", "a3", "our library on a public request, beyond a mechanism that does nothing");
        row(rows, r, "b0", "a", "the container's login of a caller (`notifyContainerAboutLogin`), no session");
        row(rows, r, "b0s", "b0", "the container's session, read by the mechanism on every request, beyond that login");
        row(rows, r, "b1", "b0", "our share of an authenticated request (sealed session, lifetime and CSRF checks), beyond that login");
        row(rows, r, "b1", "b0s", "our share beyond a mechanism that reads its caller from the container's session: the sealed session, lifetime and CSRF checks alone");
        row(rows, r, "b", "a3", "the Session Endpoint signed in (no container login), beyond a mechanism that does nothing");
        if (rows.isEmpty()) {
            return "";
        }
        return "\n### Whose cost\n\n"
                + "Throughput ratios as above; \"by CPU\" is the same ratio from the server's CPU time per request "
                + "(the baseline's ÷ the case's, per round), which moves less with what else the machine runs.\n\n"
                + "| Ratio | What it isolates | Measured | By CPU |\n|---|---|---:|---:|\n" + rows;
    }

    private static void row(StringBuilder md, Result r, String id, String baseline, String what) {
        if (r.samples().containsKey(id) && r.samples().containsKey(baseline)) {
            md.append("| ").append(id).append(" ÷ ").append(baseline).append(" | ").append(what).append(" | ")
                    .append(fmt("%.2f×", perRound(r, id, baseline, (mine, base) -> mine.rps() / base.rps())))
                    .append(" | ")
                    .append(fmt("%.2f×", perRound(r, id, baseline, (mine, base) -> base.cpuUs() / mine.cpuUs())))
                    .append(" |\n");
        }
    }

    private static double ratio(Result r, Case c) {
        return perRound(r, c.id(), c.baseline(), (mine, base) -> mine.rps() / base.rps());
    }

    private static double overhead(Result r, Case c) {
        return perRound(r, c.id(), c.baseline(), (mine, base) -> mine.p50us1() - base.p50us1());
    }

    private static double perRound(Result r, String id, String baseline, ToDoubleBiFunction<Sample, Sample> f) {
        List<Sample> mine = r.samples().get(id);
        List<Sample> base = r.samples().get(baseline);
        double[] values = new double[Math.min(mine.size(), base.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = f.applyAsDouble(mine.get(i), base.get(i));
        }
        return BenchRunner.median(values);
    }

    private static String met(boolean met) {
        return met ? "met" : "**not met**";
    }

    private static String micros(double us) {
        if (Double.isNaN(us)) {
            return "—";
        }
        return us >= 10_000 ? fmt("%.1f ms", us / 1000) : fmt("%.0f µs", us);
    }

    private static String fmt(String format, double value) {
        return String.format(Locale.ROOT, format, value);
    }
}
