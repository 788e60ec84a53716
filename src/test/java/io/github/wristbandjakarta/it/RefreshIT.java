package io.github.wristbandjakarta.it;

import io.github.wristbandjakarta.internal.token.TokenRefresher;
import io.github.wristbandjakarta.testkit.Browser;
import io.github.wristbandjakarta.testkit.WristbandTestKit;
import io.github.wristbandjakarta.emulator.EmulatorUser;
import io.github.wristbandjakarta.emulator.Endpoint;
import io.github.wristbandjakarta.emulator.Fault;
import io.github.wristbandjakarta.emulator.ScriptedAnswer;
import io.github.wristbandjakarta.emulator.WristbandEmulator;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Expired tokens are refreshed before the application sees the request (docs/protocol.md §7): once per session however
 * many requests arrive together, also when Wristband rotates refresh tokens; a refused refresh ends the session,
 * an unreachable Wristband does not.
 */
@ExtendWith(ArquillianExtension.class)
class RefreshIT {

    /** 62 s tokens less the 60 s buffer: due for refresh two seconds after login, by the deployment's clock. */
    private static final Duration SHORT_LIFETIME = Duration.ofSeconds(62);
    /** Tokens that are due for refresh when issued (shorter than the 60 s buffer), and run out at Wristband 2 s later. */
    private static final Duration RUN_OUT_LIFETIME = Duration.ofSeconds(2);
    private static final int PARALLEL_REQUESTS = 12;

    private final WristbandEmulator wristband = TestApp.emulator();
    private final Browser browser = new Browser();

    @Deployment(testable = false)
    static WebArchive app() {
        Map<String, String> config = TestApp.baseConfig();
        config.put("wristband.token-endpoint.enabled", "true");
        return TestApp.withServerClock(TestApp.deployment(config));
    }

    @BeforeEach
    void shortLivedTokens() {
        wristband.reset();
        wristband.accessTokenLifetime(SHORT_LIFETIME);
    }

    @Test
    void tokenEndpointAnswersTheAccessTokenAndItsExpiry() {
        WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl());

        Browser.Exchange token = browser.get(TestApp.url("/api/auth/token"), "X-CSRF-TOKEN", csrfToken());

