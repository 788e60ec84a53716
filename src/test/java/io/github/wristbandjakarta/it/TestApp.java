package io.github.wristbandjakarta.it;

import io.github.wristbandjakarta.emulator.EmulatorClient;
import io.github.wristbandjakarta.emulator.WristbandEmulator;
import io.github.wristbandjakarta.servers.DeploymentConfig;
import io.github.wristbandjakarta.servers.ServerNode;
import io.github.wristbandjakarta.testkit.Browser;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The application under test: the WAR the build produced, deployed as {@code app.war} with its Wristband
 * configuration pointing at one emulator shared by all integration tests of this JVM.
 */
public final class TestApp {

    public static final String CLIENT_ID = "it-client";
    public static final String CLIENT_SECRET = "it-client-secret-0123456789abcdef";
    public static final String CONTEXT = "/app";
    /** {@code wristband.http.request-timeout} of the deployments built on {@link #baseConfig()}. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);
    /** {@code wristband.token-expiration-buffer}: no deployment of the tests sets it, so the library's default. */
    public static final Duration TOKEN_EXPIRATION_BUFFER = Duration.ofSeconds(60);

    private static WristbandEmulator emulator;

    private TestApp() {
    }

    /** The HTTP port of the server under test; each failsafe execution (one per server) sets it. */
    public static int port() {
        return Integer.parseInt(System.getProperty("server.http.port", "9080"));
    }

    /** Whether the server under test is a Jakarta EE 11 one (./mvnw verify -Pee11 sets jakarta.ee=11). */
    public static boolean jakartaEe11() {
        return "11".equals(System.getProperty("jakarta.ee"));
    }

    public static String origin() {
        return "http://localhost:" + port();
    }

    /**
     * The server's log file: {@code server.log} (each failsafe execution sets it), else Liberty's
     * {@code messages.log} of the test server.
     */
    public static java.nio.file.Path serverLog() {
        String configured = System.getProperty("server.log");
        if (configured != null && !configured.isEmpty()) {
            return java.nio.file.Path.of(configured);
        }
        return java.nio.file.Path.of(System.getProperty("liberty.wlpHome", "target/liberty/wlp"),
                "usr", "servers", System.getProperty("liberty.server.name", "wristband-test"), "logs", "messages.log");
    }

    public static String url(String path) {
        return origin() + CONTEXT + path;
    }

    /** An absolute URL of the application on {@code node}, a server the tests started themselves (a cluster node). */
    public static String url(ServerNode node, String path) {
        return node.url(CONTEXT + path);
    }

    /** The Login Endpoint for the default users' tenant: where the tests' sign-ins start. */
    public static String loginUrl() {
        return url("/api/auth/login?tenant_name=devs4you");
    }

    /** The page a walk of redirects ended on. */
    public static Browser.Exchange last(List<Browser.Exchange> hops) {
        return hops.get(hops.size() - 1);
    }

    /**
     * The browser is not signed in: it holds no CSRF cookie, and the Session Endpoint answers 401 to whatever session
     * cookie it sends (a session the browser held before a failed login stays).
     */
    public static void assertNotSignedIn(Browser browser) {
        assertFalse(browser.cookie("localhost", "CSRF-TOKEN").isPresent(), () -> "no CSRF cookie: " + browser.cookies());
        Browser.Exchange session = browser.get(url("/api/auth/session"));
        assertEquals(401, session.status(), () -> "not signed in: " + session.body());
    }

    public static synchronized WristbandEmulator emulator() {
        if (emulator == null) {
            emulator = WristbandEmulator.start(0, new EmulatorClient(CLIENT_ID, CLIENT_SECRET,
                    List.of(url("/api/auth/callback")), url("/api/auth/login"), null, false, null));
            Runtime.getRuntime().addShutdownHook(new Thread(emulator::close));
        }
        return emulator;
    }

    /** The configuration every test deployment starts from. */
    public static Map<String, String> baseConfig() {
        Map<String, String> config = DeploymentConfig.of(CLIENT_ID, CLIENT_SECRET, emulator().applicationOrigin(),
                TestApp::url);
        config.put("wristband.http.request-timeout", Long.toString(REQUEST_TIMEOUT.toSeconds()));
        return config;
    }

