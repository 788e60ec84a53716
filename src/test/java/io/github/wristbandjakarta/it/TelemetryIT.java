package io.github.wristbandjakarta.it;

import io.github.wristbandjakarta.testkit.Browser;
import io.github.wristbandjakarta.testkit.WristbandTestKit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library's metrics and traces as each server exports them (docs/telemetry.md): Liberty's mpTelemetry and
 * WildFly's opentelemetry subsystem, switched on by this deployment's own configuration with OpenTelemetry's logging
 * exporters, which write every finished span and, each export interval, every metric into the server log. The tests
 * read them there.
 */
@ExtendWith(ArquillianExtension.class)
class TelemetryIT {

    /** otel.metric.export.interval of this deployment. */
    private static final Duration EXPORT_INTERVAL = Duration.ofSeconds(1);
    /** A W3C trace context as a caller sends it (W3C Trace Context §3.2). */
    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-b7ad6b7169203331-01";

    /** Where this class's log reading starts: the deployment's own exports come after it. */
    private static long logStart;
    /** What this deployment has counted so far, as the tests caused it (each test adds what it does). */
    private static int signIns;
    private static int logouts;

    @Deployment(testable = false)
    static WebArchive telemetryApp() {
        Map<String, String> config = TestApp.baseConfig();
        config.put("wristband.token-endpoint.enabled", "true");
        config.put("otel.sdk.disabled", "false");
        config.put("otel.service.name", "wristband-telemetry-it");
        config.put("otel.traces.exporter", "logging");
        // WildFly's subsystem samples nothing (configure.cli); this application asks for every trace.
        config.put("otel.traces.sampler", "parentbased_always_on");
        config.put("otel.metrics.exporter", "logging");
        config.put("otel.logs.exporter", "none");
        config.put("otel.metric.export.interval", Long.toString(EXPORT_INTERVAL.toMillis()));
        return TestApp.deployment(config);
    }

    @BeforeAll
    static void markTheLog() {
        logStart = ServerLog.mark();
    }

    private static final Pattern SPAN = Pattern.compile(
            "'([^']+)' : ([0-9a-f]{32}) ([0-9a-f]{16}) (SERVER|CLIENT|INTERNAL) \\[tracer: ([^:\\]]*)");

    /** A span as OpenTelemetry's logging exporter wrote it: name, trace id, kind, tracer and the whole line. */
    private record ExportedSpan(String name, String traceId, String kind, String tracer, String line) {
    }

    private static List<ExportedSpan> spans(String log) {
        return log.lines().filter(line -> line.contains("LoggingSpanExporter")).map(line -> {
            Matcher m = SPAN.matcher(line);
            return m.find() ? new ExportedSpan(m.group(1), m.group(2), m.group(4), m.group(5), line) : null;
        }).filter(java.util.Objects::nonNull).toList();
    }

    /**
     * The value of one point of the counter {@code metric} (its attributes as the exporter writes them, e.g.
     * {@code {wristband.reason="logout"}}) in the latest export, once it equals {@code expected}, else whatever it was
     * when {@link ServerLog#awaitSince} gave up (after 5 s: five of this deployment's export intervals).
     */
    private static long awaitCounter(String metric, String attributes, long expected) {
        String log = ServerLog.awaitSince(logStart, text -> latest(text, metric, attributes).orElse(-1L) == expected);
        return latest(log, metric, attributes).orElse(-1L);
    }

    /** The point's value in the last export of {@code metric} in {@code log}; empty if that export lacks the point. */
    private static Optional<Long> latest(String log, String metric, String attributes) {
        Optional<Long> value = Optional.empty();
        for (String line : exports(log, metric)) {
            Matcher m = point(attributes).matcher(line);
            value = m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
        }
        return value;
    }

    /** How many exports of {@code metric} in {@code log} show the point at {@code value}. */
    private static long exportsShowing(String log, String metric, String attributes, long value) {
        return exports(log, metric).stream().filter(line -> {
            Matcher m = point(attributes).matcher(line);
            return m.find() && Long.parseLong(m.group(1)) == value;
        }).count();
    }

    private static List<String> exports(String log, String metric) {
        return log.lines().filter(line -> line.contains("LoggingMetricExporter") && line.contains("name=" + metric + ","))
                .toList();
    }

    private static Pattern point(String attributes) {
        return Pattern.compile("attributes=" + Pattern.quote(attributes) + ", value=(\\d+)");
    }

