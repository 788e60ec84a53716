package io.github.wristbandjakarta.bench;

import io.github.wristbandjakarta.bench.baseline.BaselineApplication;
import io.github.wristbandjakarta.bench.baseline.HelloResource;
import io.github.wristbandjakarta.bench.container.CallerResource;
import io.github.wristbandjakarta.bench.container.DoNothingMechanism;
import io.github.wristbandjakarta.bench.container.FixedCallerMechanism;
import io.github.wristbandjakarta.bench.container.SessionCallerMechanism;
import io.github.wristbandjakarta.emulator.EmulatorClient;
import io.github.wristbandjakarta.emulator.WristbandEmulator;
import io.github.wristbandjakarta.testkit.Browser;
import io.github.wristbandjakarta.it.ServerProcesses;
import io.github.wristbandjakarta.it.SignIn;
import io.github.wristbandjakarta.it.TestApp;
import io.github.wristbandjakarta.internal.session.SessionSeal;
import io.github.wristbandjakarta.internal.session.WristbandSession;
import io.github.wristbandjakarta.internal.token.TokenSet;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The benchmark command ({@code ./mvnw -Pbench}, docs/benchmarks.md): on one server (Open Liberty, or WildFly with
 * {@code -Dbench.container=wildfly}: {@link BenchServer}), a minimal
 * baseline WAR without our library beside the bench build of ours; K users signed in through the real login
 * (emulator); every case loaded by wrk for the same duration, in alternating order over R rounds; the medians,
 * ratios to each case's baseline and the targets printed as a markdown table; then the JMH microbenchmarks.
 *
 * <p>Settings are system properties {@code bench.*}, see {@link Settings}.
 */
public final class BenchRunner {

    static final String CONTEXT = "/wristband-jakarta-auth";
    static final String BASELINE_CONTEXT = "/bench-baseline";
    static final String DO_NOTHING_CONTEXT = "/bench-do-nothing-mechanism";
    static final String FIXED_CALLER_CONTEXT = "/bench-fixed-caller";
    static final String SESSION_CALLER_CONTEXT = "/bench-session-caller";
    static final String CLIENT_ID = "bench-client";
    static final String CLIENT_SECRET = "bench-client-secret-0123456789abcdef";
    static final String CSRF_HEADER = "X-CSRF-TOKEN";
    static final String USER = "alice";
    static final String RESULTS_BEGIN = "<!-- bench-results:begin -->";
    static final String RESULTS_END = "<!-- bench-results:end -->";
    static final String RESULTS_WILDFLY_BEGIN = "<!-- bench-results-wildfly:begin -->";
    static final String RESULTS_WILDFLY_END = "<!-- bench-results-wildfly:end -->";

    /** Session Endpoint (b) ÷ a on Liberty; ÷ a3 on WildFly, where Elytron costs every request of a WAR with a mechanism. */
    static final double SESSION_TARGET_LIBERTY = 0.80;
    static final double SESSION_TARGET_WILDFLY = 0.85;
    static final double PUBLIC_TARGET = 0.95;
    /** Our share of an authenticated request (b1) beyond the container's login of a caller (b0). */
    static final double OUR_SHARE_TARGET = 0.95;
    static final double OVERHEAD_TARGET_US = 50;
    static final int SESSION_BYTES_TARGET = 4096;
    static final int COOKIE_BYTES_TARGET = 1024;

    /** Settings from {@code -Dbench.*}. */
    record Settings(int duration, int rounds, int users, int connections, int threads, String jmh, boolean docs,
                    int httpPort, int emulatorPort, String profile, String container, boolean distributable, Path wlp,
                    String server, Path wildflyHome, Path war, Path out, Path basedir, List<String> only) {

        static Settings fromSystemProperties() {
            return new Settings(
                    Integer.getInteger("bench.duration", 3),
                    Integer.getInteger("bench.rounds", 3),
                    Integer.getInteger("bench.users", 100),
                    Integer.getInteger("bench.connections", 16),
                    Integer.getInteger("bench.threads", 2),
                    System.getProperty("bench.jmh", "true"),
                    Boolean.parseBoolean(System.getProperty("bench.docs", "false")),
                    Integer.getInteger("bench.httpPort", 9380),
                    Integer.getInteger("bench.emulatorPort", 9399),
                    System.getProperty("bench.profile", "").isBlank() ? null : System.getProperty("bench.profile"),
                    System.getProperty("bench.container", "liberty").strip().toLowerCase(Locale.ROOT),
                    Boolean.parseBoolean(System.getProperty("bench.distributable", "true")),
                    Path.of(System.getProperty("bench.wlp", "target/liberty/wlp")),
                    System.getProperty("bench.server", "wristband-bench"),
                    Path.of(System.getProperty("bench.wildfly", "target/wildfly-bench/wildfly-39.0.1.Final")),
                    Path.of(System.getProperty("bench.war", "target/wristband-jakarta-auth.war")),
                    Path.of(System.getProperty("bench.out", "target/bench")),
                    Path.of(System.getProperty("bench.basedir", ".")),
                    Arrays.stream(System.getProperty("bench.cases", "").split(",")).map(String::strip)
                            .filter(id -> !id.isEmpty()).toList());
        }

        String origin() {
            return "http://localhost:" + httpPort;
        }

        String app(String path) {
            return origin() + CONTEXT + path;
        }

        boolean onWildFly() {
            return container.equals("wildfly");
        }
    }

