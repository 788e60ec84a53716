package io.github.wristbandjakarta.bench;

import io.github.wristbandjakarta.bench.BenchCase.Target;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleBiFunction;
import java.util.stream.Collectors;

/**
 * The markdown of the HTTP part: one row per case (medians over the rounds) beside its baseline and the ratio to
 * it, then the targets, then the ratios that split a request's cost between the container and the library.
 */
final class Report {

    /** Session Endpoint ÷ the baseline on Liberty; ÷ the direct mechanism floor on WildFly. */
    static final double SESSION_TARGET_LIBERTY = 0.80;
    static final double SESSION_TARGET_WILDFLY = 0.85;
    static final double PUBLIC_TARGET = 0.95;
    /** Our share of a public request: our WAR's public endpoint ÷ the same endpoint beside a mechanism doing nothing. */
    static final double PUBLIC_SHARE_TARGET = 0.95;
    /** WildFly's price for a mechanism, called as the library has it called: the direct floor ÷ the baseline. */
    static final double WILDFLY_MECHANISM_TARGET = 0.80;
    /**
     * Our share of an authenticated request beyond the container's login of a caller read from the container's
     * session.
     */
    static final double OUR_SHARE_TARGET = 0.95;
    /** A signed-in page or API call against its public twin: the container's identity costs about a session read. */
    static final double PROTECTED_TARGET = 0.85;
    static final double OVERHEAD_TARGET_US = 50;
    static final int SESSION_BYTES_TARGET = 4096;
    static final int COOKIE_BYTES_TARGET = 1024;

    private Report() {
    }