    private static List<Browser.Exchange> signIn(Browser browser) {
        List<Browser.Exchange> hops = WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl());
        signIns++;
        return hops;
    }

    private static String csrf(Browser browser) {
        return browser.cookie("localhost", "CSRF-TOKEN").orElseThrow().value();
    }

    @Test
    void signInsAreCounted() {
        signIn(new Browser());

        assertEquals(signIns, awaitCounter("wristband.sign_ins", "{}", signIns));
    }

    @Test
    void aLogoutIsCountedAsASessionEndedByLogout() {
        Browser browser = new Browser();
        signIn(browser);
        assertEquals(302, browser.get(TestApp.url("/api/auth/logout"), "Sec-Fetch-Site", "same-origin").status());
        logouts++;

        assertEquals(logouts, awaitCounter("wristband.sessions.ended", "{wristband.reason=\"logout\"}", logouts));
    }

    @Test
    void aCallbackWithoutItsLoginStateIsCountedByItsReason() {
        Browser.Exchange callback = new Browser().get(TestApp.url("/api/auth/callback?code=c&state=s"
                + "&tenant_name=devs4you"));
        assertEquals(302, callback.status(), callback.body());

        assertEquals(1, awaitCounter("wristband.callback.failures",
                "{wristband.reason=\"missing_login_state\"}", 1));
    }

    @Test
    void aSignedInApiCallWithoutItsCsrfHeaderIsCountedAsACsrfRefusal() {
        Browser browser = new Browser();
        signIn(browser);
        assertEquals(403, browser.get(TestApp.url("/api/auth/session")).status());

        assertEquals(1, awaitCounter("wristband.csrf.refusals", "{wristband.reason=\"csrf_token\"}", 1));
    }

    @Test
    void everyCallToWristbandIsTimedInSecondsByEndpoint() {
        signIn(new Browser());

        String log = ServerLog.awaitSince(logStart, text -> text.lines().anyMatch(line ->
                line.contains("name=wristband.client.request.duration,")
                        && line.contains("wristband.endpoint=\"token\"")));
        String histogram = log.lines().filter(line -> line.contains("name=wristband.client.request.duration,"))
                .reduce((first, second) -> second).orElseThrow(() -> new AssertionError("no duration exported"));
        assertTrue(histogram.contains("unit=s,") && histogram.contains("type=HISTOGRAM"), histogram);
        assertTrue(histogram.contains("getBoundaries=[0.005, 0.01, 0.025, 0.05"), histogram);
        assertTrue(histogram.contains("wristband.endpoint=\"token\""), histogram);
        assertTrue(histogram.contains("wristband.endpoint=\"userinfo\""), histogram);
    }

    @Test
    void aCallToWristbandJoinsTheTraceOfTheRequestThatMadeIt() {
        Browser browser = new Browser();
        signIn(browser);
        long mark = ServerLog.mark();

        assertEquals(302, browser.get(TestApp.url("/api/auth/logout"), "Sec-Fetch-Site", "same-origin", "traceparent", TRACEPARENT).status());
        logouts++;

        List<ExportedSpan> exported = spans(ServerLog.awaitSince(mark, text -> spans(text).stream()
                .anyMatch(span -> span.name().equals("POST /api/v1/oauth2/revoke"))));
        ExportedSpan revoke = exported.stream().filter(span -> span.name().equals("POST /api/v1/oauth2/revoke"))
                .findFirst().orElseThrow(() -> new AssertionError("no revoke span: " + exported));
        assertEquals("CLIENT", revoke.kind(), revoke.line());
        assertEquals("io.github.wristbandjakarta", revoke.tracer(), revoke.line());
        assertEquals(TRACE_ID, revoke.traceId(), "the trace the logout request came with: " + revoke.line());
        assertTrue(revoke.line().contains("wristband.endpoint=revoke"), revoke.line());
        assertTrue(revoke.line().contains("http.response.status_code=200"), revoke.line());
    }

    /**
     * The callback's calls to Wristband are in the trace the callback request came with, and where the server makes a
     * span of that request (Open Liberty traces servlet requests; WildFly only Jakarta REST: docs/telemetry.md), in
     * that span's trace.
     */
    @Test
    void theCallbacksCallsToWristbandAreInTheTraceOfItsRequest() {
        Browser browser = new Browser();
        List<Browser.Exchange> toLoginPage = browser.follow(TestApp.url("/api/auth/login?tenant_name=devs4you"));
        long mark = ServerLog.mark();
        // The hosted login page's approval, its redirect to the callback and the callback's to the landing page, each
        // with the caller's trace context.
        browser.follow(WristbandTestKit.approveLink(toLoginPage.get(toLoginPage.size() - 1), "alice"), "traceparent",
                TRACEPARENT);
        signIns++;

        List<ExportedSpan> exported = spans(ServerLog.awaitSince(mark, text -> spans(text).stream()
                .anyMatch(span -> span.name().equals("POST /api/v1/oauth2/token"))));
        ExportedSpan token = exported.stream().filter(span -> span.name().equals("POST /api/v1/oauth2/token"))
                .findFirst().orElseThrow(() -> new AssertionError("no token span: " + exported));
        assertEquals(TRACE_ID, token.traceId(), "the trace the callback request came with: " + token.line());
        if (!"wildfly".equals(System.getProperty("arquillian.launch"))) {
            // The request's span ends, and is exported, after the calls made while it ran.
            String log = ServerLog.awaitSince(mark, text -> requestSpanOfTheTokenCall(spans(text)).isPresent());
            ExportedSpan request = requestSpanOfTheTokenCall(spans(log)).orElseThrow(() -> new AssertionError(
                    "no request span in the trace of " + token.line() + ": " + spans(log)));
            assertTrue(request.name().startsWith("GET /app/api/auth"), request.line());
        }
    }

    /** The server's span of a request in the trace of the first token call among {@code spans}. */
    private static Optional<ExportedSpan> requestSpanOfTheTokenCall(List<ExportedSpan> spans) {
        return spans.stream().filter(span -> span.name().equals("POST /api/v1/oauth2/token")).findFirst()
                .flatMap(token -> spans.stream().filter(span -> span.kind().equals("SERVER")
                        && span.traceId().equals(token.traceId())).findFirst());
    }

    /**
     * A login start's {@code login_hint} (an email address) and the {@code code} and {@code state} of a callback that
     * ends before any call to Wristband (no login state: a redirect back to the login). Open Liberty's span of each
     * request records its query as {@code url.query} (WildFly makes no span of these servlet requests):
     * docs/telemetry.md.
     */
    @Test
    void noLoginHintOrCallbackCodeOrStateReachesWhatIsExported() {
        String email = "someone@example.com";
        String code = "code-" + UUID.randomUUID();
        String state = "state-" + UUID.randomUUID();
        long mark = ServerLog.mark();

        Browser.Exchange login = new Browser().get(TestApp.url("/api/auth/login?tenant_name=devs4you&login_hint="
                + URLEncoder.encode(email, StandardCharsets.UTF_8)));
        Browser.Exchange callback = new Browser().get(TestApp.url("/api/auth/callback?code=" + code + "&state="
                + state + "&tenant_name=devs4you"));
        assertEquals(302, login.status(), login.body());
        assertEquals(302, callback.status(), callback.body());

        String log = ServerLog.since(mark);
        if (!"wildfly".equals(System.getProperty("arquillian.launch"))) {
            // Each request's span ends, and is exported, once its answer is on its way: wait for both.
            log = ServerLog.awaitSince(mark, text -> spans(text).stream().filter(span -> span.kind().equals("SERVER"))
                    .filter(span -> span.line().contains("login_hint") || span.line().contains("/callback"))
                    .count() >= 2);
        }
        String exported = String.join("\n", log.lines()
                .filter(line -> line.contains("LoggingSpanExporter") || line.contains("LoggingMetricExporter"))
                .toList());
        for (Map.Entry<String, String> secret : Map.of("the email address", email, "the email address, encoded",
                URLEncoder.encode(email, StandardCharsets.UTF_8), "the authorization code", code, "the state",
                state).entrySet()) {
            assertFalse(exported.contains(secret.getValue()), secret.getKey() + " was exported: " + exported);
        }
    }

    @Test
    void noTokenCodeOrSecretReachesWhatIsExported() {
        Browser browser = new Browser();
        List<Browser.Exchange> hops = signIn(browser);
        String csrf = csrf(browser);
        Browser.Exchange tokens = browser.get(TestApp.url("/api/auth/token"), "X-CSRF-TOKEN", csrf);
        assertEquals(200, tokens.status(), tokens.body());
        String accessToken = jakarta.json.Json.createReader(new java.io.StringReader(tokens.body())).readObject()
                .getString("accessToken");
        String callback = hops.stream().map(hop -> hop.uri().toString())
                .filter(uri -> uri.contains("/api/auth/callback")).findFirst().orElseThrow();
        String code = callback.replaceAll(".*[?&]code=([^&]+).*", "$1");
        String state = callback.replaceAll(".*[?&]state=([^&]+).*", "$1");
        String session = browser.cookie("localhost", "JSESSIONID").orElseThrow().value();
        assertEquals(302, browser.get(TestApp.url("/api/auth/logout"), "Sec-Fetch-Site", "same-origin").status());
        logouts++;
        // Two exports showing this logout: the first of them holds every metric the sign-in and logout touched, and
        // the exporter has written it whole once the next one begins.
        int expectedLogouts = logouts;
        ServerLog.awaitSince(logStart, text -> exportsShowing(text, "wristband.sessions.ended",
                "{wristband.reason=\"logout\"}", expectedLogouts) >= 2);

        String exported = String.join("\n", ServerLog.since(logStart).lines()
                .filter(line -> line.contains("LoggingSpanExporter") || line.contains("LoggingMetricExporter"))
                .toList());
        assertFalse(exported.isEmpty(), "nothing exported");
        // The server's own span of the callback request too (Liberty records its query): docs/telemetry.md.
        for (Map.Entry<String, String> secret : Map.of("the access token", accessToken, "the authorization code", code,
                "the login's state", state, "the client secret", TestApp.CLIENT_SECRET, "the session id", session,
                "the CSRF token", csrf).entrySet()) {
            assertFalse(exported.contains(secret.getValue()), secret.getKey() + " was exported");
        }
    }
}