    /** Who sends the requests of a case. */
    enum Visitor {
        /** no cookie at all */
        NONE,
        /** an anonymous visitor's session cookies (JSF pages create a session for anonymous visitors too) */
        ANONYMOUS,
        /** the K signed-in users' cookies and CSRF headers */
        SIGNED_IN,
        /** K visitors of case b0s's WAR, each with the session cookie its first request there gave it */
        SESSION_CALLER
    }

    /** How a case is compared with its baseline. */
    enum Target { NONE, SESSION_THROUGHPUT, PUBLIC_THROUGHPUT, OUR_SHARE, PROTECTED_OVERHEAD }

    /**
     * One case. {@code path} is below the server's origin; {@code signedIn} cases rotate over the K users' cookies
     * and CSRF headers, the others send no cookie; {@code marker} must be in the body (or the Location) of the
     * check made before the load.
     */
    record Case(String id, String what, String path, Visitor visitor, int status, String marker, String baseline,
                Target target) {

        boolean signedIn() {
            return visitor == Visitor.SIGNED_IN;
        }

        boolean roundTrip() {
            return path == null;
        }
    }

    /** Cases whose every request leaves a new session on the server: measured after all the others. */
    static final Set<String> LEAVE_SESSIONS = Set.of("d", "e");

    static List<Case> cases() {
        return List.of(
                new Case("a", "baseline: trivial JSON endpoint, minimal WAR without our library",
                        BASELINE_CONTEXT + "/api/bench/hello", Visitor.NONE, 200, "hello", null, Target.NONE),
                new Case("a2", "the same endpoint in our WAR, public, no session",
                        CONTEXT + "/api/bench/hello", Visitor.NONE, 200, "hello", "a", Target.PUBLIC_THROUGHPUT),
                new Case("a3", "diagnostic: the baseline WAR plus a mechanism that does nothing",
                        DO_NOTHING_CONTEXT + "/api/bench/hello", Visitor.NONE, 200, "hello", "a", Target.NONE),
                new Case("b0", "diagnostic: the baseline WAR plus a mechanism that makes every request one caller "
                        + "(the container's login alone)", FIXED_CALLER_CONTEXT + "/api/bench/caller", Visitor.NONE,
                        200, "bench-caller", "a", Target.NONE),
                new Case("b0s", "diagnostic: b0 with the caller read from the container's session (one String "
                        + "attribute; the WAR distributable as ours is)", SESSION_CALLER_CONTEXT + "/api/bench/caller",
                        Visitor.SESSION_CALLER, 200, "bench-caller", "b0", Target.NONE),
                new Case("b", "Session Endpoint, signed in, CSRF header",
                        CONTEXT + "/api/auth/session", Visitor.SIGNED_IN, 200, "\"userId\"", "a", Target.SESSION_THROUGHPUT),
                new Case("b1", "b0's endpoint in our WAR, signed in, CSRF header: our mechanism (sealed session, lifetime "
                        + "and CSRF checks) and the container's login", CONTEXT + "/api/bench/caller", Visitor.SIGNED_IN,
                        200, "\"caller\":\"", "b0", Target.OUR_SHARE),
                new Case("c1t", "twin: public JAX-RS `/api/demo/public`, no session",
                        CONTEXT + "/api/demo/public", Visitor.NONE, 200, "hello", "a", Target.NONE),
                new Case("c1", "protected JAX-RS `@RolesAllowed` `/api/demo/me`, signed in",
                        CONTEXT + "/api/demo/me", Visitor.SIGNED_IN, 200, "\"userId\"", "c1t", Target.PROTECTED_OVERHEAD),
                new Case("c2t", "twin: public JSF `/public/profile.xhtml`, anonymous session",
                        CONTEXT + "/public/profile.xhtml", Visitor.ANONYMOUS, 200, "Profile (JSF, public)", "a", Target.NONE),
                new Case("c2", "protected JSF `/pages/profile.xhtml`, signed in",
                        CONTEXT + "/pages/profile.xhtml", Visitor.SIGNED_IN, 200, "Profile (JSF)", "c2t", Target.PROTECTED_OVERHEAD),
                new Case("c3t", "twin: public JSP `/public/index.jsp`, no session",
                        CONTEXT + "/public/index.jsp", Visitor.NONE, 200, "Administration (JSP, public)", "a", Target.NONE),
                new Case("c3", "protected JSP `/admin/index.jsp` (role admin), signed in",
                        CONTEXT + "/admin/index.jsp", Visitor.SIGNED_IN, 200, "<span id=\"admin\">true</span>", "c3t",
                        Target.PROTECTED_OVERHEAD),
                new Case("d", "Login Endpoint: 302 + sealed login-state cookie",
                        CONTEXT + "/api/auth/login?tenant_name=devs4you", Visitor.NONE, 302, "/api/v1/oauth2/authorize", "a",
                        Target.NONE),
                new Case("e", "full login round trip: login → emulator → callback → landing page (5 requests)",
                        null, Visitor.NONE, 200, null, "a", Target.NONE));
    }