        assertEquals(200, token.status(), token.body());
        EndToEndIT.assertNoStore(token);
        JsonObject json = json(token);
        assertTrue(wristband.issuedTokens().contains(json.getString("accessToken")));
        long expiresAt = json.getJsonNumber("expiresAt").longValueExact();
        long expected = System.currentTimeMillis() + TestApp.serverClockOffset().toMillis()
                + (SHORT_LIFETIME.toMillis() - TestApp.TOKEN_EXPIRATION_BUFFER.toMillis());
        assertTrue(Math.abs(expiresAt - expected) < 5_000, "expiresAt has the 60 s buffer applied: " + expiresAt);
    }

    @Test
    void parallelRequestsOnAnExpiredSessionCauseExactlyOneRefresh() throws Exception {
        WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl());
        String before = accessToken();
        passTokenLifetime();

        List<Browser.Exchange> answers = parallelSessionRequests();

        answers.forEach(a -> assertEquals(200, a.status(), a.body()));
        assertEquals(1, wristband.calls(Endpoint.TOKEN_REFRESH));
        assertNotEquals(before, accessToken());
        assertEquals(1, wristband.calls(Endpoint.TOKEN_REFRESH), "the new tokens are kept in the session");
    }

    @Test
    void parallelRequestsSucceedWhenWristbandRotatesRefreshTokens() throws Exception {
        wristband.rotateRefreshTokens(true);
        WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl());
        passTokenLifetime();

        List<Browser.Exchange> first = parallelSessionRequests();
        passTokenLifetime();
        List<Browser.Exchange> second = parallelSessionRequests();

        first.forEach(a -> assertEquals(200, a.status(), a.body()));
        second.forEach(a -> assertEquals(200, a.status(), a.body()));
        assertEquals(2, wristband.calls(Endpoint.TOKEN_REFRESH), "one refresh per expiry, each with the newest token");
    }

    @Test
    void aRefusedRefreshEndsTheSession() {
        WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl());
        // The container has had this caller before (Open Liberty keeps that identity in its authentication cache).
        assertEquals(200, browser.get(TestApp.url("/pages/profile.xhtml")).status());
        passTokenLifetime();
        wristband.revokeAllRefreshTokens();

        Browser.Exchange api = browser.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrfToken());
        Browser.Exchange page = browser.get(TestApp.url("/pages/profile.xhtml"));

        assertEquals(401, api.status());
        assertEquals("{\"error\":\"Unauthorized\"}", api.body());
        assertEquals(302, page.status());
        assertTrue(page.location().contains("/api/auth/login?return_url="), page.location());
        assertEquals(1, wristband.calls(Endpoint.TOKEN_REFRESH), "the ended session does not try again");
    }

    @Test
    void parallelRequestsOnARefusedRefreshAllGet401AndNothingFailsOnTheServer() throws Exception {
        // Every request of the batch finds the session dead; ending it once per request made WildFly answer some
        // with a 500 (its session manager, invalidated by several requests at once).
        for (int round = 0; round < 3; round++) {
            wristband.reset();
            wristband.accessTokenLifetime(SHORT_LIFETIME);
            WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl());
            passTokenLifetime();
            wristband.revokeAllRefreshTokens();
            long mark = ServerLog.mark();

            List<Browser.Exchange> answers = parallelSessionRequests();

            answers.forEach(a -> assertEquals(401, a.status(), a.body()));
            answers.forEach(a -> assertEquals("{\"error\":\"Unauthorized\"}", a.body()));
            assertEquals(1, wristband.calls(Endpoint.TOKEN_REFRESH), "one refused refresh for the whole batch");
            String logged = ServerLog.awaitSince(mark, text -> text.contains("Token refresh refused"));
            assertEquals(0, ServerLog.count(logged, "Exception"), logged);
            assertEquals(0, ServerLog.count(logged, "WELD-"), logged);
        }
    }

    @Test
    void aRoleRemovedAtWristbandIsRefusedFromTheRequestThatRefreshes() {
        WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl());
        assertEquals(200, browser.get(adminPage()).status(), "the container has had alice as an admin");
        assertEquals(200, browser.get(adminPage()).status());
        nextUserinfoWithRoles("alice", "app:demo:user");
        passTokenLifetime();

        Browser.Exchange page = browser.get(adminPage());

        assertEquals(1, wristband.calls(Endpoint.TOKEN_REFRESH));
        assertEquals(403, page.status(), page.body());
        assertEquals(200, browser.get(TestApp.url("/pages/profile.xhtml")).status(), "still signed in as a user");
    }

    @Test
    void aRoleAddedAtWristbandIsGrantedFromTheRequestThatRefreshes() {
        WristbandTestKit.signInAt(browser, "bob", TestApp.loginUrl());
        assertEquals(403, browser.get(adminPage()).status(), "the container has had bob without the admin role");
        nextUserinfoWithRoles("bob", "app:demo:user", "app:demo:admin");
        passTokenLifetime();

        Browser.Exchange page = browser.get(adminPage());

        assertEquals(1, wristband.calls(Endpoint.TOKEN_REFRESH));
        assertEquals(200, page.status(), page.body());
    }

    private static String adminPage() {
        return TestApp.url("/admin/index.jsp");
    }

    /** Wristband's next userinfo answer: the user as the emulator knows them, with these roles instead. */
    private void nextUserinfoWithRoles(String login, String... roles) {
        EmulatorUser user = wristband.users().stream().filter(u -> u.login().equals(login)).findFirst().orElseThrow();
        JsonArrayBuilder roleArray = Json.createArrayBuilder();
        for (String role : roles) {
            roleArray.add(Json.createObjectBuilder().add("id", "role-" + role).add("name", role)
                    .add("display_name", role));
        }
        wristband.script(Endpoint.USERINFO, ScriptedAnswer.json(200, Json.createObjectBuilder()
                .add("sub", user.userId())
                .add("tnt_id", user.tenantId())
                .add("app_id", WristbandEmulator.APPLICATION_ID)
                .add("idp_name", "wristband")
                .add("email", user.email())
                .add("roles", roleArray)
                .build().toString()));
    }

    @Test
    void anUnreachableWristbandLeavesASessionWhoseAccessTokenIsStillGoodSignedInAndIsAskedOncePerPause() {
        WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl());
        String before = accessToken();
        passTokenLifetime(); // due for refresh, still good at Wristband for the expiration buffer
        wristband.fault(Endpoint.TOKEN_REFRESH, new Fault.Status(503, "{\"error\":\"temporarily_unavailable\"}"));

        Browser.Exchange during = browser.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrfToken());
        Browser.Exchange page = browser.get(TestApp.url("/pages/profile.xhtml"));
        int callsDuring = wristband.calls(Endpoint.TOKEN_REFRESH);
        wristband.clearFaults();
        TestApp.advanceServerClock(TokenRefresher.UNAVAILABLE_PAUSE);
        Browser.Exchange after = browser.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrfToken());

        assertEquals(200, during.status(), during.body());
        assertEquals(200, page.status(), page.body());
        assertEquals(3, callsDuring, "three attempts, then none for the second request within the pause");
        assertEquals(200, after.status(), after.body());
        assertEquals(4, wristband.calls(Endpoint.TOKEN_REFRESH), "asked again once the pause was over");
        assertNotEquals(before, accessToken());
    }

    @Test
    void anUnreachableWristbandKeepsASessionWhoseAccessTokenHasRunOutForTheNextTry() {
        wristband.accessTokenLifetime(RUN_OUT_LIFETIME);
        WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl()); // its last page may refresh already
        runOut();
        int before = wristband.calls(Endpoint.TOKEN_REFRESH);
        wristband.fault(Endpoint.TOKEN_REFRESH, new Fault.Status(503, "{\"error\":\"temporarily_unavailable\"}"));

        Browser.Exchange during = browser.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrfToken());
        wristband.clearFaults();
        Browser.Exchange after = browser.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrfToken());

        assertEquals(401, during.status());
        assertEquals(200, after.status(), after.body());
        assertEquals(4, wristband.calls(Endpoint.TOKEN_REFRESH) - before, "three attempts, then one that succeeds");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = io.github.wristbandjakarta.emulator.IdTokenTampering.class,
            names = {"WRONG_SUBJECT", "WRONG_ISSUER", "WRONG_AUDIENCE", "BAD_SIGNATURE"})
    void aRefreshedIdTokenForAnotherUserIssuerOrAudienceEndsTheSession(
            io.github.wristbandjakarta.emulator.IdTokenTampering tampering) {
        WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl());
        String csrf = csrfToken();
        passTokenLifetime();
        wristband.idTokenTampering(tampering);

        Browser.Exchange api = browser.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrf);
        wristband.idTokenTampering(io.github.wristbandjakarta.emulator.IdTokenTampering.NONE);
        Browser.Exchange page = browser.get(TestApp.url("/pages/profile.xhtml"));
        Browser.Exchange apiAgain = browser.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrf);

        assertEquals(401, api.status(), tampering + ": " + api.body());
        assertEquals("{\"error\":\"Unauthorized\"}", api.body());
        assertEquals(302, page.status());
        assertTrue(page.location().contains("/api/auth/login?return_url="), page.location());
        assertEquals(401, apiAgain.status(), "the session was ended, not kept");
        assertEquals(1, wristband.calls(Endpoint.TOKEN_REFRESH));
    }

    @Test
    void anotherClientErrorOnRefreshEndsTheSession() {
        WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl());
        String csrf = csrfToken();
        passTokenLifetime();
        wristband.fault(Endpoint.TOKEN_REFRESH, new Fault.Status(401, "{\"error\":\"invalid_client\"}"));

        Browser.Exchange during = browser.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrf);
        wristband.clearFaults();
        Browser.Exchange after = browser.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrf);

        assertEquals(401, during.status());
        assertEquals(401, after.status(), "ended: no second try");
        assertEquals(1, wristband.calls(Endpoint.TOKEN_REFRESH), "a 4xx is not retried");
    }

    @Test
    void aTimedOutRefreshOfAnAccessTokenThatHasRunOutSendsThePageToLoginAndKeepsTheSession() {
        wristband.accessTokenLifetime(RUN_OUT_LIFETIME);
        WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl());
        String csrf = csrfToken();
        runOut();
        wristband.fault(Endpoint.TOKEN_REFRESH, new Fault.Delay(Duration.ofMillis(3_500)));

        long started = System.nanoTime();
        Browser.Exchange page = browser.get(TestApp.url("/pages/profile.xhtml"));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        wristband.clearFaults();
        Browser.Exchange after = browser.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrf);

        assertEquals(302, page.status());
        assertTrue(page.location().contains("/api/auth/login?return_url="), page.location());
        assertTrue(tookMillis < 12_000, "three attempts of the 3 s request timeout: " + tookMillis + " ms");
        assertEquals(200, after.status(), "the session was kept for the next try: " + after.body());
    }

    @Test
    void aRotatedRefreshTokenCannotBeReplayed() throws Exception {
        wristband.rotateRefreshTokens(true);
        java.util.Set<String> before = new java.util.HashSet<>(wristband.issuedTokens());
        WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl());
        java.util.Set<String> loginTokens = new java.util.HashSet<>(wristband.issuedTokens());
        loginTokens.removeAll(before);
        passTokenLifetime();

        parallelSessionRequests().forEach(a -> assertEquals(200, a.status(), a.body()));

        // Every token of the login (code, access, ID, the first refresh token) is now dead at Wristband's:
        // replaying the old refresh token is refused, so only the single-flight kept the session alive.
        int refusals = 0;
        for (String token : loginTokens) {
            if (refreshDirectly(token) == 400) {
                refusals++;
            }
        }
        assertEquals(loginTokens.size(), refusals, "no token of the login still refreshes");
        assertEquals(1 + loginTokens.size(), wristband.calls(Endpoint.TOKEN_REFRESH));
    }

    private int refreshDirectly(String refreshToken) throws Exception {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + wristband.port() + "/api/v1/oauth2/token"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (TestApp.CLIENT_ID + ":" + TestApp.CLIENT_SECRET).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token="
                        + java.net.URLEncoder.encode(refreshToken, java.nio.charset.StandardCharsets.UTF_8)))
                .build();
        return java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private List<Browser.Exchange> parallelSessionRequests() throws Exception {
        String csrf = csrfToken();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_REQUESTS);
        try {
            List<Future<Browser.Exchange>> futures = new ArrayList<>();
            for (int i = 0; i < PARALLEL_REQUESTS; i++) {
                futures.add(pool.submit(() -> browser.get(TestApp.url("/api/auth/session"), "X-CSRF-TOKEN", csrf)));
            }
            List<Browser.Exchange> answers = new ArrayList<>();
            for (Future<Browser.Exchange> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private String accessToken() {
        return json(browser.get(TestApp.url("/api/auth/token"), "X-CSRF-TOKEN", csrfToken())).getString("accessToken");
    }

    private String csrfToken() {
        return browser.cookie("localhost", "CSRF-TOKEN").orElseThrow().value();
    }

    private static JsonObject json(Browser.Exchange exchange) {
        return Json.createReader(new StringReader(exchange.body())).readObject();
    }

    /**
     * Past the end, at Wristband, of access tokens issued for {@link #RUN_OUT_LIFETIME}, not only past the buffered
     * end the library refreshes at. A short lifetime rather than a long move of the server's clock: the clock only
     * moves forward, and the ID tokens of the next tests' sign-ins must still be within their lifetime by it.
     */
    private static void runOut() {
        TestApp.advanceServerClock(RUN_OUT_LIFETIME.plusSeconds(1));
    }

    private static void passTokenLifetime() {
        TestApp.advanceToTokenExpiry(SHORT_LIFETIME);
    }
}
