package io.github.wristbandjakarta.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load generator: wrk with {@code src/main/wrk/bench.lua}, which rotates over the visitors' cookies and prints
 * one machine-readable line. A build never changes the machine it runs on: without wrk the benchmark stops, before
 * any server starts, with how to get it ({@link #MISSING}).
 */
final class Wrk {

    static final String MISSING = "wrk, the HTTP load generator the benchmark measures with, is not on the PATH."
            + " Install it and run the benchmark again: Debian/Ubuntu `sudo apt-get install wrk`, Fedora"
            + " `sudo dnf install wrk`, macOS `brew install wrk`, or build it from https://github.com/wg/wrk.";

    private static final Pattern RESULT = Pattern.compile("BENCH requests=(\\d+) duration_us=(\\d+) "
            + "p50_us=(\\d+) p99_us=(\\d+) connect=(\\d+) read=(\\d+) write=(\\d+) status=(\\d+) timeout=(\\d+)");

    private final Path script;
    private final int port;
    private final String csrfHeader;

    Wrk(Path script, int port, String csrfHeader) {
        this.script = script;
        this.port = port;
        this.csrfHeader = csrfHeader;
    }

    static boolean available() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", "command -v wrk").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }

    /** {@code wrk -v}'s version, for the machine line of the results. */
    static String version() {
        try {
            Process p = new ProcessBuilder("wrk", "-v").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            Matcher m = Pattern.compile("wrk (\\S+)").matcher(out);
            return m.find() ? m.group(1) : "?";
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }

    /**
     * Loads {@code c} for {@code seconds}; {@code visitors} is the file of the visitors' cookies (one a line,
     * "Cookie header TAB CSRF token or -"), {@code null} for requests without any.
     */
    Load run(BenchCase c, Path visitors, int threads, int connections, int seconds)
            throws IOException, InterruptedException {
        List<String> command = List.of("wrk", "-t" + Math.min(threads, connections), "-c" + connections,
                "-d" + seconds + "s", "--timeout", "10s", "-s", script.toString(),
                "http://127.0.0.1:" + port + c.path(), "--", visitors == null ? "-" : visitors.toString(), csrfHeader);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        return parse(c.name(), output, exit);
    }

    /** wrk's result line, or why there is none: a load that gives no figures fails the run. */
    static Load parse(String name, String output, int exit) {
        Matcher m = RESULT.matcher(output);
        if (exit != 0 || !m.find()) {
            throw new IllegalStateException("wrk gave no result for " + name + " (exit " + exit + "): " + output);
        }
        double requests = Double.parseDouble(m.group(1));
        double elapsed = Double.parseDouble(m.group(2)) / 1e6;
        long errors = 0;
        for (int g = 5; g <= 9; g++) {
            errors += Long.parseLong(m.group(g));
        }
        return new Load(requests / elapsed, Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)), errors,
                requests);
    }
}