    /**
     * The cases {@code -Dbench.cases} names (all when it names none), with the cases their ratios and targets are
     * taken against, in the usual order: a narrower run for more rounds of the cases under study.
     */
    static List<Case> selected(List<Case> all, List<String> only) {
        if (only.isEmpty()) {
            return all;
        }
        Map<String, Case> byId = new LinkedHashMap<>();
        all.forEach(c -> byId.put(c.id(), c));
        Set<String> wanted = new HashSet<>();
        Deque<String> next = new ArrayDeque<>(only);
        while (!next.isEmpty()) {
            String id = next.pop();
            Case c = byId.get(id);
            if (c == null) {
                throw new IllegalArgumentException("bench.cases: no case " + id + "; cases: " + byId.keySet());
            }
            if (wanted.add(id)) {
                if (c.baseline() != null) {
                    next.push(c.baseline());
                }
                if (c.target() == Target.SESSION_THROUGHPUT) {
                    next.push("a3");
                }
            }
        }
        return all.stream().filter(c -> wanted.contains(c.id())).toList();
    }

    /**
     * One measurement: at load ({@code connections}) and with one connection; {@code cpuUs} is the server JVM's CPU
     * time per request at load (user and system, all its threads).
     */
    record Sample(double rps, double p50us, double p99us, double p50us1, double p99us1, long errors, double cpuUs) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final Settings settings;
    private final Path wrkScript;
    private final Path usersFile;
    private final Path anonymousFile;
    private final Path sessionCallersFile;
    private final List<String> log = new ArrayList<>();
    private final String loadAtStart = loadAverage();
    private final BenchServer server;
    private ProcessHandle serverProcess;

    private BenchRunner(Settings settings) {
        this.settings = settings;
        this.server = BenchServer.of(settings);
        this.wrkScript = settings.basedir().resolve("src/bench/wrk/bench.lua").toAbsolutePath();
        this.usersFile = settings.out().resolve("users.tsv").toAbsolutePath();
        this.anonymousFile = settings.out().resolve("anonymous.tsv").toAbsolutePath();
        this.sessionCallersFile = settings.out().resolve("session-callers.tsv").toAbsolutePath();
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystemProperties();
        Files.createDirectories(settings.out());
        BenchRunner runner = new BenchRunner(settings);
        StringBuilder report = new StringBuilder();
        boolean ok;
        if (settings.jmh().equals("only")) {
            report.append(runner.jmh());
            ok = true;
        } else {
            if (!runner.wrkAvailable()) {
                System.err.println(WRK_MISSING);
                System.exit(2);
            }
            Result result = runner.http();
            report.append(result.markdown());
            ok = result.complete();
            if (Boolean.parseBoolean(settings.jmh())) {
                report.append('\n').append(runner.jmh());
            }
        }
        String text = runner.header() + report;
        System.out.println();
        System.out.println(text);
        Files.writeString(settings.out().resolve("results.md"), text);
        if (settings.docs() && !settings.only().isEmpty()) {
            progress("docs/benchmarks.md not updated: -Dbench.cases ran only some of the cases");
        } else if (settings.docs()) {
            runner.updateResultsPage(text);
        }
        System.exit(ok ? 0 : 1);
    }

    // ---------------------------------------------------------------- the HTTP benchmark

    /** The measured figures of the HTTP part. */
    record Result(Settings settings, List<Case> cases, Map<String, List<Sample>> samples, int sessionBytes,
                  int cookieBytes, String cookieNames, List<String> problems) {

        boolean complete() {
            return problems.isEmpty();
        }

        String markdown() {
            return Report.markdown(this);
        }
    }

