package io.github.wristbandjakarta.it;

import io.github.wristbandjakarta.testkit.Browser;
import io.github.wristbandjakarta.testkit.WristbandTestKit;
import io.github.wristbandjakarta.emulator.Endpoint;
import io.github.wristbandjakarta.emulator.Fault;
import io.github.wristbandjakarta.emulator.WristbandEmulator;
import io.github.wristbandjakarta.internal.wristband.WristbandClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static io.github.wristbandjakarta.it.TestApp.last;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Wristband's token, userinfo and JWKS endpoints failing (5xx), answering garbage or hanging
 * make the callback a 502 (JSON for API clients, an HTML page for browsers) within the configured request
 * timeout (3 s here), create no session, and do not slow down other users' requests.
 */
@ExtendWith(ArquillianExtension.class)
class WristbandFaultsIT {

    private static final String TENANT_LOGIN = TestApp.url("/api/auth/login?tenant_name=devs4you");
    private static final String JSON = "application/json";
    private static final String HTML = "text/html,application/xhtml+xml";

    private final WristbandEmulator wristband = TestApp.emulator();
    private final Browser browser = new Browser();

    @Deployment(testable = false)
    static WebArchive app() {
        Map<String, String> config = TestApp.baseConfig();
        config.put("wristband.jwks.refresh-cooldown", "0");
        return TestApp.withServerClock(TestApp.deployment(config));
    }

    @BeforeEach
    void resetEmulator() {
        wristband.reset();
    }

    @AfterEach
    void releaseHangs() {
        wristband.reset();
    }