    /**
     * {@link #baseConfig()} without the login URL and redirect URI, auto-configuration on: those two come from
     * Wristband's SDK configuration endpoint (docs/protocol.md §2.5).
     */
    public static Map<String, String> autoConfiguredConfig() {
        Map<String, String> config = baseConfig();
        config.remove("wristband.login-url");
        config.remove("wristband.redirect-uri");
        config.put("wristband.auto-configure-enabled", "true");
        return config;
    }

    public static WebArchive deployment() {
        return deployment(baseConfig());
    }

    public static WebArchive deployment(Map<String, String> config) {
        return ShrinkWrap.create(WebArchive.class, "app.war")
                .merge(referenceWar())
                .addAsResource(new StringAsset(properties(config)), "META-INF/microprofile-config.properties");
    }

    /**
     * A host application's WAR, not the demo: {@code config} as its MicroProfile Config, and in WEB-INF/lib what a
     * user's build puts there with the library (the library jar, jose4j and its logging), taken from the reference
     * WAR, which holds exactly those. The host adds its own classes and pages.
     */
    public static WebArchive hostArchive(String name, Map<String, String> config) {
        WebArchive host = ShrinkWrap.create(WebArchive.class, name)
                .addAsResource(new StringAsset(properties(config)), "META-INF/microprofile-config.properties");
        referenceWar().getContent(path -> path.get().startsWith("/WEB-INF/lib/")).forEach((path, node) ->
                host.add(node.getAsset(), path));
        return host;
    }

    private static WebArchive referenceWar() {
        File war = new File(System.getProperty("wristband.war", "target/wristband-jakarta-auth.war"));
        return ShrinkWrap.create(ZipImporter.class, "built.war").importFrom(war).as(WebArchive.class);
    }

    private static String properties(Map<String, String> config) {
        return config.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + e.getValue().replace("\\", "\\\\"))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /**
     * Waits until tokens that the library received before this call, issued for {@code lifetime}, are due for
     * refresh: it counts them expired {@link #TOKEN_EXPIRATION_BUFFER} before their lifetime ends, from when it
     * received them. No request can tell that moment without causing the refresh, so this waits that long. For a
     * server whose clock the test cannot move (a cluster node's); a deployment with {@link #withServerClock} moves
     * its clock instead: {@link #advanceToTokenExpiry}.
     */
    public static void awaitTokenExpiry(Duration lifetime) throws InterruptedException {
        Thread.sleep(lifetime.minus(TOKEN_EXPIRATION_BUFFER).toMillis());
    }

    /** {@code app} with {@link ServerClock}: the library's clock, which the tests move forward. */
    public static WebArchive withServerClock(WebArchive app) {
        return app.addClasses(ServerClock.class, ServerClock.Offset.class, ServerClock.Producer.class,
                ServerClock.AheadClock.class, ServerClock.Control.class);
    }

    /**
     * Moves the clock of the deployment at {@link #CONTEXT} (built {@link #withServerClock}) forward by {@code by}:
     * what the library decides by time from then on, it decides as if {@code by} had passed.
     */
    public static void advanceServerClock(Duration by) {
        Browser.Exchange moved = new Browser().post(url("/it/clock?advance=" + by), "");
        assertEquals(200, moved.status(), () -> "advance the server's clock: " + moved.body());
    }

    /**
     * Moves the deployment's clock past the moment when tokens that the library received before this call, issued
     * for {@code lifetime}, are due for refresh ({@link #TOKEN_EXPIRATION_BUFFER} before their lifetime ends).
     */
    public static void advanceToTokenExpiry(Duration lifetime) {
        advanceServerClock(lifetime.minus(TOKEN_EXPIRATION_BUFFER));
    }

    /** How far the deployment's clock is ahead of the system clock. */
    public static Duration serverClockOffset() {
        Browser.Exchange offset = new Browser().get(url("/it/clock"));
        assertEquals(200, offset.status(), () -> "the server's clock: " + offset.body());
        return Duration.ofMillis(Long.parseLong(offset.body().trim()));
    }
}
