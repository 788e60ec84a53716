package io.github.wristbandjakarta.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What one run measures and where, from the system properties {@code bench.*} that the benchmarks module's
 * {@code bench} profile passes (docs/benchmarks.md lists them).
 *
 * @param starts how many times the server is started anew for the rounds; the samples of all starts are taken
 *               together, since the same code measures differently from one start to the next
 * @param jmh {@code true}, {@code false}, or {@code only} (the microbenchmarks alone)
 * @param profile the case to record with Flight Recorder, or {@code null}
 * @param module the benchmarks module's directory (the wrk script)
 * @param root the repository's top directory (docs/benchmarks.md, the commit)
 * @param only the cases {@code bench.cases} names; empty for all
 */
record Settings(int duration, int rounds, int starts, int users, int connections, int threads, String jmh,
                boolean docs, int httpPort, int emulatorPort, String profile, String container, boolean distributable,
                Path wlp, String server, Path wildflyHome, Path war, Path out, Path module, Path root, List<String> only) {

    static Settings fromSystemProperties() {
        return new Settings(
                Integer.getInteger("bench.duration", 3),
                Integer.getInteger("bench.rounds", 3),
                Math.max(1, Integer.getInteger("bench.starts", 1)),
                Integer.getInteger("bench.users", 100),
                Integer.getInteger("bench.connections", 16),
                Integer.getInteger("bench.threads", 2),
                System.getProperty("bench.jmh", "true"),
                Boolean.parseBoolean(System.getProperty("bench.docs", "false")),
                Integer.getInteger("bench.httpPort", 9380),
                Integer.getInteger("bench.emulatorPort", 9399),
                System.getProperty("bench.profile", "").isBlank() ? null : System.getProperty("bench.profile").strip(),
                System.getProperty("bench.container", "liberty").strip().toLowerCase(Locale.ROOT),
                Boolean.parseBoolean(System.getProperty("bench.distributable", "true")),
                Path.of(System.getProperty("bench.wlp", "target/liberty/wlp")),
                System.getProperty("bench.server", "wristband-bench"),
                Path.of(System.getProperty("bench.wildfly", "target/wildfly-bench/wildfly-39.0.1.Final")),
                Path.of(System.getProperty("bench.war", "../target/wristband-jakarta-auth.war")),
                Path.of(System.getProperty("bench.out", "target/bench")),
                Path.of(System.getProperty("bench.module", ".")),
                Path.of(System.getProperty("bench.root", "..")).toAbsolutePath().normalize(),
                Arrays.stream(System.getProperty("bench.cases", "").split(",")).map(String::strip)
                        .filter(name -> !name.isEmpty()).toList());
    }

    /** The samples each case has at the end: one per round of every start. */
    int samplesPerCase() {
        return rounds * starts;
    }

    String origin() {
        return "http://localhost:" + httpPort;
    }

    /** A URL of the bench build of our WAR. */
    String app(String path) {
        return origin() + Cases.CONTEXT + path;
    }

    boolean onWildFly() {
        return container.equals("wildfly");
    }

    boolean jmhOnly() {
        return jmh.equals("only");
    }

    boolean withJmh() {
        return jmhOnly() || Boolean.parseBoolean(jmh);
    }

    Path wrkScript() {
        return module.resolve("src/main/wrk/bench.lua").toAbsolutePath();
    }

    Path resultsPage() {
        return root.resolve("docs/benchmarks.md");
    }

    /** The command that repeats this run, as the results page shows it. */
    String command() {
        StringBuilder command = new StringBuilder("./mvnw -Pbench");
        if (onWildFly()) {
            command.append(" -Dbench.container=wildfly");
        }
        if (!distributable) {
            command.append(" -Dbench.distributable=false");
        }
        if (jmhOnly()) {
            return command.append(" -Dbench.jmh=only").toString();
        }
        command.append(" -Dbench.duration=").append(duration).append(" -Dbench.rounds=").append(rounds);
        if (starts > 1) {
            command.append(" -Dbench.starts=").append(starts);
        }
        command.append(" -Dbench.users=").append(users).append(" -Dbench.connections=").append(connections);
        if (!withJmh()) {
            command.append(" -Dbench.jmh=false");
        }
        if (!only.isEmpty()) {
            command.append(" -Dbench.cases=").append(String.join(",", only));
        }
        return command.toString();
    }
}
