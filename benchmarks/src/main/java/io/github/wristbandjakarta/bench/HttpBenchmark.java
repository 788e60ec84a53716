package io.github.wristbandjakarta.bench;

import io.github.wristbandjakarta.bench.BenchCase.Visitor;
import io.github.wristbandjakarta.emulator.EmulatorClient;
import io.github.wristbandjakarta.emulator.WristbandEmulator;
import io.github.wristbandjakarta.servers.ServerNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The HTTP part: the emulator and the server with the WARs, the visitors signed in, every selected case checked
 * once, then a warm-up round and {@code bench.rounds} rounds of wrk loads in alternating order (the cases that leave
 * sessions behind after all rounds of the others). Stops the server and the emulator whatever happens.
 */
final class HttpBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final Settings settings;
    private final ServerNode server;
    /** Whether this start records the profile ({@code bench.profile}): the first start only. */
    private final boolean first;
    private final Wrk wrk;
    private final List<String> notes = new ArrayList<>();
    private Visitors visitors;
    private ProcessHandle serverProcess;

    HttpBenchmark(Settings settings, ServerNode server, boolean first) {
        this.settings = settings;
        this.server = server;
        this.first = first;
        this.wrk = new Wrk(settings.wrkScript(), settings.httpPort(), Visitors.CSRF_HEADER);
    }

    /** Runs only once {@link Wrk#available()} (checked in main, before any server starts). */
    HttpResults run() throws Exception {
        WristbandEmulator emulator = WristbandEmulator.start(settings.emulatorPort(), new EmulatorClient(
                Deployment.CLIENT_ID, Deployment.CLIENT_SECRET, List.of(settings.app("/api/auth/callback")),
                settings.app("/api/auth/login"), null, false, null));
        Thread stopper = new Thread(() -> Deployment.stop(server), "bench-stop-server");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            server.stopLeftover();
            Deployment deployment = new Deployment(settings, server);
            deployment.write(emulator.applicationOrigin());
            deployment.start();
            visitors = Visitors.prepare(settings);
            List<BenchCase> cases = Cases.selected(Cases.all(), settings.only());
            List<String> problems = new ArrayList<>();
            for (BenchCase c : cases) {
                String problem = check(c);
                if (problem != null) {
                    problems.add(problem);
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("cases fail their check: " + problems);
            }
            if (first && settings.profile() != null) {
                profile(cases.stream().filter(c -> c.name().equals(settings.profile())).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("bench.profile: no case " + settings.profile())));
            }
            Map<String, List<Sample>> samples = new LinkedHashMap<>();
            // The cases that leave sessions behind come after all rounds of the others: the Login Endpoint alone
            // leaves some ten thousand new sessions per load, which the server then keeps (and a distributable
            // session manager schedules) until they expire, and which would weigh on every case measured after it.
            rounds(cases.stream().filter(c -> !Cases.LEAVE_SESSIONS.contains(c.name())).toList(), samples, problems);
            rounds(cases.stream().filter(c -> Cases.LEAVE_SESSIONS.contains(c.name())).toList(), samples, problems);
            return new HttpResults(settings, cases, samples, visitors.sessionBytes(), visitors.cookieBytes(),
                    visitors.cookieNames(), problems, notes);
        } finally {
            Deployment.stop(server);
            emulator.close();
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    /** One request as the load will send it: the status and the marker must be there. */
    private String check(BenchCase c) throws Exception {
        if (c.roundTrip()) {
            return null;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.origin() + c.path()))
                .timeout(Duration.ofSeconds(30));
        String cookie = visitors.firstCookie(c.visitor());
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (c.signedIn()) {
            request.header(Visitors.CSRF_HEADER, visitors.firstCsrf());
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String seen = response.body() + " " + response.headers().firstValue("Location").orElse("");
        if (response.statusCode() != c.status() || !seen.contains(c.marker())) {
            return c.name() + ": expected " + c.status() + " with " + c.marker() + ", got " + response.statusCode()
                    + " " + seen.substring(0, Math.min(300, seen.length()));
        }
        boolean newSession = response.headers().allValues("Set-Cookie").stream()
                .anyMatch(h -> h.startsWith("JSESSIONID="));
        if (c.visitor() == Visitor.SESSION_CALLER && newSession) {
            return c.name() + ": gets a new session although it sends one, so the load would not read a session";
        }
        if (c.visitor() == Visitor.ANONYMOUS && newSession) {
            notes.add("note: " + c.name() + " gets a new session although it sends one");
        }
        if (c.visitor() == Visitor.NONE && c.status() == 200 && response.headers().firstValue("Set-Cookie").isPresent()) {
            notes.add("note: " + c.name() + " sets a cookie for an anonymous visitor: "
                    + response.headers().allValues("Set-Cookie"));
        }
        return null;
    }

    /** A warm-up round, then the rounds over {@code cases}, every other one in reverse order. */
    private void rounds(List<BenchCase> cases, Map<String, List<Sample>> samples, List<String> problems)
            throws Exception {
        if (cases.isEmpty()) {
            return;
        }
        BenchRunner.progress("warm-up round: " + names(cases) + ", " + settings.duration() + " s each");
        for (BenchCase c : cases) {
            measure(c, false);
        }
        for (int round = 1; round <= settings.rounds(); round++) {
            List<BenchCase> order = new ArrayList<>(cases);
            if (round % 2 == 0) {
                Collections.reverse(order);
            }
            BenchRunner.progress("round " + round + "/" + settings.rounds() + ": " + names(order));
            for (BenchCase c : order) {
                Sample s = measure(c, true);
                samples.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(s);
                if (s.errors() > 0) {
                    problems.add(c.name() + ": " + s.errors() + " errors in round " + round);
                }
            }
        }
    }

    private static String names(List<BenchCase> cases) {
        return cases.stream().map(BenchCase::name).collect(Collectors.joining(" "));
    }

    /** Warm-up, then Flight Recorder on the server while wrk loads {@code c} for 5 durations. */
    private void profile(BenchCase c) throws Exception {
        measure(c, false);
        measure(c, false);
        long pid = server.pid();
        Path jfr = settings.out().resolve("profile-" + c.name() + ".jfr").toAbsolutePath();
        BenchRunner.progress("profiling " + c.name() + " (server pid " + pid + ") into " + jfr);
        Profiler.jcmd(pid, "JFR.start", "name=bench", "settings=profile");
        Load load;
        try {
            load = load(c, settings.connections(), settings.duration() * 5);
        } finally {
            Profiler.jcmd(pid, "JFR.dump", "name=bench", "filename=" + jfr);
            Profiler.jcmd(pid, "JFR.stop", "name=bench");
        }
        String report = String.format(Locale.ROOT, "%s: %.0f req/s during the recording%n", c.name(), load.rps())
                + Profiler.report(jfr, 40);
        Profiler.write(settings.out().resolve("profile-" + c.name() + ".txt"), report);
        System.err.println(report);
    }

    /** One load at {@code bench.connections}, and with {@code both} one with one connection. */
    private Sample measure(BenchCase c, boolean both) throws Exception {
        Duration cpu = serverCpu();
        Load load = load(c, settings.connections(), settings.duration());
        double cpuUs = cpuPerRequest(cpu, load.requests());
        Load one = both ? load(c, 1, settings.duration()) : Load.NONE;
        return new Sample(load.rps(), load.p50us(), load.p99us(), one.p50us(), one.p99us(),
                load.errors() + one.errors(), cpuUs);
    }

    private Load load(BenchCase c, int connections, int seconds) throws Exception {
        if (c.roundTrip()) {
            return LoginRoundTrips.run(settings, connections);
        }
        return wrk.run(c, visitors.file(c.visitor()), settings.threads(), connections, seconds);
    }

    /**
     * The server JVM's CPU time so far, as the OS counts it (on Linux in 10 ms ticks: a few hundred per case at
     * load). Throughput on a machine that wrk shares moves with whatever else runs; the server's CPU time per request
     * is the steadier measure of what a request costs.
     */
    private Duration serverCpu() throws Exception {
        if (serverProcess == null) {
            serverProcess = ProcessHandle.of(server.pid()).orElseThrow();
        }
        return serverProcess.info().totalCpuDuration().orElse(null);
    }

    private double cpuPerRequest(Duration before, double requests) throws Exception {
        Duration after = serverCpu();
        if (before == null || after == null || requests <= 0) {
            return Double.NaN;
        }
        return after.minus(before).toNanos() / 1e3 / requests;
    }
}