    /** @throws IllegalStateException if a declared case has not one sample per round */
    static String markdown(HttpResults r) {
        List<String> missing = r.missing();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("cases missing from the results: " + String.join(", ", missing));
        }
        StringBuilder md = new StringBuilder();
        md.append("### HTTP, same server, one run\n\n")
                .append("Medians over ").append(r.settings().rounds()).append(" rounds of ")
                .append(r.settings().duration()).append(" s per case and load")
                .append(r.settings().starts() > 1 ? " on each of " + r.settings().starts() + " server starts" : "")
                .append(", cases in alternating order (")
                .append(Cases.LOGIN_ENDPOINT).append(" and ").append(Cases.LOGIN_ROUND_TRIP)
                .append(", which leave new sessions on the server, after all rounds of the others); ")
                .append("\"load\" = wrk, ").append(r.settings().connections()).append(" connections; \"1 conn\" = ")
                .append("wrk with one connection (unloaded latency). Ratio = req/s ÷ the baseline's, per round; ")
                .append("Δp50 = p50 (1 conn) − the baseline's, per round; CPU/req = the server JVM's CPU time (all ")
                .append("its threads) per request at load. Cases with sessions rotate over ")
                .append(r.settings().users()).append(" of them.\n\n")
                .append("| Case | What | Baseline | Ratio | req/s (load) | p50 (load) | p99 (load) | CPU/req (load) | p50 (1 conn) | p99 (1 conn) | Δp50 (1 conn) |\n")
                .append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (BenchCase c : r.cases()) {
            List<Sample> samples = r.samples().get(c.name());
            md.append("| `").append(c.name()).append("` | ").append(c.what()).append(" | ");
            if (c.baseline() == null) {
                md.append("— | — | ");
            } else {
                md.append('`').append(c.baseline()).append("` | ")
                        .append(fmt("%.2f×", throughputRatio(r, c.name(), c.baseline()))).append(" | ");
            }
            md.append(fmt("%.0f", Sample.median(samples, Sample::rps))).append(" | ")
                    .append(micros(Sample.median(samples, Sample::p50us))).append(" | ")
                    .append(micros(Sample.median(samples, Sample::p99us))).append(" | ")
                    .append(micros(Sample.median(samples, Sample::cpuUs))).append(" | ")
                    .append(micros(Sample.median(samples, Sample::p50us1))).append(" | ")
                    .append(micros(Sample.median(samples, Sample::p99us1))).append(" | ")
                    .append(c.baseline() == null ? "—" : fmt("%+.0f µs", overhead(r, c))).append(" |\n");
        }
        md.append("\n(").append(Cases.LOGIN_ROUND_TRIP).append(" counts full sign-ins: req/s = round trips/s, ")
                .append("latencies per round trip, measured by JVM clients since wrk speaks to one host; the emulator ")
                .append("runs in the bench JVM.)\n\n");
        md.append(targets(r)).append(split(r));
        if (!r.problems().isEmpty()) {
            md.append("\n**Problems:** ").append(String.join("; ", r.problems())).append('\n');
        }
        return md.toString();
    }

    private static String targets(HttpResults r) {
        StringBuilder md = new StringBuilder("### Targets\n\n| Target | Measured | Met |\n|---|---:|---|\n");
        boolean wildfly = r.settings().onWildFly();
        for (BenchCase c : r.cases()) {
            if (c.target() == Target.SESSION_THROUGHPUT || c.target() == Target.PUBLIC_THROUGHPUT
                    || c.target() == Target.OUR_SHARE) {
                String baseline = Cases.targetBaseline(c, wildfly);
                double target = switch (c.target()) {
                    case SESSION_THROUGHPUT -> wildfly ? SESSION_TARGET_WILDFLY : SESSION_TARGET_LIBERTY;
                    case OUR_SHARE -> OUR_SHARE_TARGET;
                    default -> PUBLIC_TARGET;
                };
                ratioTarget(md, r, c.name(), baseline, target, null);
            } else if (c.target() == Target.PROTECTED_OVERHEAD) {
                ratioTarget(md, r, c.name(), c.baseline(), PROTECTED_TARGET, "signed in, against its public twin");
                double overhead = overhead(r, c);
                md.append("| `").append(c.name()).append("` overhead ≤ ").append(fmt("%.0f", OVERHEAD_TARGET_US))
                        .append(" µs at p50 (1 conn) vs `").append(c.baseline()).append("` (throughput ")
                        .append(fmt("%.2f×", throughputRatio(r, c.name(), c.baseline()))).append(") | ")
                        .append(fmt("%+.0f µs", overhead)).append(" | ").append(met(overhead <= OVERHEAD_TARGET_US))
                        .append(" |\n");
            }
        }
        String floor = Cases.publicFloor(wildfly);
        ratioTarget(md, r, Cases.PUBLIC_ENDPOINT, floor, PUBLIC_SHARE_TARGET, "our share of a public request",
                new Part("the library alone", Cases.LIBRARY_PUBLIC_ENDPOINT, floor),
                new Part("the reference application's own content", Cases.PUBLIC_ENDPOINT,
                        Cases.LIBRARY_PUBLIC_ENDPOINT));
        if (wildfly) {
            ratioTarget(md, r, Cases.DIRECT_MECHANISM_FLOOR, Cases.BASELINE, WILDFLY_MECHANISM_TARGET,
                    "WildFly's price for a mechanism",
                    new Part("CDI alone (a WAR with a mechanism bean is a bean archive)", Cases.CDI_FLOOR,
                            Cases.BASELINE),
                    new Part("the mechanism beyond CDI", Cases.DIRECT_MECHANISM_FLOOR, Cases.CDI_FLOOR));
        }
        md.append("| Serialized sealed session ≤ ").append(SESSION_BYTES_TARGET).append(" bytes | ")
                .append(r.sessionBytes()).append(" bytes | ").append(met(r.sessionBytes() <= SESSION_BYTES_TARGET))
                .append(" |\n");
        md.append("| Cookies of a signed-in browser ≤ ").append(COOKIE_BYTES_TARGET).append(" bytes (")
                .append(r.cookieNames()).append(") | ").append(r.cookieBytes()).append(" bytes | ")
                .append(met(r.cookieBytes() <= COOKIE_BYTES_TARGET)).append(" |\n");
        return md.toString();
    }

    /** One factor of a ratio: {@code name} ÷ {@code baseline}, which the diagnostic cases measure on their own. */
    private record Part(String what, String name, String baseline) {
    }

    /**
     * A throughput target's row, {@code what} it stands for in brackets where given; none unless both were measured.
     * A target not met names the {@code parts} its ratio splits into, each as measured in this run, so that the table
     * says whose cost the shortfall is.
     */
    private static void ratioTarget(StringBuilder md, HttpResults r, String name, String baseline, double target,
                                    String what, Part... parts) {
        if (r.samples().containsKey(name) && r.samples().containsKey(baseline)) {
            double ratio = throughputRatio(r, name, baseline);
            md.append("| `").append(name).append("` throughput ≥ ").append(fmt("%.2f", target)).append("× `")
                    .append(baseline).append('`').append(what == null ? "" : " (" + what + ")").append(" | ")
                    .append(fmt("%.2f×", ratio)).append(" | ").append(met(ratio >= target));
            if (ratio < target) {
                String split = Arrays.stream(parts)
                        .filter(p -> r.samples().containsKey(p.name()) && r.samples().containsKey(p.baseline()))
                        .map(p -> p.what() + " " + fmt("%.2f×", throughputRatio(r, p.name(), p.baseline())) + " (`"
                                + p.name() + "` ÷ `" + p.baseline() + "`)")
                        .collect(Collectors.joining(", "));
                if (!split.isEmpty()) {
                    md.append(": ").append(split);
                }
            }
            md.append(" |\n");
        }
    }

    /**
     * Splits a request's cost between the container and us with the diagnostic WARs: the mechanism floor for public
     * requests, the login floors for signed-in ones.
     */
    private static String split(HttpResults r) {
        StringBuilder rows = new StringBuilder();
        row(rows, r, Cases.MECHANISM_FLOOR, Cases.BASELINE,
                "Jakarta Security's presence: a mechanism that does nothing, on a public request");
        row(rows, r, Cases.CDI_FLOOR, Cases.BASELINE,
                "the container's CDI on a request: the baseline WAR as a bean archive");
        row(rows, r, Cases.MECHANISM_FLOOR, Cases.CDI_FLOOR,
                "the mechanism alone: a mechanism that does nothing, beyond a bean archive without one");
        row(rows, r, Cases.DIRECT_MECHANISM_FLOOR, Cases.BASELINE, "a mechanism that does nothing, called "
                + "directly (on WildFly without Jakarta Security's bridge, as the library's is)");
        row(rows, r, Cases.DIRECT_MECHANISM_FLOOR, Cases.CDI_FLOOR,
                "the mechanism alone, called directly, beyond a bean archive without one");
        row(rows, r, Cases.MECHANISM_FLOOR, Cases.DIRECT_MECHANISM_FLOOR,
                "Jakarta Security's bridge alone: the same mechanism through the bridge, against called directly");
        row(rows, r, Cases.PUBLIC_ENDPOINT, Cases.MECHANISM_FLOOR,
                "our library on a public request, beyond a mechanism that does nothing");
        row(rows, r, Cases.PUBLIC_ENDPOINT, Cases.DIRECT_MECHANISM_FLOOR,
                "our library on a public request, beyond a mechanism that does nothing called as ours is");
        row(rows, r, Cases.LIBRARY_PUBLIC_ENDPOINT, Cases.publicFloor(r.settings().onWildFly()), "our library alone on a public request (no pages, constraints or "
                + "`<distributable/>`), beyond a mechanism that does nothing called as ours is");
        row(rows, r, Cases.PUBLIC_ENDPOINT, Cases.LIBRARY_PUBLIC_ENDPOINT,
                "the reference application's own content (pages, JSF, constraints, `<distributable/>`) on the request");
        row(rows, r, Cases.LOGIN_FLOOR, Cases.BASELINE,
                "the container's login of a caller (`notifyContainerAboutLogin`), no session");
        row(rows, r, Cases.SESSION_LOGIN_FLOOR, Cases.LOGIN_FLOOR,
                "the container's session, read by the mechanism on every request, beyond that login");
        row(rows, r, Cases.SIGNED_IN_ENDPOINT, Cases.LOGIN_FLOOR,
                "our share of an authenticated request (sealed session, lifetime and CSRF checks), beyond that login");
        row(rows, r, Cases.SIGNED_IN_ENDPOINT, Cases.SESSION_LOGIN_FLOOR, "our share beyond a mechanism that reads "
                + "its caller from the container's session: the sealed session, lifetime and CSRF checks alone");
        row(rows, r, Cases.SESSION_ENDPOINT, Cases.DIRECT_MECHANISM_FLOOR, "the Session Endpoint signed in (no "
                + "container login), beyond a mechanism that does nothing called as ours is");
        if (rows.isEmpty()) {
            return "";
        }
        return "\n### Whose cost\n\n"
                + "Throughput ratios as above; \"by CPU\" is the same ratio from the server's CPU time per request "
                + "(the baseline's ÷ the case's, per round), which moves less with what else the machine runs.\n\n"
                + "| Ratio | What it isolates | Measured | By CPU |\n|---|---|---:|---:|\n" + rows;
    }

    private static void row(StringBuilder md, HttpResults r, String name, String baseline, String what) {
        if (r.samples().containsKey(name) && r.samples().containsKey(baseline)) {
            md.append("| `").append(name).append("` ÷ `").append(baseline).append("` | ").append(what).append(" | ")
                    .append(fmt("%.2f×", throughputRatio(r, name, baseline))).append(" | ")
                    .append(fmt("%.2f×", perRound(r, name, baseline, (mine, base) -> base.cpuUs() / mine.cpuUs())))
                    .append(" |\n");
        }
    }

    static double throughputRatio(HttpResults r, String name, String baseline) {
        return perRound(r, name, baseline, (mine, base) -> mine.rps() / base.rps());
    }

    private static double overhead(HttpResults r, BenchCase c) {
        return perRound(r, c.name(), c.baseline(), (mine, base) -> mine.p50us1() - base.p50us1());
    }

    /** The median over the rounds of {@code f}(the case's sample, the baseline's sample of the same round). */
    private static double perRound(HttpResults r, String name, String baseline, ToDoubleBiFunction<Sample, Sample> f) {
        List<Sample> mine = r.samples().get(name);
        List<Sample> base = r.samples().get(baseline);
        double[] values = new double[Math.min(mine.size(), base.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = f.applyAsDouble(mine.get(i), base.get(i));
        }
        return Sample.median(values);
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

    static String fmt(String format, double value) {
        return String.format(Locale.ROOT, format, value);
    }
}