    static Stream<Arguments> faults() {
        List<Arguments> all = new ArrayList<>();
        for (Endpoint endpoint : List.of(Endpoint.TOKEN_CODE, Endpoint.USERINFO, Endpoint.JWKS)) {
            all.add(Arguments.of(endpoint, new Fault.Status(503, "{\"error\":\"temporarily_unavailable\"}"), JSON));
            all.add(Arguments.of(endpoint, new Fault.Status(500, "<html>Internal error</html>"), HTML));
            all.add(Arguments.of(endpoint, new Fault.Garbage(), JSON));
            all.add(Arguments.of(endpoint, new Fault.Hang(), HTML));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("faults")
    void aFailingWristbandIsABadGatewayWithoutSession(Endpoint endpoint, Fault fault, String accept) {
        if (endpoint == Endpoint.JWKS) {
            wristband.rotateSigningKey(); // the server must fetch the keys again for this login
        }
        Browser.Exchange loginPage = last(browser.follow(TENANT_LOGIN));
        Browser.Exchange approval = browser.get(WristbandTestKit.approveLink(loginPage, "alice"));
        wristband.fault(endpoint, fault);

        long started = System.nanoTime();
        Browser.Exchange callback = browser.get(approval.location(), "Accept", accept);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(502, callback.status(), callback.body());
        String contentType = callback.header("Content-Type").orElseThrow();
        if (accept.equals(JSON)) {
            assertTrue(contentType.startsWith("application/json"), contentType);
            assertTrue(callback.body().startsWith("{\"error\":"), callback.body());
        } else {
            assertTrue(contentType.startsWith("text/html"), contentType);
            assertTrue(callback.body().contains("<html") || callback.body().contains("<!DOCTYPE"), callback.body());
        }
        assertFalse(callback.body().contains("Exception") || callback.body().contains("\tat "), callback.body());
        // A hang holds the call for minutes: the answer must come after one request timeout, plus as long again for
        // the rest of the callback on a busy machine.
        long boundMillis = TestApp.REQUEST_TIMEOUT.multipliedBy(2).toMillis();
        assertTrue(tookMillis < boundMillis, "answered within one request timeout (" + TestApp.REQUEST_TIMEOUT
                + ") and as long again: " + tookMillis + " ms");
        assertTrue(wristband.calls(endpoint) >= 1, "the fault was hit");
        EndToEndIT.assertNoStore(callback);
        TestApp.assertNotSignedIn(browser);
    }

    @Test
    void otherUsersAreServedWhileWristbandHangs() throws Exception {
        Browser signedIn = new Browser();
        WristbandTestKit.signInAt(signedIn, "bob", TestApp.loginUrl());
        String csrf = signedIn.cookie("localhost", "CSRF-TOKEN").orElseThrow().value();
        List<Browser> tabs = new ArrayList<>();
        List<String> callbacks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Browser tab = new Browser();
            Browser.Exchange approval = tab.get(WristbandTestKit.approveLink(last(tab.follow(TENANT_LOGIN)), "alice"));
            tabs.add(tab);
            callbacks.add(approval.location());
        }
        wristband.fault(Endpoint.TOKEN_CODE, new Fault.Hang());
        wristband.fault(Endpoint.USERINFO, new Fault.Hang());

        int codeExchanges = wristband.calls(Endpoint.TOKEN_CODE);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Browser.Exchange>> hanging = new ArrayList<>();
            for (int i = 0; i < tabs.size(); i++) {
                Browser tab = tabs.get(i);
                String callback = callbacks.get(i);
                hanging.add(pool.submit(() -> tab.get(callback, "Accept", JSON)));
            }
            awaitHeld(Endpoint.TOKEN_CODE, codeExchanges + tabs.size());
            long slowest = 0;
            for (int i = 0; i < 20; i++) {
                long started = System.nanoTime();
                Browser.Exchange session = signedIn.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrf);
                slowest = Math.max(slowest, (System.nanoTime() - started) / 1_000_000);
                assertEquals(200, session.status(), session.body());
                assertEquals(200, signedIn.get(TestApp.url("/")).status());
            }
            assertTrue(slowest < 1_000, "session requests answer while Wristband hangs; slowest " + slowest + " ms");
            for (Future<Browser.Exchange> f : hanging) {
                assertEquals(502, f.get().status());
            }
        } finally {
            pool.shutdownNow();
        }
        tabs.forEach(TestApp::assertNotSignedIn);
    }

    @Test
    void aHangingRefreshOfOneUserDoesNotHoldUpAnother() throws Exception {
        // Due for refresh when issued (shorter than the 60 s buffer), and past its end at Wristband 2 s later.
        Duration runOutLifetime = Duration.ofSeconds(2);
        wristband.accessTokenLifetime(runOutLifetime);
        Browser expiring = new Browser();
        WristbandTestKit.signInAt(expiring, "alice", TestApp.loginUrl());
        String expiringCsrf = expiring.cookie("localhost", "CSRF-TOKEN").orElseThrow().value();
        wristband.accessTokenLifetime(Duration.ofSeconds(1800));
        Browser other = new Browser();
        WristbandTestKit.signInAt(other, "bob", TestApp.loginUrl());
        String otherCsrf = other.cookie("localhost", "CSRF-TOKEN").orElseThrow().value();
        // Past the access token's end at Wristband: while it is still good there, a refresh that fails serves the
        // request with it (docs/protocol.md §7.3).
        TestApp.advanceServerClock(runOutLifetime.plusSeconds(1));
        int before = wristband.calls(Endpoint.TOKEN_REFRESH); // the sign-in's last page may have refreshed already
        wristband.fault(Endpoint.TOKEN_REFRESH, new Fault.Hang());

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Browser.Exchange>> waiting = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                waiting.add(pool.submit(() -> expiring.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", expiringCsrf)));
            }
            awaitHeld(Endpoint.TOKEN_REFRESH, before + 1);
            for (int i = 0; i < 20; i++) {
                long started = System.nanoTime();
                assertEquals(200, other.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", otherCsrf).status());
                long took = (System.nanoTime() - started) / 1_000_000;
                assertTrue(took < 1_000, "another user's request took " + took + " ms");
            }
            for (Future<Browser.Exchange> f : waiting) {
                assertEquals(401, f.get().status(), "refresh timed out three times: 401 this time");
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(WristbandClient.REFRESH_ATTEMPTS, wristband.calls(Endpoint.TOKEN_REFRESH) - before,
                "one refresh for the four requests (single flight), each of its attempts timed out");
        wristband.clearFaults();
        assertEquals(200, expiring.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", expiringCsrf).status(),
                "the session was kept for the next try");
    }

    /**
     * Waits until Wristband has received {@code calls} calls of {@code endpoint} in all, which a {@link Fault.Hang}
     * holds: the requests behind them are then waiting for Wristband. They must all get there before the first of
     * them gives up ({@link TestApp#REQUEST_TIMEOUT}), or they were never all held at once.
     */
    private void awaitHeld(Endpoint endpoint, int calls) throws InterruptedException {
        long deadline = System.nanoTime() + TestApp.REQUEST_TIMEOUT.toNanos();
        while (wristband.calls(endpoint) < calls && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(calls, wristband.calls(endpoint), "calls of " + endpoint + " held within the request timeout");
    }
}