    /** Runs only once {@link #wrkAvailable()} (checked in main, before any server starts). */
    private Result http() throws Exception {
        List<String> problems = new ArrayList<>();
        WristbandEmulator emulator = WristbandEmulator.start(settings.emulatorPort(), new EmulatorClient(CLIENT_ID,
                CLIENT_SECRET, List.of(settings.app("/api/auth/callback")), settings.app("/api/auth/login"), null,
                false, null));
        Thread stopper = new Thread(server::stop, "bench-stop-server");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            server.stopLeftover();
            deploy(emulator);
            startServer();
            List<Browser> browsers = signIn(settings.users());
            writeUsers(browsers);
            writeAnonymous(settings.users());
            writeSessionCallers(settings.users());
            int sessionBytes = sessionBytes(browsers.get(0));
            Map.Entry<Integer, String> cookies = cookieBytes(browsers.get(0));
            List<Case> cases = selected(cases(), settings.only());
            for (Case c : cases) {
                String problem = check(c, browsers.get(0));
                if (problem != null) {
                    problems.add(problem);
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("cases fail their check: " + problems);
            }
            if (settings.profile() != null) {
                profile(cases.stream().filter(c -> c.id().equals(settings.profile())).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no case " + settings.profile())));
            }
            Map<String, List<Sample>> samples = new LinkedHashMap<>();
            // The cases that leave sessions behind come after all rounds of the others: the Login Endpoint alone
            // leaves some ten thousand new sessions per load, which the server then keeps (and a distributable
            // session manager schedules) until they expire, and which would weigh on every case measured after it.
            rounds(cases.stream().filter(c -> !LEAVE_SESSIONS.contains(c.id())).toList(), samples, problems);
            rounds(cases.stream().filter(c -> LEAVE_SESSIONS.contains(c.id())).toList(), samples, problems);
            return new Result(settings, cases, samples, sessionBytes, cookies.getKey(), cookies.getValue(), problems);
        } finally {
            server.stop();
            emulator.close();
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    /** Our WAR with the bench configuration and the trivial endpoint; the baseline WAR with only the latter. */
    private void deploy(WristbandEmulator emulator) throws IOException {
        Path dropins = server.deployments();
        Files.createDirectories(dropins);
        try (var old = Files.list(dropins)) {
            for (Path p : old.toList()) {
                ServerProcesses.deleteRecursively(p);
            }
        }
        Map<String, String> config = TestApp.config(CLIENT_ID, CLIENT_SECRET, emulator.applicationOrigin(),
                settings::app);
        // The bench reads the access token through it to measure a real session's size.
        config.put("wristband.token-endpoint.enabled", "true");
        String properties = config.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        WebArchive built = ShrinkWrap.create(ZipImporter.class, "built.war").importFrom(settings.war().toFile())
                .as(WebArchive.class);
        WebArchive ours = ShrinkWrap.create(WebArchive.class, CONTEXT.substring(1) + ".war")
                .merge(built)
                .addClasses(HelloResource.class, CallerResource.class)
                .addAsResource(new StringAsset(properties), "META-INF/microprofile-config.properties");
        if (!settings.distributable()) {
            // The same WAR as a single node runs it without replication (the split of docs/benchmarks.md).
            String webXml = new String(built.get("/WEB-INF/web.xml").getAsset().openStream().readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            String plain = webXml.replaceAll("\\s*<distributable\\s*/>", "");
            if (plain.equals(webXml)) {
                throw new IllegalStateException("web.xml has no <distributable/> to leave out");
            }
            ours.delete("/WEB-INF/web.xml");
            ours.addAsWebInfResource(new StringAsset(plain), "web.xml");
        }
        ours.as(ZipExporter.class).exportTo(dropins.resolve(ours.getName()).toFile(), true);
        WebArchive baseline = ShrinkWrap.create(WebArchive.class, BASELINE_CONTEXT.substring(1) + ".war")
                .addClasses(BaselineApplication.class, HelloResource.class);
        baseline.as(ZipExporter.class).exportTo(dropins.resolve(baseline.getName()).toFile(), true);
        // Three diagnostic WARs: the baseline with the least a mechanism can do, to split our cost from the container's.
        WebArchive doNothing = ShrinkWrap.create(WebArchive.class, DO_NOTHING_CONTEXT.substring(1) + ".war")
                .addClasses(BaselineApplication.class, HelloResource.class, DoNothingMechanism.class);
        doNothing.as(ZipExporter.class).exportTo(dropins.resolve(doNothing.getName()).toFile(), true);
        WebArchive fixedCaller = ShrinkWrap.create(WebArchive.class, FIXED_CALLER_CONTEXT.substring(1) + ".war")
                .addClasses(BaselineApplication.class, CallerResource.class, FixedCallerMechanism.class);
        fixedCaller.as(ZipExporter.class).exportTo(dropins.resolve(fixedCaller.getName()).toFile(), true);
        // Distributable as ours is (or not, with -Dbench.distributable=false), so that the container keeps both
        // WARs' sessions alike.
        WebArchive sessionCaller = ShrinkWrap.create(WebArchive.class, SESSION_CALLER_CONTEXT.substring(1) + ".war")
                .addClasses(BaselineApplication.class, CallerResource.class, SessionCallerMechanism.class)
                .addAsWebInfResource(new StringAsset("<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" "
                        + "version=\"6.0\">" + (settings.distributable() ? "<distributable/>" : "") + "</web-app>\n"),
                        "web.xml");
        sessionCaller.as(ZipExporter.class).exportTo(dropins.resolve(sessionCaller.getName()).toFile(), true);
        progress("deployed " + ours.getName() + ", " + baseline.getName() + ", " + doNothing.getName() + ", "
                + fixedCaller.getName() + " and " + sessionCaller.getName() + " to " + dropins);
    }

    /** Starts the server and waits until each of the five applications answers 200. */
    private void startServer() throws Exception {
        server.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        for (String path : List.of(BASELINE_CONTEXT + "/api/bench/hello", CONTEXT + "/api/bench/hello",
                DO_NOTHING_CONTEXT + "/api/bench/hello", FIXED_CALLER_CONTEXT + "/api/bench/caller",
                SESSION_CALLER_CONTEXT + "/api/bench/caller")) {
            while (true) {
                try {
                    if (get(settings.origin() + path).statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // starting
                }
                String failure = server.failure();
                if (failure != null) {
                    throw new IllegalStateException(failure);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(path + " did not answer 200 within 180 s; see " + server.log());
                }
                Thread.sleep(250);
            }
        }
        progress("all five applications answer");
    }

    /** Signs in {@code k} browsers as alice through the real flow (our Login Endpoint, the emulator, our callback). */
    private List<Browser> signIn(int k) throws Exception {
        progress("signing in " + k + " users through the login flow");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Browser>> futures = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                futures.add(pool.submit(() -> {
                    Browser browser = new Browser();
                    Browser.Exchange landed = SignIn.last(SignIn.as(browser, USER, loginUrl()));
                    if (landed.status() != 200 || browser.cookie("localhost", "JSESSIONID").isEmpty()
                            || browser.cookie("localhost", "CSRF-TOKEN").isEmpty()) {
                        throw new IllegalStateException("sign-in did not complete: " + landed.status() + " "
                                + landed.uri() + " cookies " + browser.cookies());
                    }
                    return browser;
                }));
            }
            List<Browser> browsers = new ArrayList<>();
            for (Future<Browser> f : futures) {
                browsers.add(f.get());
            }
            return browsers;
        } finally {
            pool.shutdownNow();
        }
    }

    private String loginUrl() {
        return settings.app("/api/auth/login?tenant_name=devs4you");
    }

    /** The Cookie header the browser sends to our application. */
    private static String cookieHeader(Browser browser) {
        return browser.cookies().stream()
                .filter(c -> c.host().equals("localhost") && CONTEXT.startsWith(c.path().replaceAll("/$", "")))
                .map(c -> c.name() + "=" + c.value())
                .collect(Collectors.joining("; "));
    }

    private static String csrf(Browser browser) {
        return browser.cookie("localhost", "CSRF-TOKEN").orElseThrow().value();
    }

    private void writeUsers(List<Browser> browsers) throws IOException {
        Files.writeString(usersFile, browsers.stream().map(b -> cookieHeader(b) + "\t" + csrf(b))
                .collect(Collectors.joining("\n", "", "\n")));
    }

    /** K anonymous visitors, each with the session cookies one visit of the public JSF page gave it. */
    private void writeAnonymous(int k) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < k; i++) {
            Browser browser = new Browser();
            browser.get(settings.app("/public/profile.xhtml"));
            lines.append(cookieHeader(browser)).append("\t-\n");
        }
        Files.writeString(anonymousFile, lines.toString());
    }

    /**
     * K visitors of case b0s's WAR, each with the session cookie that its first request there created (the
     * mechanism puts the caller into the new session); the load's requests then read it from that session.
     */
    private void writeSessionCallers(int k) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < k; i++) {
            Browser visitor = new Browser();
            Browser.Exchange first = visitor.get(settings.origin() + SESSION_CALLER_CONTEXT + "/api/bench/caller");
            Browser.Cookie session = visitor.cookie("localhost", "JSESSIONID")
                    .orElseThrow(() -> new IllegalStateException("b0s: the first request got no session cookie: "
                            + first.status() + " " + first.headers("Set-Cookie")));
            lines.append(session.name()).append('=').append(session.value()).append("\t-\n");
        }
        Files.writeString(sessionCallersFile, lines.toString());
    }

    /**
     * The serialized size of a real signed-in user's {@link WristbandSession}, sealed: its fields as the Session and Token
     * endpoints report them (the access token is the emulator's RS256 JWT), the refresh token of the emulator's
     * size (43 characters; it never reaches the browser).
     */
    private int sessionBytes(Browser browser) throws Exception {
        String csrf = csrf(browser);
        JsonObject session = json(browser.get(settings.app("/api/auth/session"), CSRF_HEADER, csrf));
        JsonObject token = json(browser.get(settings.app("/api/auth/token"), CSRF_HEADER, csrf));
        JsonObject metadata = session.getJsonObject("metadata");
        byte[] refresh = new byte[32];
        new SecureRandom().nextBytes(refresh);
        WristbandSession signedIn = new WristbandSession(session.getString("userId"), session.getString("tenantId"),
                metadata.getString("tenantName"), null, metadata.getString("identityProviderName"),
                metadata.getString("email", null),
                metadata.getJsonArray("roles").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList(),
                new TokenSet(token.getString("accessToken"),
                        Base64.getUrlEncoder().withoutPadding().encodeToString(refresh),
                        Instant.ofEpochMilli(token.getJsonNumber("expiresAt").longValueExact())),
                csrf, Instant.now());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new SessionSeal(List.of("a session secret of at least 32 characters"),
                    new SecureRandom()).seal(signedIn));
        }
        return bytes.size();
    }

    private static JsonObject json(Browser.Exchange exchange) {
        if (exchange.status() != 200) {
            throw new IllegalStateException(exchange.uri() + " answered " + exchange.status() + ": " + exchange.body());
        }
        return Json.createReader(new StringReader(exchange.body())).readObject();
    }

    private static Map.Entry<Integer, String> cookieBytes(Browser browser) {
        String header = cookieHeader(browser);
        String names = browser.cookies().stream().filter(c -> c.host().equals("localhost")).map(Browser.Cookie::name)
                .collect(Collectors.joining(" + "));
        return Map.entry(header.getBytes(StandardCharsets.UTF_8).length, names);
    }

    /** One request as the load will send it: the status and the marker must be there. */
    private String check(Case c, Browser browser) throws Exception {
        if (c.roundTrip()) {
            return null;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.origin() + c.path()))
                .timeout(Duration.ofSeconds(30));
        if (c.signedIn()) {
            request.header("Cookie", cookieHeader(browser)).header(CSRF_HEADER, csrf(browser));
        } else if (c.visitor() == Visitor.ANONYMOUS) {
            request.header("Cookie", Files.readAllLines(anonymousFile).get(0).split("\t")[0]);
        } else if (c.visitor() == Visitor.SESSION_CALLER) {
            request.header("Cookie", Files.readAllLines(sessionCallersFile).get(0).split("\t")[0]);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String seen = response.body() + " " + response.headers().firstValue("Location").orElse("");
        if (response.statusCode() != c.status() || !seen.contains(c.marker())) {
            return c.id() + ": expected " + c.status() + " with " + c.marker() + ", got " + response.statusCode()
                    + " " + seen.substring(0, Math.min(300, seen.length()));
        }
        if ((c.visitor() == Visitor.ANONYMOUS || c.visitor() == Visitor.SESSION_CALLER)
                && response.headers().allValues("Set-Cookie").stream().anyMatch(h -> h.startsWith("JSESSIONID="))) {
            if (c.visitor() == Visitor.SESSION_CALLER) {
                return c.id() + ": gets a new session although it sends one, so the load would not read a session";
            }
            log.add("note: " + c.id() + " gets a new session although it sends one");
        }
        if (c.visitor() == Visitor.NONE && c.status() == 200 && response.headers().firstValue("Set-Cookie").isPresent()) {
            log.add("note: " + c.id() + " sets a cookie for an anonymous visitor: "
                    + response.headers().allValues("Set-Cookie"));
        }
        return null;
    }

    /** A warm-up round, then the rounds over {@code cases}, every other one in reverse order. */
    private void rounds(List<Case> cases, Map<String, List<Sample>> samples, List<String> problems) throws Exception {
        if (cases.isEmpty()) {
            return;
        }
        progress("warm-up round: " + cases.stream().map(Case::id).collect(Collectors.joining(" ")) + ", "
                + settings.duration() + " s each");
        for (Case c : cases) {
            measure(c, false);
        }
        for (int round = 1; round <= settings.rounds(); round++) {
            List<Case> order = new ArrayList<>(cases);
            if (round % 2 == 0) {
                java.util.Collections.reverse(order);
            }
            progress("round " + round + "/" + settings.rounds() + ": "
                    + order.stream().map(Case::id).collect(Collectors.joining(" ")));
            for (Case c : order) {
                Sample s = measure(c, true);
                samples.computeIfAbsent(c.id(), k -> new ArrayList<>()).add(s);
                if (s.errors() > 0) {
                    problems.add(c.id() + ": " + s.errors() + " errors in round " + round);
                }
            }
        }
    }

    /** Warm-up, then Flight Recorder on the server while wrk loads {@code c} for 5 durations. */
    private void profile(Case c) throws Exception {
        measure(c, false);
        measure(c, false);
        long pid = server.pid();
        Path jfr = settings.out().resolve("profile-" + c.id() + ".jfr").toAbsolutePath();
        progress("profiling " + c.id() + " (server pid " + pid + ") into " + jfr);
        Profiler.jcmd(pid, "JFR.start", "name=bench", "settings=profile");
        double[] load;
        try {
            load = wrk(c, settings.threads(), settings.connections(), settings.duration() * 5);
        } finally {
            Profiler.jcmd(pid, "JFR.dump", "name=bench", "filename=" + jfr);
            Profiler.jcmd(pid, "JFR.stop", "name=bench");
        }
        String report = String.format(Locale.ROOT, "%s: %.0f req/s during the recording%n", c.id(), load[0])
                + Profiler.report(jfr, 40);
        Profiler.write(settings.out().resolve("profile-" + c.id() + ".txt"), report);
        System.err.println(report);
    }

    private Sample measure(Case c, boolean both) throws Exception {
        Duration cpu = serverCpu();
        double[] load = c.roundTrip() ? roundTrips(settings.connections())
                : wrk(c, settings.threads(), settings.connections());
        double cpuUs = cpuPerRequest(cpu, load[4]);
        double[] one = !both ? new double[5] : c.roundTrip() ? roundTrips(1) : wrk(c, 1, 1);
        return new Sample(load[0], load[1], load[2], one[1], one[2], (long) (load[3] + one[3]), cpuUs);
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

    private static final Pattern BENCH_LINE = Pattern.compile("BENCH requests=(\\d+) duration_us=(\\d+) "
            + "p50_us=(\\d+) p99_us=(\\d+) connect=(\\d+) read=(\\d+) write=(\\d+) status=(\\d+) timeout=(\\d+)");

    /** @return requests/s, p50 µs, p99 µs, errors, requests */
    private double[] wrk(Case c, int threads, int connections) throws IOException, InterruptedException {
        return wrk(c, threads, connections, settings.duration());
    }

    private double[] wrk(Case c, int threads, int connections, int seconds) throws IOException, InterruptedException {
        List<String> command = List.of("wrk", "-t" + Math.min(threads, connections), "-c" + connections,
                "-d" + seconds + "s", "--timeout", "10s", "-s", wrkScript.toString(),
                "http://127.0.0.1:" + settings.httpPort() + c.path(), "--",
                switch (c.visitor()) {
                    case SIGNED_IN -> usersFile.toString();
                    case ANONYMOUS -> anonymousFile.toString();
                    case SESSION_CALLER -> sessionCallersFile.toString();
                    case NONE -> "-";
                }, CSRF_HEADER);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher m = BENCH_LINE.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("wrk gave no result for " + c.id() + ": " + output);
        }
        double requests = Double.parseDouble(m.group(1));
        double elapsed = Double.parseDouble(m.group(2)) / 1e6;
        long errors = 0;
        for (int g = 5; g <= 9; g++) {
            errors += Long.parseLong(m.group(g));
        }
        return new double[] {requests / elapsed, Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)), errors,
                requests};
    }

    /**
     * Case e with JVM clients (wrk speaks to one host): full sign-ins in a closed loop for the duration.
     *
     * @return round trips/s, p50 µs, p99 µs, errors, round trips (as {@link #wrk} returns for requests)
     */
    private double[] roundTrips(int concurrency) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(settings.duration());
        AtomicLong errors = new AtomicLong();
        List<Future<List<Long>>> futures = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            futures.add(pool.submit(() -> {
                List<Long> micros = new ArrayList<>();
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    try {
                        Browser browser = new Browser();
                        Browser.Exchange landed = SignIn.last(SignIn.as(browser, USER, loginUrl()));
                        if (landed.status() != 200 || browser.cookie("localhost", "JSESSIONID").isEmpty()) {
                            errors.incrementAndGet();
                            continue;
                        }
                    } catch (RuntimeException | AssertionError e) {
                        errors.incrementAndGet();
                        continue;
                    }
                    micros.add((System.nanoTime() - t0) / 1000);
                }
                return micros;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : futures) {
            all.addAll(f.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdownNow();
        all.sort(Comparator.naturalOrder());
        return new double[] {all.size() / seconds, percentile(all, 50), percentile(all, 99), errors.get(), all.size()};
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Whether wrk is on the PATH. A build never changes the machine it runs on: without wrk the benchmark stops,
     * before any server starts, with how to get it ({@link #WRK_MISSING}), instead of installing it.
     */
    boolean wrkAvailable() throws IOException, InterruptedException {
        return run(List.of("sh", "-c", "command -v wrk")) == 0;
    }

    static final String WRK_MISSING = "wrk, the HTTP load generator the benchmark measures with, is not on the PATH."
            + " Install it and run the benchmark again: Debian/Ubuntu `sudo apt-get install wrk`, Fedora"
            + " `sudo dnf install wrk`, macOS `brew install wrk`, or build it from https://github.com/wg/wrk.";

    private int run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(settings.out().resolve("setup.log").toFile())).start();
        return p.waitFor();
    }

    // ---------------------------------------------------------------- JMH

    private String jmh() throws Exception {
        // Eight warm-up seconds: with two, the AES-GCM and RSA paths were still interpreted when measuring began
        // (16-27 µs per warm-up iteration, 1.4 µs once compiled, after four seconds) and the table showed the JIT.
        progress("JMH: 1 fork, 8 x 1 s warm-up, 5 x 1 s measurement per benchmark");
        Options options = new OptionsBuilder()
                .include("io\\.github\\.wristbandjakarta\\.bench\\.jmh\\..*")
                .forks(1)
                .warmupIterations(8).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                .output(settings.out().resolve("jmh.log").toString())
                // A benchmark that throws must fail the run, not vanish from the table.
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        StringBuilder md = new StringBuilder("### Microbenchmarks (JMH)\n\n")
                .append("| Benchmark | Time per operation | ± (99.9 %) |\n|---|---:|---:|\n");
        results.stream().sorted(Comparator.comparing(r -> r.getParams().getBenchmark())).forEach(r -> {
            String name = r.getParams().getBenchmark().replace("io.github.wristbandjakarta.bench.jmh.", "");
            double score = r.getPrimaryResult().getScore();
            double error = r.getPrimaryResult().getScoreError();
            md.append("| `").append(name).append("` | ").append(nanos(score)).append(" | ")
                    .append(Double.isNaN(error) ? "" : nanos(error)).append(" |\n");
        });
        return md.toString();
    }

    private static String nanos(double ns) {
        return ns >= 10_000 ? String.format(Locale.ROOT, "%.1f µs", ns / 1000)
                : String.format(Locale.ROOT, "%.0f ns", ns);
    }

    // ---------------------------------------------------------------- output

    /** The commit the measured build was made from, as {@code git} names it ({@code unknown} outside a clone). */
    private String commit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").directory(settings.basedir().toFile())
                    .redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            return git.waitFor() == 0 && !out.isEmpty() ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private String header() {
        StringBuilder md = new StringBuilder(settings.onWildFly() ? "## Results on WildFly\n\n" : "## Results\n\n");
        md.append("Machine: ").append(machine()).append(".  \n");
        md.append("Run ").append(LocalDate.now()).append(" at commit ").append(commit()).append(" with `./mvnw -Pbench")
                .append(settings.onWildFly() ? " -Dbench.container=wildfly" : "")
                .append(settings.distributable() ? "" : " -Dbench.distributable=false").append(" -Dbench.duration=")
                .append(settings.duration()).append(" -Dbench.rounds=").append(settings.rounds())
                .append(" -Dbench.users=").append(settings.users()).append(" -Dbench.connections=")
                .append(settings.connections())
                .append(settings.only().isEmpty() ? "" : " -Dbench.cases=" + String.join(",", settings.only()))
                .append("`; load average ").append(loadAtStart).append(" at the start, ")
                .append(loadAverage()).append(" at the end.\n\n");
        for (String line : log) {
            md.append("* ").append(line).append('\n');
        }
        if (!log.isEmpty()) {
            md.append('\n');
        }
        return md.toString();
    }

    private String machine() {
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
        String product = server.product();
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memory + os + ", JDK "
                + System.getProperty("java.version") + (product == null ? "" : ", " + product) + ", wrk " + wrkVersion();
    }

    private static String wrkVersion() {
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

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " / " + parts[1];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** The results block of docs/benchmarks.md: the page the benchmark writes, never the README. */
    private void updateResultsPage(String text) throws IOException {
        Path page = settings.basedir().resolve("docs/benchmarks.md");
        String content = Files.readString(page);
        // Each server's results between markers of their own: a run on one never overwrites the other's.
        String beginMarker = settings.onWildFly() ? RESULTS_WILDFLY_BEGIN : RESULTS_BEGIN;
        String endMarker = settings.onWildFly() ? RESULTS_WILDFLY_END : RESULTS_END;
        int begin = content.indexOf(beginMarker);
        int end = content.indexOf(endMarker);
        if (begin < 0 || end < begin) {
            System.err.println("docs/benchmarks.md has no " + beginMarker + " … " + endMarker + " section; not updated");
            return;
        }
        String updated = content.substring(0, begin + beginMarker.length()) + "\n" + text.replace("## Results", "### Results")
                + content.substring(end);
        Files.writeString(page, updated);
        progress("docs/benchmarks.md results updated");
    }

    static void progress(String message) {
        System.err.printf(Locale.ROOT, "[bench %tT] %s%n", System.currentTimeMillis(), message);
    }

    static double median(List<Sample> samples, ToDoubleFunction<Sample> metric) {
        return median(samples.stream().mapToDouble(metric).sorted().toArray());
    }

    static double median(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
