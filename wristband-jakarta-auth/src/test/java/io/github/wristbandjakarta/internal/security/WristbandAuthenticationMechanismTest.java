package io.github.wristbandjakarta.internal.security;

import io.github.wristbandjakarta.emulator.Endpoint;
import io.github.wristbandjakarta.emulator.Fault;
import io.github.wristbandjakarta.emulator.ScriptedAnswer;
import io.github.wristbandjakarta.emulator.WristbandEmulator;
import io.github.wristbandjakarta.testing.Emulators;
import io.github.wristbandjakarta.testing.TestClock;
import io.github.wristbandjakarta.testing.TestConfig;

import io.github.wristbandjakarta.api.WristbandPrincipal;
import io.github.wristbandjakarta.api.UnauthenticatedRequests;

import io.github.wristbandjakarta.internal.config.ConfigKey;
import io.github.wristbandjakarta.internal.config.WristbandConfig;
import io.github.wristbandjakarta.internal.security.ServletFakes.Context;
import io.github.wristbandjakarta.internal.security.ServletFakes.Request;
import io.github.wristbandjakarta.internal.security.ServletFakes.Response;
import io.github.wristbandjakarta.internal.security.ServletFakes.Session;
import io.github.wristbandjakarta.internal.session.CsrfProtection;
import io.github.wristbandjakarta.api.WristbandEvent;
import io.github.wristbandjakarta.internal.events.WristbandEvents;
import io.github.wristbandjakarta.internal.session.SealedSession;
import io.github.wristbandjakarta.internal.session.SessionSeal;
import io.github.wristbandjakarta.internal.session.SessionStore;
import io.github.wristbandjakarta.internal.session.SignIns;
import io.github.wristbandjakarta.internal.session.WristbandSession;
import io.github.wristbandjakarta.internal.token.AccessTokenValidator;
import io.github.wristbandjakarta.internal.token.IdTokenValidator;
import io.github.wristbandjakarta.internal.token.JwksCache;
import io.github.wristbandjakarta.internal.token.TokenRefresher;
import io.github.wristbandjakarta.internal.token.TokenSet;
import io.github.wristbandjakarta.internal.wristband.WristbandClient;
import jakarta.security.enterprise.AuthenticationStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HttpAuthenticationMechanism (docs/protocol.md §6.1, §6.3, §6.4, §9.1–§9.3) with hand-made servlet fakes. */
class WristbandAuthenticationMechanismTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String CSRF = "0123456789abcdef0123456789abcdef";
    private static final String UNAUTHORIZED = "{\"error\":\"Unauthorized\"}";
    private static final String FORBIDDEN = "{\"error\":\"Forbidden\"}";

    private WristbandEmulator emulator;
    private Map<String, String> values;
    private final TestClock clock = new TestClock(NOW);
    private Response response = new Response();
    private final Context context = new Context();

    @BeforeEach
    void start() throws IOException {
        emulator = Emulators.start();
        values = TestConfig.baseConfig(emulator);
        values.put(ConfigKey.ROLE_MAPPING.key(), "app:invotastic:admin=admin");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    /** What the mechanism told the application's observers. */
    private final List<WristbandEvent> fired = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final WristbandEvents events = new WristbandEvents(fired::add);

    /** The application's own UnauthenticatedRequests bean, if any. */
    private UnauthenticatedRequests custom;

    private WristbandAuthenticationMechanism mechanism() {
        WristbandConfig config = TestConfig.config(values);
        WristbandClient client = TestConfig.client(config);
        JwksCache jwks = new JwksCache(client, config.jwksRefreshCooldown(), config.requestTimeout(), clock);
        TokenRefresher refresher = new TokenRefresher(config, client, new IdTokenValidator(config, jwks, clock), clock,
                events);
        CsrfProtection csrf = new CsrfProtection(config, new SecureRandom());
        SignIns signIns = new SignIns(config, new SessionStore(SEAL), refresher, csrf, events, clock);
        return new WristbandAuthenticationMechanism(config, signIns, new AccessTokenValidator(config, jwks, clock), csrf,
                events, custom);
    }

    private AuthenticationStatus validate(Request request) {
        return mechanism().validateRequest(request.proxy, response.proxy, context.proxy);
    }

    private static WristbandSession signedIn(TokenSet tokens, Instant authenticatedAt) {
        return new WristbandSession(Emulators.USER_ID, Emulators.TENANT_ID, "devs4you", null, "wristband",
                "user@example.com", List.of("app:invotastic:admin", "app:invotastic:viewer"), tokens, CSRF,
                authenticatedAt);
    }

    private static final SessionSeal SEAL = new SessionSeal(
            List.of("a session secret of at least thirty-two characters"), new SecureRandom());

    /** The sign-in {@code session} holds, opened. */
    private static WristbandSession opened(Session session) {
        return SEAL.open((SealedSession) session.attributes.get(SessionStore.ATTRIBUTE)).orElseThrow();
    }

    private static Session sessionWith(WristbandSession signedIn) {
        Session session = new Session();
        session.attributes.put(SessionStore.ATTRIBUTE, SEAL.seal(signedIn));
        return session;
    }

    private static Session validSession() {
        return sessionWith(signedIn(new TokenSet("access", "refresh", NOW.plusSeconds(600)), NOW.minusSeconds(60)));
    }

    private static Session expiredSession() {
        return sessionWith(signedIn(new TokenSet("access", "refresh", NOW), NOW.minusSeconds(1800)));
    }

    private static Request page(String path) {
        return new Request(path, null);
    }

    /** A JAX-RS resource under {@code @ApplicationPath("/api")}. */
    private static Request api(String pathInfo) {
        return new Request("/api", pathInfo);
    }

    private void assertUnauthorizedJson(AuthenticationStatus status) {
        assertEquals(AuthenticationStatus.SEND_CONTINUE, status);
        assertEquals(401, response.status);
        assertEquals("application/json", response.contentType);
        assertEquals(UNAUTHORIZED, response.body());
        assertEquals(UNAUTHORIZED.length(), response.contentLength);
        assertTrue(response.completed, "completed before the container can add a challenge or an error page");
    }

    /** Validates {@code request} and asserts that it has no caller, neither the container's nor a handed-over one. */
    private void assertLeftWithoutCaller(Request request) {
        assertLeftWithoutCaller(validate(request));
        assertTrue(SignedInRequest.of(request.proxy).isEmpty(), "no sign-in handed to the endpoint");
    }

    private void assertLeftWithoutCaller(AuthenticationStatus status) {
        assertEquals(AuthenticationStatus.NOT_DONE, status);
        assertNull(context.principal);
        assertEquals(200, response.status, "nothing written: the endpoint answers");
        assertEquals("", response.body());
    }

    // ---- without a session

    @Test
    void publicRequestWithoutSessionDoesNothingAndCreatesNoSession() {
        Request request = page("/index.html");
        assertEquals(AuthenticationStatus.NOT_DONE, validate(request));
        assertEquals(0, request.sessionCreations);
        assertEquals(200, response.status);
        assertEquals("", response.body());
        assertNull(context.redirectLocation);
        assertEquals(0, emulator.requests().size());
    }

    @Test
    void aRequestWithoutASessionCookieNeverAsksTheContainerForASession() {
        Request request = page("/index.html");

        assertEquals(AuthenticationStatus.NOT_DONE, validate(request));

        assertEquals(0, request.sessionLookups);
    }

    @Test
    void aSchemeOtherThanHttpOrHttpsFromAForwardedHeaderIsABadRequest() {
        context.protectedResource = true;
        Request request = page("/profile.xhtml");
        request.requestUrl = "javascript://app.example/app/profile.xhtml";
        assertEquals(AuthenticationStatus.SEND_CONTINUE, validate(request));
        assertEquals(400, response.status);
        assertNull(context.redirectLocation, "no redirect built on that scheme");
        assertEquals(0, request.sessionCreations);
    }

    @Test
    void publicApiRequestWithoutSessionDoesNothing() {
        assertEquals(AuthenticationStatus.NOT_DONE, validate(api("/public/hello")));
        assertEquals(200, response.status);
    }

    @Test
    void protectedPageWithoutSessionRedirectsToLoginWithReturnUrl() {
        context.protectedResource = true;
        Request request = page("/profile.xhtml");
        request.queryString = "a=1&b=%2F";
        assertEquals(AuthenticationStatus.SEND_CONTINUE, validate(request));
        assertEquals("/app/api/auth/login?return_url=" + URLEncoder.encode(
                "https://app.example/app/profile.xhtml?a=1&b=%2F", StandardCharsets.UTF_8), context.redirectLocation);
        assertEquals(0, request.sessionCreations);
    }

    @Test
    void protectedApiWithoutSessionIs401Json() {
        context.protectedResource = true;
        assertUnauthorizedJson(validate(api("/demo/admin")));
        assertEquals("no-store", response.headers.get("Cache-Control"));
        assertNull(context.redirectLocation);
    }

    @Test
    void aProtectedPageAskedForAsJsonGets401JsonInsteadOfARedirect() {
        context.protectedResource = true;
        Request request = page("/profile.xhtml");
        request.headers.put("Accept", "application/json");
        assertUnauthorizedJson(validate(request));
        assertNull(context.redirectLocation);
    }

    @Test
    void anXmlHttpRequestForAProtectedPageGets401Json() {
        context.protectedResource = true;
        Request request = page("/profile.xhtml");
        request.headers.put("X-Requested-With", "XMLHttpRequest");
        assertUnauthorizedJson(validate(request));
    }

    @Test
    void aBrowsersVisitThatAlsoAcceptsJsonIsStillRedirected() {
        context.protectedResource = true;
        Request request = page("/profile.xhtml");
        request.headers.put("Accept", "text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8");
        assertEquals(AuthenticationStatus.SEND_CONTINUE, validate(request));
        assertTrue(context.redirectLocation.startsWith("/app/api/auth/login?return_url="), context.redirectLocation);
    }

    @Test
    void theApplicationsOwnDecisionWins() {
        custom = (request, jsonByDefault) -> !jsonByDefault;
        context.protectedResource = true;
        assertEquals(AuthenticationStatus.SEND_CONTINUE, validate(api("/demo/admin")));
        assertTrue(context.redirectLocation.startsWith("/app/api/auth/login?return_url="), "an API path redirected");
        response = new Response();
        context.redirectLocation = null;
        assertUnauthorizedJson(validate(page("/profile.xhtml")));
    }

    // The Session and Token endpoints, when not behind a constraint, answer 401 themselves to a request without caller.
    @Test
    void sessionEndpointWithoutSessionIsLeftToAnswer401Itself() {
        assertLeftWithoutCaller(validate(api("/auth/session")));
    }

    @Test
    void tokenEndpointWithoutSessionIsLeftToAnswer401Itself() {
        assertLeftWithoutCaller(validate(api("/auth/token")));
    }

    @Test
    void sessionEndpointBehindAHostsConstraintWithoutSessionIs401Json() {
        context.protectedResource = true;
        assertUnauthorizedJson(validate(api("/auth/session")));
    }

    // ---- with a session

    @Test
    void validSessionNotifiesTheContainerWithUserAndMappedGroups() {
        Request request = page("/profile.xhtml");
        request.session = validSession();
        assertEquals(AuthenticationStatus.SUCCESS, validate(request));
        WristbandPrincipal principal = assertInstanceOf(WristbandPrincipal.class, context.principal);
        assertEquals(Emulators.USER_ID, principal.getName());
        assertEquals(Emulators.TENANT_ID, principal.getTenantId());
        assertEquals("devs4you", principal.getTenantName());
        assertEquals(Set.of("admin", "app:invotastic:viewer"), context.groups);
    }

    @Test
    void plainAuthenticatedRequestWritesNothingToTheSession() {
        Request request = page("/profile.xhtml");
        request.session = validSession();
        validate(request);
        assertEquals(0, request.session.writes);
        assertEquals(0, emulator.requests().size());
    }

    @Test
    void apiRequestWithTheRightCsrfHeaderSucceeds() {
        Request request = api("/orders");
        request.session = validSession();
        request.headers.put("X-CSRF-TOKEN", CSRF);
        assertEquals(AuthenticationStatus.SUCCESS, validate(request));
    }

    @Test
    void sessionEndpointGetsTheSignInWithoutTheContainersLogin() {
        Request request = api("/auth/session");
        request.session = validSession();
        request.headers.put("X-CSRF-TOKEN", CSRF);
        assertEquals(AuthenticationStatus.NOT_DONE, validate(request));
        assertNull(context.principal, "the container is not told of a caller");
        assertEquals(Emulators.USER_ID, SignedInRequest.of(request.proxy).orElseThrow().userId());
    }

    @Test
    void tokenEndpointGetsTheSignInWithoutTheContainersLogin() {
        Request request = api("/auth/token");
        request.session = validSession();
        request.headers.put("X-CSRF-TOKEN", CSRF);
        assertEquals(AuthenticationStatus.NOT_DONE, validate(request));
        assertNull(context.principal);
        assertEquals("access", SignedInRequest.of(request.proxy).orElseThrow().tokens().accessToken());
    }

    @Test
    void sessionEndpointBehindAHostsConstraintLogsTheCallerIn() {
        context.protectedResource = true;
        Request request = api("/auth/session");
        request.session = validSession();
        request.headers.put("X-CSRF-TOKEN", CSRF);
        assertEquals(AuthenticationStatus.SUCCESS, validate(request));
        assertEquals(Emulators.USER_ID, context.principal.getName());
    }

    @Test
    void sessionEndpointWithoutTheCsrfHeaderGetsNoSignIn() {
        Request request = api("/auth/session");
        request.session = validSession();
        validate(request);
        assertTrue(SignedInRequest.of(request.proxy).isEmpty());
        assertNull(context.principal);
        assertEquals(403, response.status);
    }

    @Test
    void apiRequestWithWrongCsrfHeaderIs403() {
        Request request = api("/auth/session");
        request.session = validSession();
        request.headers.put("X-CSRF-TOKEN", "ffffffffffffffffffffffffffffffff");
        assertEquals(AuthenticationStatus.SEND_CONTINUE, validate(request));
        assertEquals(403, response.status);
        assertEquals(FORBIDDEN, response.body());
        assertNull(context.principal);
    }

    // ---- auth strategies (docs/protocol.md §6.4)

    /** An access token of this application's client as Wristband issues it (docs/protocol.md §6.6). */
    private String bearer() {
        return bearer("openid offline_access email");
    }

    private String bearer(String scope) {
        org.jose4j.jwt.JwtClaims claims = Emulators.idTokenClaims(emulator, Emulators.USER_ID, null, NOW);
        claims.unsetClaim("aud");
        claims.setClaim("client_id", Emulators.CLIENT_ID);
        claims.setClaim("sub_kind", "user");
        claims.setClaim("scope", scope);
        return "Bearer " + emulator.minter().accessToken(claims);
    }

    @Test
    void withSessionThenJwtAWrongCsrfHeaderAndNoBearerTokenIs401TheLastStrategysAnswer() {
        values.put(ConfigKey.AUTH_STRATEGIES.key(), "SESSION,JWT");
        context.protectedResource = true;
        Request request = api("/demo/me");
        request.session = validSession();
        request.headers.put("X-CSRF-TOKEN", "ffffffffffffffffffffffffffffffff");
        assertEquals(AuthenticationStatus.SEND_CONTINUE, validate(request));
        assertEquals(401, response.status);
    }

    @Test
    void withJwtThenSessionAWrongCsrfHeaderAndNoBearerTokenIs403TheLastStrategysAnswer() {
        values.put(ConfigKey.AUTH_STRATEGIES.key(), "JWT,SESSION");
        Request request = api("/demo/me");
        request.session = validSession();
        request.headers.put("X-CSRF-TOKEN", "ffffffffffffffffffffffffffffffff");
        assertEquals(AuthenticationStatus.SEND_CONTINUE, validate(request));
        assertEquals(403, response.status);
    }

    @Test
    void withJwtABearerTokenMakesItsUserTheCallerWithoutSessionOrCsrf() {
        values.put(ConfigKey.AUTH_STRATEGIES.key(), "JWT");
        Request request = api("/demo/me");
        request.headers.put("Authorization", bearer());
        assertEquals(AuthenticationStatus.SUCCESS, validate(request));
        assertEquals(Emulators.USER_ID, context.principal.getName());
        assertEquals(Set.of(), context.groups);
    }

    @Test
    void withTheDefaultSessionStrategyABearerTokenIsIgnored() {
        Request request = api("/demo/me");
        request.headers.put("Authorization", bearer());
        context.protectedResource = true;
        assertEquals(AuthenticationStatus.SEND_CONTINUE, validate(request));
        assertEquals(401, response.status);
        assertNull(context.principal);
    }

    @Test
    void apiRequestWithoutCsrfHeaderIs403() {
        Request request = api("/demo/admin");
        request.session = validSession();
        assertEquals(AuthenticationStatus.SEND_CONTINUE, validate(request));
        assertEquals(403, response.status);
        assertEquals(FORBIDDEN, response.body());
    }

    // ---- state-changing requests of a signed-in user come from our own pages

    private Request post(String origin, String secFetchSite) {
        Request request = page("/orders/submit.jsp");
        request.method = "POST";
        request.session = validSession();
        if (origin != null) {
            request.headers.put("Origin", origin);
        }
        if (secFetchSite != null) {
            request.headers.put("Sec-Fetch-Site", secFetchSite);
        }
        return request;
    }

    @Test
    void aCrossOriginPostOfASignedInUserIsRefusedOnAnyPath() {
        assertEquals(AuthenticationStatus.SEND_CONTINUE, validate(post("https://evil.example", "cross-site")));
        assertEquals(403, response.status);
        assertEquals(FORBIDDEN, response.body());
        assertNull(context.principal);
    }

    @Test
    void aSameOriginPostOfASignedInUserPasses() {
        assertEquals(AuthenticationStatus.SUCCESS, validate(post("https://app.example", "same-origin")));
    }

    @Test
    void aPostFromAnAllowedOriginPasses() {
        values.put(ConfigKey.CSRF_ALLOWED_ORIGINS.key(), "https://spa.app.example");
        assertEquals(AuthenticationStatus.SUCCESS, validate(post("https://spa.app.example", "same-site")));
    }

    @Test
    void aPostWithANullOriginIsRefused() {
        assertEquals(AuthenticationStatus.SEND_CONTINUE, validate(post("null", null)));
        assertEquals(403, response.status);
    }

    @Test
    void withoutOriginSecFetchSiteDecides() {
        assertEquals(AuthenticationStatus.SEND_CONTINUE, validate(post(null, "cross-site")));
        assertEquals(403, response.status);
    }

    @Test
    void aClientThatIsNoBrowserSendsNeitherHeaderAndPasses() {
        assertEquals(AuthenticationStatus.SUCCESS, validate(post(null, null)));
    }

    @Test
    void aCrossOriginGetIsNoStateChangeAndPasses() {
        Request request = post("https://evil.example", "cross-site");
        request.method = "GET";
        assertEquals(AuthenticationStatus.SUCCESS, validate(request));
    }

    @Test
    void pageRequestNeedsNoCsrfHeader() {
        Request request = page("/profile.xhtml");
        request.session = validSession();
        assertEquals(AuthenticationStatus.SUCCESS, validate(request));
    }

    @Test
    void loginEndpointWithSessionDoesNothingWithoutCsrfCheck() {
        Request request = api("/auth/login");
        request.session = validSession();
        assertEquals(AuthenticationStatus.NOT_DONE, validate(request));
        assertEquals(200, response.status);
        assertNull(context.principal);
    }

    // ---- refresh

    @Test
    void expiredTokensAreRefreshedAndTheSessionReplaced() {
        emulator.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(200, Emulators.tokenJson("new-access", null, "new-refresh", 1800)));
        Request request = page("/profile.xhtml");
        request.session = expiredSession();
        assertEquals(AuthenticationStatus.SUCCESS, validate(request));
        WristbandSession stored = opened(request.session);
        assertEquals(new TokenSet("new-access", "new-refresh", NOW.plusSeconds(1740)), stored.tokens());
        assertEquals(1, emulator.calls(Endpoint.TOKEN_REFRESH));
    }

    @Test
    void inAClusterARefreshAnnouncesTheNewTokensToTheOtherNodes() {
        values.put(ConfigKey.SESSION_REPLICATED.key(), "true");
        emulator.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(200, Emulators.tokenJson("new-access", null, "new-refresh", 1800)));
        Request request = page("/profile.xhtml");
        request.session = expiredSession();

        assertEquals(AuthenticationStatus.SUCCESS, validate(request));

        long generation = NOW.plusSeconds(1740).getEpochSecond();
        assertEquals(1, response.added.size(), response.added.toString());
        assertTrue(response.added.get(0).startsWith("Set-Cookie: WRISTBAND-SIGN-IN=" + NOW.plusSeconds(10)
                .getEpochSecond() + "." + generation + "."), "the marker of the new tokens: " + response.added);
    }

    @Test
    void withoutAClusterARefreshSetsNoMarker() {
        emulator.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(200, Emulators.tokenJson("new-access", null, "new-refresh", 1800)));
        Request request = page("/profile.xhtml");
        request.session = expiredSession();

        assertEquals(AuthenticationStatus.SUCCESS, validate(request));

        assertEquals(List.of(), response.added);
    }

    @Test
    void aRequestThatSharedAnotherRequestsRefreshGoesOnWithTheNewTokensThoughItsSessionHoldsTheOld() {
        emulator.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(200, Emulators.tokenJson("new-access", null, "new-refresh", 1800)));
        WristbandAuthenticationMechanism mechanism = mechanism();
        Request first = page("/profile.xhtml");
        first.session = expiredSession();
        Request second = api("/auth/token");
        second.session = expiredSession(); // read before the first request stored its new tokens
        second.headers.put("X-CSRF-TOKEN", CSRF);

        mechanism.validateRequest(first.proxy, response.proxy, context.proxy);
        assertEquals(AuthenticationStatus.NOT_DONE, mechanism.validateRequest(second.proxy, response.proxy,
                context.proxy));

        TokenSet fresh = new TokenSet("new-access", "new-refresh", NOW.plusSeconds(1740));
        assertEquals(1, emulator.calls(Endpoint.TOKEN_REFRESH), "the second request shared the first one's refresh");
        assertEquals("access", opened(second.session).tokens()
                .accessToken(), "its HttpSession still holds the old tokens");
        assertEquals(fresh, new SessionStore(SEAL).current(second.proxy).orElseThrow().tokens());
        assertEquals(fresh, SignedInRequest.of(second.proxy).orElseThrow().tokens(), "the Token Endpoint's answer");
    }

    @Test
    void aRoleRemovedAtWristbandStopsApplyingAtTheNextRefresh() {
        // The session was signed in with admin and viewer; Wristband's userinfo now names admin only.
        emulator.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(200, Emulators.tokenJson("new-access", null, "new-refresh", 1800)));
        Request request = page("/profile.xhtml");
        request.session = expiredSession();

        assertEquals(AuthenticationStatus.SUCCESS, validate(request));

        assertEquals(Set.of("admin"), context.groups);
        WristbandSession stored = opened(request.session);
        assertEquals(List.of("app:invotastic:admin"), stored.roles());
        assertEquals(1, emulator.calls(Endpoint.USERINFO), "one userinfo call per refresh");
    }

    // ---- the key of the container's login (Open Liberty's authentication cache)

    /** The cache key the mechanism handed the container with its login, or null when it handed none. */
    @SuppressWarnings("rawtypes")
    private static String containerKey(Context context) {
        var credentials = context.clientSubject.getPrivateCredentials(java.util.Hashtable.class);
        assertTrue(credentials.size() <= 1, "one Hashtable at most: " + credentials);
        return credentials.isEmpty() ? null : (String) credentials.iterator().next().get(ContainerLoginKeys.CACHE_KEY);
    }

    private static Request signedInPage(Session session) {
        Request request = page("/profile.xhtml");
        request.session = session;
        return request;
    }

    private String keyOf(WristbandAuthenticationMechanism mechanism, Request request) {
        Context own = new Context();
        mechanism.validateRequest(request.proxy, response.proxy, own.proxy);
        return containerKey(own);
    }

    @Test
    void everyRequestOfASignInHandsTheContainerTheSameKey() {
        WristbandAuthenticationMechanism mechanism = mechanism();
        Session session = validSession();

        String key = keyOf(mechanism, signedInPage(session));

        assertNotNull(key);
        assertEquals(key, keyOf(mechanism, signedInPage(session)));
    }

    @Test
    void aRoleChangedAtARefreshHandsTheContainerANewKey() {
        // Signed in with admin and viewer; after the refresh, userinfo names admin only.
        emulator.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(200, Emulators.tokenJson("new-access", null, "new-refresh", 1800)));
        WristbandAuthenticationMechanism mechanism = mechanism();
        Request refreshed = signedInPage(expiredSession());

        String key = keyOf(mechanism, signedInPage(validSession()));
        String afterRefresh = keyOf(mechanism, refreshed);

        assertEquals(List.of("app:invotastic:admin"), opened(refreshed.session).roles());
        assertNotNull(afterRefresh);
        assertNotEquals(key, afterRefresh, "a Subject cached with the old groups is not found again");
    }

    @Test
    void aRefusedRequestsLoginForTheFilterCarriesTheSignInsKey() {
        WristbandAuthenticationMechanism mechanism = mechanism();
        Session session = validSession();
        Request crossOrigin = signedInPage(session);
        crossOrigin.method = "POST";
        crossOrigin.headers.put("Origin", "https://elsewhere.example");
        crossOrigin.filterRegistered = true;

        assertEquals(keyOf(mechanism, signedInPage(session)), keyOf(mechanism, crossOrigin));
    }

    @Test
    void aBearerCallerHandsTheContainerAKeyOfItsToken() {
        values.put(ConfigKey.AUTH_STRATEGIES.key(), "JWT");
        WristbandAuthenticationMechanism mechanism = mechanism();
        Request request = api("/demo/me");
        request.headers.put("Authorization", bearer());
        Request again = api("/demo/me");
        again.headers.put("Authorization", request.headers.get("Authorization"));
        Request otherToken = api("/demo/me");
        otherToken.headers.put("Authorization", bearer("openid offline_access"));

        String key = keyOf(mechanism, request);

        assertNotNull(key);
        assertEquals(key, keyOf(mechanism, again));
        assertNotEquals(key, keyOf(mechanism, otherToken), "another token, another key");
    }

    @Test
    @SuppressWarnings("rawtypes")
    void elytronCallingThroughTheLibrarysOwnContextIsHandedTheCallerWithoutAKey() throws Exception {
        Request request = signedInPage(validSession());
        javax.security.auth.Subject subject = new javax.security.auth.Subject();
        List<javax.security.auth.callback.Callback> handed = new java.util.ArrayList<>();
        Map<String, Object> options = new java.util.HashMap<>();
        jakarta.security.auth.message.MessageInfo message = new jakarta.security.auth.message.MessageInfo() {
            @Override public Object getRequestMessage() { return request.proxy; }
            @Override public Object getResponseMessage() { return response.proxy; }
            @Override public void setRequestMessage(Object ignored) { throw new UnsupportedOperationException(); }
            @Override public void setResponseMessage(Object ignored) { throw new UnsupportedOperationException(); }
            @Override public Map<String, Object> getMap() { return options; }
        };
        MechanismMessageContext own = new MechanismMessageContext(callbacks -> handed.addAll(List.of(callbacks)),
                message, subject);

        assertEquals(AuthenticationStatus.SUCCESS, mechanism().validateRequest(request.proxy, response.proxy, own));

        assertTrue(handed.stream().anyMatch(c -> c instanceof jakarta.security.auth.message.callback.CallerPrincipalCallback),
                "the caller was handed over: " + handed);
        assertTrue(subject.getPrivateCredentials(java.util.Hashtable.class).isEmpty());
    }

    @Test
    void aRequestWithoutTheContainersLoginHandsItNoKey() {
        WristbandAuthenticationMechanism mechanism = mechanism();
        Request sessionEndpoint = api("/auth/session");
        sessionEndpoint.session = validSession();
        sessionEndpoint.headers.put("X-CSRF-TOKEN", CSRF);
        Request visitor = page("/profile.xhtml");

        assertNull(keyOf(mechanism, sessionEndpoint));
        assertNull(keyOf(mechanism, visitor));
    }

    @Test
    void aUserinfoThatCannotBeReadAfterARefreshKeepsTheRolesAndTheNewTokens() {
        emulator.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(200, Emulators.tokenJson("new-access", null, "new-refresh", 1800)));
        emulator.fault(Endpoint.USERINFO, new Fault.Status(503, "{}"));
        Request request = page("/profile.xhtml");
        request.session = expiredSession();

        assertEquals(AuthenticationStatus.SUCCESS, validate(request));

        assertEquals(Set.of("admin", "app:invotastic:viewer"), context.groups);
        WristbandSession stored = opened(request.session);
        assertEquals("new-refresh", stored.tokens().refreshToken(), "Wristband may have rotated it: kept");
    }

    @Test
    void aUserinfoNamingAnotherUserAfterARefreshEndsTheSession() {
        emulator.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(200, Emulators.tokenJson("new-access", null, "new-refresh", 1800)));
        emulator.fault(Endpoint.USERINFO, new Fault.Status(200, Emulators.userInfoJson("someone-else")));
        Request request = page("/profile.xhtml");
        request.session = expiredSession();

        assertLeftWithoutCaller(request);
        assertSignedOut(request.session);
    }

    @Test
    void refreshRefusedWithInvalidGrantEndsTheSessionAndLeavesNoCaller() {
        emulator.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(400, "{\"error\":\"invalid_grant\"}"));
        Request request = api("/auth/session");
        request.session = expiredSession();
        request.headers.put("X-CSRF-TOKEN", CSRF);
        assertLeftWithoutCaller(request);
        assertSignedOut(request.session);
    }

    @Test
    void inAClusterARefusedRefreshKeepsTheSessionWhileTheAccessTokenIsStillValidAtWristband() {
        values.put(ConfigKey.SESSION_REPLICATED.key(), "true");
        emulator.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(400, "{\"error\":\"invalid_grant\"}"));
        Request request = api("/orders");
        Session session = expiredSession(); // expired with the 60 s buffer, valid at Wristband for 60 s more
        Object before = session.attributes.get(SessionStore.ATTRIBUTE);
        request.session = session;
        request.headers.put("X-CSRF-TOKEN", CSRF);
        assertEquals(AuthenticationStatus.SUCCESS, validate(request));
        assertFalse(session.invalidated, "another node may have rotated the refresh token: its tokens arrive next");
        assertSame(before, session.attributes.get(SessionStore.ATTRIBUTE), "nothing written");
        assertEquals(1, emulator.calls(Endpoint.TOKEN_REFRESH));
    }

    @Test
    void inAClusterARefusedRefreshEndsTheSessionOnceTheAccessTokenHasReallyExpired() {
        values.put(ConfigKey.SESSION_REPLICATED.key(), "true");
        emulator.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(400, "{\"error\":\"invalid_grant\"}"));
        Request request = api("/auth/session");
        request.session = sessionWith(signedIn(new TokenSet("access", "refresh", NOW.minusSeconds(60)),
                NOW.minusSeconds(1800)));
        request.headers.put("X-CSRF-TOKEN", CSRF);
        assertLeftWithoutCaller(request);
        assertSignedOut(request.session);
    }

    @Test
    void wristbandUnavailableAfterTheAccessTokenHasReallyExpiredKeepsTheSessionButLeavesNoCaller() {
        emulator.fault(Endpoint.TOKEN_REFRESH, new Fault.Status(500, "{}"));
        Request request = api("/auth/session");
        // Counted expired one buffer (60 s) before Wristband does: this one has run out there too.
        Session session = sessionWith(signedIn(new TokenSet("access", "refresh", NOW.minusSeconds(60)),
                NOW.minusSeconds(1800)));
        Object before = session.attributes.get(SessionStore.ATTRIBUTE);
        request.session = session;
        request.headers.put("X-CSRF-TOKEN", CSRF);
        assertLeftWithoutCaller(request);
        assertEquals(3, emulator.calls(Endpoint.TOKEN_REFRESH));
        assertFalse(session.invalidated);
        assertSame(before, session.attributes.get(SessionStore.ATTRIBUTE));
    }

    @Test
    void wristbandUnavailableWhileTheAccessTokenIsStillGoodThereServesTheRequestWithIt() {
        emulator.fault(Endpoint.TOKEN_REFRESH, new Fault.Status(503, "{}"));
        Request request = api("/auth/session");
        Session session = expiredSession(); // due for refresh, still good at Wristband for the buffer's 60 s
        Object before = session.attributes.get(SessionStore.ATTRIBUTE);
        request.session = session;
        request.headers.put("X-CSRF-TOKEN", CSRF);
        assertEquals(AuthenticationStatus.NOT_DONE, validate(request), "the Session Endpoint answers itself");
        assertEquals("access", SignedInRequest.of(request.proxy).orElseThrow().tokens().accessToken(),
                "the sign-in as it is handed to the endpoint");
        assertEquals(200, response.status, "nothing written: the endpoint answers");
        assertEquals(3, emulator.calls(Endpoint.TOKEN_REFRESH));
        assertFalse(session.invalidated);
        assertSame(before, session.attributes.get(SessionStore.ATTRIBUTE), "nothing stored: the same sign-in");
    }

    @Test
    void expiredTokensWithoutRefreshTokenEndTheSession() {
        Request request = api("/auth/session");
        request.session = sessionWith(signedIn(new TokenSet("access", null, NOW), NOW));
        assertLeftWithoutCaller(request);
        assertSignedOut(request.session);
        assertEquals(0, emulator.requests().size());
    }

    // ---- absolute lifetime

    @Test
    void absoluteLifetimeExceededEndsTheSession() {
        context.protectedResource = true;
        Request request = page("/profile.xhtml");
        request.session = sessionWith(signedIn(new TokenSet("access", "refresh", NOW.plusSeconds(600)),
                NOW.minus(Duration.ofHours(8))));
        assertEquals(AuthenticationStatus.SEND_CONTINUE, validate(request));
        assertSignedOut(request.session);
        assertTrue(context.redirectLocation.startsWith("/app/api/auth/login?return_url="));
        assertNull(context.principal);
    }

    @Test
    void sessionJustWithinAbsoluteLifetimeIsAccepted() {
        Request request = page("/profile.xhtml");
        request.session = sessionWith(signedIn(new TokenSet("access", "refresh", NOW.plusSeconds(600)),
                NOW.minus(Duration.ofHours(8)).plusSeconds(1)));
        assertEquals(AuthenticationStatus.SUCCESS, validate(request));
        assertFalse(request.session.invalidated);
        assertNotNull(request.session.attributes.get(SessionStore.ATTRIBUTE));
    }

    /** The sign-in is gone at once; the HttpSession is discarded at the next sign-in (SessionStoreTest). */
    private static void assertSignedOut(Session session) {
        assertNull(session.attributes.get(SessionStore.ATTRIBUTE), "signed out");
        assertFalse(session.invalidated, "not invalidated during the authentication step");
    }

    // ---- RoleMapping

    @Test
    void roleMappingMapsListedRolesAndKeepsOthers() {
        RoleMapping mapping = new RoleMapping(Map.of("app:x:admin", "admin", "app:x:editor", "admin"));
        assertEquals(Set.of("admin", "app:x:viewer"),
                mapping.groups(List.of("app:x:admin", "app:x:editor", "app:x:viewer")));
    }

    @Test
    void roleMappingOfNoRolesIsNoGroups() {
        assertEquals(Set.of(), new RoleMapping(Map.of("a", "b")).groups(List.of()));
    }

    // ---- events

    @Test
    void aRefreshTellsTheObserversOnce() {
        emulator.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(200, Emulators.tokenJson("new-access", null, "new-refresh", 1800)));
        Request request = page("/profile.xhtml");
        request.session = expiredSession();

        validate(request);

        assertEquals(List.of(new WristbandEvent.TokensRefreshed(Emulators.USER_ID, Emulators.TENANT_ID)),
                fired);
    }

    @Test
    void theEndOfTheAbsoluteLifetimeTellsTheObserversWhy() {
        Request request = page("/profile.xhtml");
        request.session = sessionWith(signedIn(new TokenSet("access", "refresh", NOW.plusSeconds(600)),
                NOW.minus(Duration.ofHours(8))));

        validate(request);

        assertEquals(List.of(new WristbandEvent.SessionEnded(Emulators.USER_ID, Emulators.TENANT_ID,
                WristbandEvent.SessionEnded.Reason.ABSOLUTE_LIFETIME)), fired);
    }

    @Test
    void aRefusedRefreshTellsTheObserversTheRefreshFailedThenTheSessionEnded() {
        emulator.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(400, "{\"error\":\"invalid_grant\"}"));
        Request request = page("/profile.xhtml");
        request.session = expiredSession();

        validate(request);

        assertEquals(List.of(
                new WristbandEvent.RefreshFailed(Emulators.USER_ID, WristbandEvent.RefreshFailed.Reason.REFUSED),
                new WristbandEvent.SessionEnded(Emulators.USER_ID, Emulators.TENANT_ID,
                        WristbandEvent.SessionEnded.Reason.REFRESH_REFUSED)), fired);
    }

    private void assertOnlyRefused(WristbandEvent.RequestRefused.Reason reason) {
        assertEquals(List.of(new WristbandEvent.RequestRefused(reason)), fired);
    }

    @Test
    void aWrongCsrfHeaderTellsTheObserversTheRequestWasRefused() {
        Request request = api("/auth/session");
        request.session = validSession();
        request.headers.put("X-CSRF-TOKEN", "ffffffffffffffffffffffffffffffff");

        validate(request);

        assertOnlyRefused(WristbandEvent.RequestRefused.Reason.CSRF_TOKEN);
    }

    @Test
    void aCrossOriginPostTellsTheObserversTheRequestWasRefused() {
        validate(post("https://evil.example", "cross-site"));

        assertOnlyRefused(WristbandEvent.RequestRefused.Reason.CROSS_ORIGIN);
    }

    @Test
    void anInvalidBearerTokenTellsTheObserversTheRequestWasRefused() {
        values.put(ConfigKey.AUTH_STRATEGIES.key(), "JWT");
        Request request = api("/demo/me");
        request.headers.put("Authorization", "Bearer not-a-jwt");

        validate(request);

        assertOnlyRefused(WristbandEvent.RequestRefused.Reason.BEARER_TOKEN);
    }

    @Test
    void aWrongCsrfHeaderThatALaterStrategyAnswersWith401IsNoRefusedRequest() {
        values.put(ConfigKey.AUTH_STRATEGIES.key(), "SESSION,JWT");
        context.protectedResource = true;
        Request request = api("/demo/me");
        request.session = validSession();
        request.headers.put("X-CSRF-TOKEN", "ffffffffffffffffffffffffffffffff");

        validate(request);

        assertEquals(401, response.status);
        assertEquals(List.of(), fired);
    }

    @Test
    void noBearerTokenAtAllIsNoRefusal() {
        values.put(ConfigKey.AUTH_STRATEGIES.key(), "JWT");

        validate(api("/demo/me"));

        assertEquals(List.of(), fired);
    }

    @Test
    void aPlainAuthenticatedRequestFiresNothing() {
        Request request = page("/profile.xhtml");
        request.session = validSession();

        assertEquals(AuthenticationStatus.SUCCESS, validate(request));

        assertEquals(List.of(), fired);
    }
}
