package io.github.wristbandjakarta.soak;

import io.github.wristbandjakarta.emulator.Endpoint;
import io.github.wristbandjakarta.emulator.Fault;
import io.github.wristbandjakarta.emulator.RecordedRequest;
import io.github.wristbandjakarta.emulator.WristbandEmulator;
import io.github.wristbandjakarta.it.TestApp;
import io.github.wristbandjakarta.servers.ServerNode;
import io.github.wristbandjakarta.soak.Recorder.Verdict;
import io.github.wristbandjakarta.testkit.Browser;
import io.github.wristbandjakarta.testkit.WristbandTestKit;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * One soak run on a two-node cluster (docs/soak.md):
 *
 * <ol>
 *   <li>the emulator issues access tokens of {@link SoakSettings#tokenLifetime()} and rotates refresh tokens;</li>
 *   <li>{@link SoakSettings#users()} virtual users sign in, each through the real login, and loop: the protected
 *       JSF page, the Session Endpoint, a {@code @RolesAllowed} API call, every fourth round the Token Endpoint, and
 *       now and then a logout and a new sign-in. Each request goes to the next node in turn that the soak's load
 *       balancer holds alive: no stickiness; a request a dead node drops is sent to the other node, as a balancer
 *       retries an idempotent request, and the dead node gets no more until it serves again;</li>
 *   <li>unpaced for a warm-up and a measurement of {@link SoakSettings#calibration()} each: the pair's maximum;</li>
 *   <li>paced at {@link SoakSettings#loadShare()} of it for {@link SoakSettings#length()}, while the faults come on
 *       schedule (a node killed and restarted; Wristband slow, then answering 503), each node's heap after a full
 *       collection, threads and sessions are sampled every minute, and each refresh call at the emulator is counted
 *       by the refresh token it presents.</li>
 * </ol>
 */
final class Soak {

    private static final String CALLBACK = "/api/auth/callback";
    private static final List<Endpoint> BACK_CHANNEL = List.of(Endpoint.TOKEN_CODE, Endpoint.TOKEN_REFRESH,
            Endpoint.USERINFO, Endpoint.REVOKE);

    private final SoakSettings settings;
    private final ServerNode[] nodes;
    private final WristbandEmulator wristband;
    private final Recorder recorder = new Recorder();
    private final boolean[] up = {true, true};
    private final AtomicInteger turn = new AtomicInteger();
    private final AtomicLong nextSlot = new AtomicLong();
    private volatile long interval;
    private volatile boolean running = true;
    /** Each refresh token presented at the emulator: the seconds (since the paced start) it was seen presented. */
    private final Map<String, List<Double>> refreshCalls = new ConcurrentHashMap<>();
    private final List<double[]> killWindows = Collections.synchronizedList(new ArrayList<>());
    private final List<double[]> outageWindows = Collections.synchronizedList(new ArrayList<>());

    Soak(SoakSettings settings, ServerNode a, ServerNode b, WristbandEmulator wristband) {
        this.settings = settings;
        this.nodes = new ServerNode[] {a, b};
        this.wristband = wristband;
    }

    /** Runs the soak to its end and answers what it saw. */
    SoakResult run() throws Exception {
        wristband.accessTokenLifetime(settings.tokenLifetime());
        wristband.rotateRefreshTokens(true);
        ExecutorService users = Executors.newFixedThreadPool(settings.users());
        ExecutorService background = Executors.newFixedThreadPool(3);
        List<Future<?>> loops = new ArrayList<>();
        try {
            log("signing in " + settings.users() + " users");
            for (int i = 0; i < settings.users(); i++) {
                String login = i % 3 == 2 ? "bob" : "alice";
                loops.add(users.submit(() -> user(login)));
            }
            List<Future<?>> tasks = new ArrayList<>();
            tasks.add(background.submit(this::auditRefreshes));
            Thread.sleep(settings.calibration().toMillis());
            long before = recorder.unpacedRequests();
            long from = System.nanoTime();
            Thread.sleep(settings.calibration().toMillis());
            double maximum = (recorder.unpacedRequests() - before) / ((System.nanoTime() - from) / 1e9);
            double target = maximum * settings.loadShare();
            log(String.format("unpaced maximum %.0f requests/s; pacing at %.0f/s for %s", maximum, target,
                    settings.length()));
            interval = (long) (1e9 / target);
            nextSlot.set(System.nanoTime());
            recorder.begin(settings.length());
            tasks.add(background.submit(this::faults));
            tasks.add(background.submit(this::sampleEveryMinute));
            long end = System.nanoTime() + settings.length().toNanos();
            while (System.nanoTime() < end) {
                for (Future<?> task : concat(loops, tasks)) {
                    if (task.isDone()) {
                        task.get(); // a user or a task that died by an unexpected exception fails the run
                    }
                }
                Thread.sleep(1000);
            }
            running = false;
            recorder.end();
            log("stopping the users");
            users.shutdown();
            if (!users.awaitTermination(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("users still running two minutes after the end");
            }
            for (Future<?> loop : loops) {
                loop.get();
            }
            background.shutdownNow();
            background.awaitTermination(7, TimeUnit.MINUTES);
            return new SoakResult(settings, maximum, target, recorder, Map.copyOf(refreshCalls),
                    List.copyOf(killWindows), List.copyOf(outageWindows));
        } finally {
            running = false;
            users.shutdownNow();
            background.shutdownNow();
            wristband.clearFaults();
        }
    }

    // ------------------------------------------------------------------ a user

    private void user(String login) {
        Browser browser = new Browser();
        signIn(browser, login);
        long round = 0;
        while (running) {
            round++;
            browser.forgetHistory();
            String csrf = csrf(browser);
            boolean lost = check(browser, "page", "/pages/profile.xhtml", null,
                    ex -> ex.status() == 200 && ex.body().contains("@devs4you.example"),
                    ex -> ex.status() == 302 && ex.location().contains("/api/auth/login"))
                    || check(browser, "session", "/api/auth/session", csrf, ex -> ex.status() == 200,
                    ex -> ex.status() == 401)
                    || check(browser, "api", "/api/demo/me", csrf, ex -> ex.status() == 200, ex -> ex.status() == 401)
                    || round % 4 == 0 && check(browser, "token", "/api/auth/token", csrf,
                    ex -> ex.status() == 200 && ex.body().contains("accessToken"), ex -> ex.status() == 401);
            if (!running) {
                return;
            }
            if (lost) {
                signIn(browser, login);
            } else if (ThreadLocalRandom.current().nextInt(settings.logoutEvery()) == 0) {
                Sent logout = send(browser, "/api/auth/logout", "Sec-Fetch-Site", "same-origin");
                if (logout != null) {
                    boolean ok = logout.exchange.status() == 302;
                    recorder.request(logout.node.name(), "logout", logout.exchange.status(), logout.nanos,
                            ok ? Verdict.OK : logout.exchange.status() >= 500 ? Verdict.FIVE_XX : Verdict.OTHER,
                            ok ? null : logout.exchange.body());
                    recorder.logout();
                }
                signIn(browser, login);
            }
        }
    }

    /**
     * Sends one request of a signed-in user and records the verdict.
     *
     * @return whether the user was answered as anonymous (the caller signs in again)
     */
    private boolean check(Browser browser, String request, String path, String csrf, Predicate<Browser.Exchange> ok,
                          Predicate<Browser.Exchange> anonymous) {
        Sent sent = csrf == null ? send(browser, path) : send(browser, path, "X-CSRF-TOKEN", csrf);
        if (sent == null) {
            recorder.request("none", request, 0, 0, Verdict.OTHER, "no node answered");
            return false;
        }
        Browser.Exchange ex = sent.exchange;
        Verdict verdict = ok.test(ex) ? Verdict.OK : anonymous.test(ex) ? Verdict.LOST
                : ex.status() >= 500 ? Verdict.FIVE_XX : Verdict.OTHER;
        recorder.request(sent.node.name(), request, ex.status(), sent.nanos, verdict,
                verdict == Verdict.OK ? null : ex.status() + " " + ex.headers().getOrDefault("Location", List.of())
                        + " " + abbreviate(ex.body()));
        return verdict == Verdict.LOST;
    }

    private record Sent(ServerNode node, Browser.Exchange exchange, long nanos) {
    }

    /**
     * One request through the balancer: paced, sent to the next live node, its {@code 307} retries followed (a node
     * waiting for a sign-in another node has just stored), sent once more to the other node when the first drops
     * the connection. Null when neither answered.
     */
    private Sent send(Browser browser, String path, String... headers) {
        pace();
        for (int attempt = 0; attempt < 2; attempt++) {
            int index = nextNode();
            ServerNode node = nodes[index];
            long start = System.nanoTime();
            try {
                Browser.Exchange ex = browser.get(TestApp.url(node, path), headers);
                for (int hops = 0; ex.status() == 307 && hops < 50; hops++) {
                    ex = browser.get(ex.uri().resolve(ex.location()).toString(), headers);
                }
                return new Sent(node, ex, System.nanoTime() - start);
            } catch (AssertionError e) {
                if (!(e.getCause() instanceof IOException)) {
                    throw e;
                }
                down(index);
                recorder.retried();
            }
        }
        return null;
    }

    private void signIn(Browser browser, String login) {
        while (running) {
            int index = nextNode();
            ServerNode node = nodes[index];
            long start = System.nanoTime();
            try {
                List<Browser.Exchange> hops = WristbandTestKit.signInAt(browser, login,
                        TestApp.url(node, "/api/auth/login?tenant_name=devs4you"));
                Browser.Exchange callback = hops.stream().filter(h -> h.uri().getPath().endsWith(CALLBACK))
                        .findFirst().orElseThrow(() -> new IllegalStateException("no callback in " + hops));
                boolean ok = callback.status() == 302 && TestApp.last(hops).status() == 200;
                recorder.request(node.name(), "callback", callback.status(), System.nanoTime() - start,
                        ok ? Verdict.OK : callback.status() >= 500 ? Verdict.FIVE_XX : Verdict.OTHER,
                        ok ? null : callback.status() + " " + abbreviate(callback.body()));
                recorder.signIn(ok);
                if (ok) {
                    return;
                }
            } catch (AssertionError e) {
                if (e.getCause() instanceof IOException) {
                    down(index);
                    recorder.retried();
                } else {
                    // The hosted login page did not come (a node dropped the login, the emulator is faulted).
                    recorder.signIn(false);
                }
            }
            pause(Duration.ofSeconds(5)); // a person who failed to sign in tries again a few seconds later
        }
    }

    private static String csrf(Browser browser) {
        return browser.cookie("localhost", "CSRF-TOKEN").map(Browser.Cookie::value).orElse(null);
    }

    // ------------------------------------------------------------------ the balancer and the pace

    private int nextNode() {
        int first = Math.floorMod(turn.getAndIncrement(), 2);
        synchronized (up) {
            return up[first] || !up[1 - first] ? first : 1 - first;
        }
    }

    private void down(int index) {
        synchronized (up) {
            if (up[index]) {
                up[index] = false;
                recorder.event("balancer: " + nodes[index].name() + " dropped a connection, taken out");
            }
        }
    }

    private void upAgain(int index) {
        synchronized (up) {
            up[index] = true;
        }
    }

    private void pace() {
        long step = interval;
        if (step == 0) {
            return;
        }
        long now = System.nanoTime();
        long slot = nextSlot.updateAndGet(previous -> Math.max(previous, now) + step) - step;
        if (slot > now) {
            LockSupport.parkNanos(slot - now);
        }
    }

    // ------------------------------------------------------------------ faults, samples, refresh calls

    /** One fault of the schedule: at {@code at}, kill and restart the node {@code node}, or (-1) Wristband's outage. */
    private record Step(Duration at, int node) {
    }

    private void faults() {
        List<Step> plan = new ArrayList<>();
        int victim = 0;
        for (Duration at = settings.firstKill(); at.compareTo(settings.length()) < 0; at = at.plus(settings.killEvery())) {
            plan.add(new Step(at, victim));
            victim = 1 - victim;
        }
        for (Duration at = settings.firstOutage(); at.compareTo(settings.length()) < 0;
             at = at.plus(settings.outageEvery())) {
            plan.add(new Step(at, -1));
        }
        plan.sort(java.util.Comparator.comparing(Step::at));
        try {
            for (Step step : plan) {
                long wait = step.at().toMillis() - (long) (recorder.second() * 1000);
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                if (step.node() >= 0) {
                    killAndRestart(step.node());
                } else {
                    outage();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void killAndRestart(int index) throws InterruptedException {
        ServerNode node = nodes[index];
        double killed = recorder.event("kill -9 " + node.name());
        ProcessHandle process = node.kill();
        try {
            process.onExit().get(30, TimeUnit.SECONDS); // its port is free once it is gone
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(node.name() + " did not die within 30 s of SIGKILL", e);
        }
        node.start();
        node.awaitServing(List.of(TestApp.CONTEXT + "/"), Duration.ofMinutes(6));
        upAgain(index);
        double serving = recorder.second();
        recorder.event(node.name() + " restarted and serving, " + Math.round(serving - killed) + " s after the kill");
        killWindows.add(new double[] {killed, serving});
    }

    private void outage() throws InterruptedException {
        double from = recorder.event("Wristband slow: every back-channel call waits " + settings.slowBy().toSeconds() + " s");
        BACK_CHANNEL.forEach(e -> wristband.fault(e, new Fault.Delay(settings.slowBy())));
        Thread.sleep(settings.slowFor().toMillis());
        recorder.event("Wristband answers 503");
        BACK_CHANNEL.forEach(e -> wristband.fault(e, new Fault.Status(503, "{\"error\":\"unavailable\"}")));
        Thread.sleep(settings.unavailableFor().toMillis());
        wristband.clearFaults();
        outageWindows.add(new double[] {from, recorder.event("Wristband back")});
    }

    private void sampleEveryMinute() {
        try {
            while (running) {
                for (int i = 0; i < 2; i++) {
                    boolean alive;
                    synchronized (up) {
                        alive = up[i];
                    }
                    if (alive && nodes[i].process().isPresent()) {
                        sample(nodes[i]);
                    }
                }
                double now = recorder.second();
                double next = Math.floor((now - 30) / 60) * 60 + 90; // half past each minute
                Thread.sleep((long) ((next - now) * 1000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sample(ServerNode node) {
        try {
            Browser.Exchange stats = new Browser().get(TestApp.url(node, "/test/soak-stats"));
            if (stats.status() != 200) {
                return;
            }
            Map<String, Long> values = new ConcurrentHashMap<>();
            stats.body().lines().map(l -> l.split("=", 2)).forEach(kv -> values.put(kv[0], Long.parseLong(kv[1])));
            recorder.sample(new Recorder.NodeSample(recorder.second(), node.name(), values.get("heapAfterGc"),
                    values.get("threads").intValue(), values.get("sessions")));
        } catch (AssertionError e) {
            // the node died meanwhile: no sample this minute
        }
    }

    /**
     * Every second, the refresh calls the emulator has recorded since the last look (it keeps the latest 10 000
     * requests, far more than a second brings), each under the refresh token it presented.
     */
    private void auditRefreshes() {
        Set<RecordedRequest> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        try {
            while (!Thread.currentThread().isInterrupted()) {
                List<RecordedRequest> now = wristband.requests(Endpoint.TOKEN_REFRESH);
                double second = recorder.second();
                Set<RecordedRequest> current = Collections.newSetFromMap(new IdentityHashMap<>());
                for (RecordedRequest r : now) {
                    current.add(r);
                    if (!seen.contains(r) && recorder.begun()) {
                        refreshCalls.computeIfAbsent(refreshToken(r.body()),
                                t -> Collections.synchronizedList(new ArrayList<>())).add(second);
                    }
                }
                seen.clear();
                seen.addAll(current);
                Thread.sleep(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String refreshToken(String form) {
        for (String pair : form.split("&")) {
            if (pair.startsWith("refresh_token=")) {
                return URLDecoder.decode(pair.substring("refresh_token=".length()), StandardCharsets.UTF_8);
            }
        }
        return "(none)";
    }

    // ------------------------------------------------------------------ helpers

    private static List<Future<?>> concat(List<Future<?>> a, List<Future<?>> b) {
        List<Future<?>> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String abbreviate(String body) {
        String line = body == null ? "" : body.replaceAll("\\s+", " ").trim();
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }

    static void log(String line) {
        System.out.printf("[soak] %tT %s%n", System.currentTimeMillis(), line);
    }
}
