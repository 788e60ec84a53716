package io.github.wristbandjakarta.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.Validator;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.UnresolvableKeyException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Drives the emulator over real HTTP (127.0.0.1 with a Host header per virtual host). */
class EmulatorTest {

    static {
        // Must happen before the JDK HTTP client is first initialised: it reads the property once.
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }

    static final String CLIENT_ID = "test-client";
    static final String CLIENT_SECRET = "test-client-secret";
    static final String REDIRECT_URI = "http://localhost:8080/api/auth/callback";
    static final String LOGIN_URL = "http://localhost:8080/api/auth/login";
    static final String SCOPE = "openid offline_access email roles";
    static final SecureRandom RANDOM = new SecureRandom();

    static WristbandEmulator emulator;
    static HttpClient http;

    @BeforeAll
    static void start() {
        emulator = WristbandEmulator.start(0, new EmulatorClient(CLIENT_ID, CLIENT_SECRET, List.of(REDIRECT_URI),
                LOGIN_URL, null, false, null));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.reset();
    }

    // ------------------------------------------------------------------ tests

    @Test
    void fullCodeFlowWithPkce() throws Exception {
        assertEquals("localhost:" + emulator.port(), emulator.vanityDomain());
        assertEquals("http://localhost:" + emulator.port(), emulator.issuer());

        Login login = login(emulator, "devs4you", "alice", SCOPE);
        HttpResponse<String> page = login.page();
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("id=\"login-bob\""), page.body());
        assertFalse(page.body().contains("login-carol"), "carol belongs to acme");
        Map<String, String> callback = login.callback();
        assertEquals(login.state(), callback.get("state"));
        assertEquals("devs4you", callback.get("tenant_name"));
        assertTrue(login.location().startsWith(REDIRECT_URI + "?code="), login.location());

        HttpResponse<String> tokenResponse = exchangeCode(callback.get("code"), REDIRECT_URI, login.verifier());
        assertEquals(200, tokenResponse.statusCode(), tokenResponse.body());
        assertEquals("application/json;charset=UTF-8", tokenResponse.headers().firstValue("Content-Type").orElseThrow());
        JsonObject tokens = json(tokenResponse.body());
        assertEquals(1800, tokens.getInt("expires_in"));
        assertEquals("bearer", tokens.getString("token_type"));
        assertEquals(43, tokens.getString("refresh_token").length());

        // access token: RS256, at+JWT, Wristband claims
        JsonWebKeySet jwks = new JsonWebKeySet(get(appHost(), "/api/v1/oauth2/jwks").body());
        JsonWebKey key = jwks.getJsonWebKeys().get(0);
        assertEquals("sig", key.getUse());
        assertEquals("RS256", key.getAlgorithm());
        JsonWebSignature accessJws = new JsonWebSignature();
        accessJws.setCompactSerialization(tokens.getString("access_token"));
        assertEquals("at+JWT", accessJws.getHeader("typ"));
        assertEquals(key.getKeyId(), accessJws.getKeyIdHeaderValue());
        accessJws.setKey(key.getKey());
        assertTrue(accessJws.verifySignature());
        JwtClaims access = JwtClaims.parse(accessJws.getPayload());
        EmulatorUser alice = emulator.users().get(0);
        assertEquals(alice.userId(), access.getSubject());
        assertEquals(alice.tenantId(), access.getStringClaimValue("tnt_id"));
        assertEquals(CLIENT_ID, access.getStringClaimValue("client_id"));
        assertEquals(1800, access.getExpirationTime().getValue() - access.getIssuedAt().getValue());

        // userinfo
        HttpResponse<String> userinfoResponse = userinfo(tokens.getString("access_token"));
        assertEquals(200, userinfoResponse.statusCode());
        JsonObject userinfo = json(userinfoResponse.body());
        assertEquals(alice.userId(), userinfo.getString("sub"));
        assertEquals(alice.tenantId(), userinfo.getString("tnt_id"));
        assertEquals(WristbandEmulator.APPLICATION_ID, userinfo.getString("app_id"));
        assertEquals("wristband", userinfo.getString("idp_name"));
        assertEquals("alice@devs4you.example", userinfo.getString("email"));
        assertEquals(List.of("app:demo:admin", "app:demo:user"), userinfo.getJsonArray("roles").stream()
                .map(v -> v.asJsonObject().getString("name")).toList());
        assertEquals("Admin", userinfo.getJsonArray("roles").getJsonObject(0).getString("display_name"));

        // ID token: signature against /jwks, issuer, audience, subject, nonce
        JwtClaims id = idTokenConsumer(login.nonce(), alice.userId()).processToClaims(tokens.getString("id_token"));
        assertEquals(alice.email(), id.getStringClaimValue("email"));

        assertTrue(emulator.issuedTokens().containsAll(List.of(callback.get("code"), tokens.getString("access_token"),
                tokens.getString("id_token"), tokens.getString("refresh_token"))));
        assertEquals(1, emulator.calls(Endpoint.AUTHORIZE));
        assertEquals(1, emulator.calls(Endpoint.TOKEN_CODE));
        assertEquals(1, emulator.calls(Endpoint.USERINFO));
        assertEquals(0, emulator.calls(Endpoint.TOKEN_REFRESH));
    }

    @Test
    void defaultUsersHaveWristbandStyleIds() {
        assertEquals(List.of("alice", "bob", "carol"), emulator.users().stream().map(EmulatorUser::login).toList());
        for (EmulatorUser u : emulator.users()) {
            assertTrue(u.userId().matches("[a-z2-7]{26}"), u.userId());
            assertTrue(u.tenantId().matches("[a-z2-7]{26}"), u.tenantId());
        }
        assertTrue(WristbandEmulator.APPLICATION_ID.matches("[a-z2-7]{26}"));
    }

    @Test
    void loginHintPutsThatUserFirstAndNoOfflineAccessMeansNoRefreshToken() throws Exception {
        Login login = login(emulator, "devs4you", "bob", "openid email", Map.of("login_hint", "bob@devs4you.example"));
        assertTrue(login.page().body().indexOf("login-bob") < login.page().body().indexOf("login-alice"));
        JsonObject tokens = json(exchangeCode(login.callback().get("code"), REDIRECT_URI, login.verifier()).body());
        assertFalse(tokens.containsKey("refresh_token"));
        assertEquals("openid email", tokens.getString("scope"));
    }

    @Test
    void authorizeRejectsBadRequests() throws Exception {
        String ok = authorizeQuery(REDIRECT_URI, "state1", "challenge", "nonce1", Map.of());
        assertEquals(200, get(tenantHost("devs4you"), ok).statusCode());
        assertEquals(400, get(appHost(), ok).statusCode(), "authorize on the application host");
        assertEquals(400, get(tenantHost("nosuchtenant"), ok).statusCode());
        HttpResponse<String> badRedirect = get(tenantHost("devs4you"),
                authorizeQuery("http://evil.example/cb", "s", "c", "n", Map.of()));
        assertEquals(400, badRedirect.statusCode());
        assertTrue(badRedirect.body().contains("redirect_uri"), badRedirect.body());
        assertEquals(400, get(tenantHost("devs4you"), authorizeQuery(REDIRECT_URI, "s", "c", "", Map.of())).statusCode());
        assertEquals(400, get(tenantHost("devs4you"),
                authorizeQuery(REDIRECT_URI, "s", "c", "n", Map.of("code_challenge_method", "plain"))).statusCode());
        assertEquals(400, get(tenantHost("devs4you"),
                authorizeQuery(REDIRECT_URI, "s", "c", "n", Map.of("client_id", "other"))).statusCode());
        assertEquals(7, emulator.calls(Endpoint.AUTHORIZE));
    }

    @Test
    void wrongCodeVerifierIsInvalidGrant() throws Exception {
        Login login = login(emulator, "devs4you", "alice", SCOPE);
        HttpResponse<String> r = exchangeCode(login.callback().get("code"), REDIRECT_URI, randomToken());
        assertEquals(400, r.statusCode());
        assertEquals("invalid_grant", json(r.body()).getString("error"));
    }

    @Test
    void wrongRedirectUriIsInvalidGrant() throws Exception {
        Login login = login(emulator, "devs4you", "alice", SCOPE);
        HttpResponse<String> r = exchangeCode(login.callback().get("code"), REDIRECT_URI + "x", login.verifier());
        assertEquals("invalid_grant", json(r.body()).getString("error"));
    }

    @Test
    void codeReuseIsInvalidGrant() throws Exception {
        Login login = login(emulator, "devs4you", "alice", SCOPE);
        String code = login.callback().get("code");
        assertEquals(200, exchangeCode(code, REDIRECT_URI, login.verifier()).statusCode());
        HttpResponse<String> again = exchangeCode(code, REDIRECT_URI, login.verifier());
        assertEquals(400, again.statusCode());
        assertEquals("invalid_grant", json(again.body()).getString("error"));
        assertEquals(2, emulator.calls(Endpoint.TOKEN_CODE));
    }

    @Test
    void tokenRequiresBasicClientAuthentication() throws Exception {
        Login login = login(emulator, "devs4you", "alice", SCOPE);
        String form = form(Map.of("grant_type", "authorization_code", "code", login.callback().get("code"),
                "redirect_uri", REDIRECT_URI, "code_verifier", login.verifier()));
        HttpResponse<String> none = post(appHost(), "/api/v1/oauth2/token", form, null);
        assertEquals(401, none.statusCode());
        assertEquals("invalid_client", json(none.body()).getString("error"));
        HttpResponse<String> wrong = post(appHost(), "/api/v1/oauth2/token", form, basic(CLIENT_ID, "nope"));
        assertEquals(401, wrong.statusCode());
        HttpResponse<String> unsupported = post(appHost(), "/api/v1/oauth2/token", "grant_type=password",
                basic(CLIENT_ID, CLIENT_SECRET));
        assertEquals("unsupported_grant_type", json(unsupported.body()).getString("error"));
        HttpResponse<String> revoke = post(appHost(), "/api/v1/oauth2/revoke", "token=x", null);
        assertEquals(401, revoke.statusCode());
    }

    @Test
    void refreshWithRotationInvalidatesTheUsedToken() throws Exception {
        emulator.rotateRefreshTokens(true);
        JsonObject tokens = loginTokens("carol", "acme");
        String first = tokens.getString("refresh_token");
        HttpResponse<String> r1 = refresh(first);
        assertEquals(200, r1.statusCode(), r1.body());
        JsonObject refreshed = json(r1.body());
        String second = refreshed.getString("refresh_token");
        assertNotEquals(first, second);
        JsonWebSignature refreshedId = new JsonWebSignature();
        refreshedId.setCompactSerialization(refreshed.getString("id_token"));
        assertFalse(JwtClaims.parse(refreshedId.getUnverifiedPayload()).hasClaim("nonce"),
                "refreshed ID tokens carry no nonce");
        assertEquals(200, userinfo(refreshed.getString("access_token")).statusCode());

        HttpResponse<String> reuse = refresh(first);
        assertEquals(400, reuse.statusCode());
        assertEquals("invalid_grant", json(reuse.body()).getString("error"));
        assertEquals(200, refresh(second).statusCode());
        assertEquals(3, emulator.calls(Endpoint.TOKEN_REFRESH));
    }

    @Test
    void refreshWithoutRotationKeepsTheTokenAndCanOmitIt() throws Exception {
        String refreshToken = loginTokens("alice", "devs4you").getString("refresh_token");
        assertEquals(refreshToken, json(refresh(refreshToken).body()).getString("refresh_token"));
        emulator.omitRefreshTokenOnRefresh(true);
        emulator.accessTokenLifetime(Duration.ofSeconds(60));
        JsonObject r = json(refresh(refreshToken).body());
        assertFalse(r.containsKey("refresh_token"));
        assertEquals(60, r.getInt("expires_in"));
        emulator.revokeAllRefreshTokens();
        assertEquals("invalid_grant", json(refresh(refreshToken).body()).getString("error"));
    }

    @Test
    void revokeThenRefreshIsInvalidGrant() throws Exception {
        String refreshToken = loginTokens("bob", "devs4you").getString("refresh_token");
        HttpResponse<String> revoke = post(appHost(), "/api/v1/oauth2/revoke", "token=" + refreshToken,
                basic(CLIENT_ID, CLIENT_SECRET));
        assertEquals(200, revoke.statusCode());
        assertEquals("", revoke.body());
        assertEquals(List.of(refreshToken), emulator.revokedTokens());
        HttpResponse<String> r = refresh(refreshToken);
        assertEquals(400, r.statusCode());
        assertEquals("invalid_grant", json(r.body()).getString("error"));
    }

    @Test
    void userinfoRejectsUnknownAndExpiredTokens() throws Exception {
        assertEquals(401, userinfo("not-a-token").statusCode());
        assertEquals("invalid_token", json(userinfo("not-a-token").body()).getString("error"));
        emulator.accessTokenLifetime(Duration.ZERO);
        JsonObject tokens = loginTokens("alice", "devs4you");
        assertEquals(0, tokens.getInt("expires_in"));
        assertEquals(401, userinfo(tokens.getString("access_token")).statusCode());
    }

    @Test
    void statusFaultAnswersThatStatusAndIsCounted() throws Exception {
        emulator.fault(Endpoint.TOKEN_REFRESH, new Fault.Status(503, "{\"error\":\"temporarily_unavailable\"}"));
        HttpResponse<String> r = refresh("whatever");
        assertEquals(503, r.statusCode());
        assertEquals("temporarily_unavailable", json(r.body()).getString("error"));
        assertEquals("application/json;charset=UTF-8", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(1, emulator.calls(Endpoint.TOKEN_REFRESH));
        emulator.clearFaults();
        assertEquals("invalid_grant", json(refresh("whatever").body()).getString("error"));
    }

    @Test
    void delayAndGarbageFaults() throws Exception {
        emulator.fault(Endpoint.JWKS, new Fault.Delay(Duration.ofMillis(300)));
        long start = System.nanoTime();
        HttpResponse<String> r = get(appHost(), "/api/v1/oauth2/jwks");
        assertTrue(System.nanoTime() - start >= 300_000_000L);
        assertEquals(200, r.statusCode());
        assertTrue(json(r.body()).containsKey("keys"));

        emulator.fault(Endpoint.SDK_CONFIGURATION, new Fault.Garbage());
        HttpResponse<String> g = get(appHost(), "/api/v1/clients/" + CLIENT_ID + "/sdk-configuration");
        assertEquals(200, g.statusCode());
        assertEquals("<html>oops", g.body());
    }

    @Test
    void hangDoesNotBlockOtherEndpoints() throws Exception {
        emulator.fault(Endpoint.USERINFO, new Fault.Hang());
        HttpRequest hanging = HttpRequest.newBuilder(uri("/api/v1/oauth2/userinfo")).header("Host", appHost())
                .timeout(Duration.ofMillis(300)).GET().build();
        var pendingCall = http.sendAsync(hanging, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, get(appHost(), "/api/v1/oauth2/jwks").statusCode());
        assertThrows(Exception.class, pendingCall::join);
    }

    @Test
    void sdkConfiguration() throws Exception {
        HttpResponse<String> r = get(appHost(), "/api/v1/clients/" + CLIENT_ID + "/sdk-configuration");
        assertEquals(200, r.statusCode());
        JsonObject config = json(r.body());
        assertEquals(LOGIN_URL, config.getString("loginUrl"));
        assertEquals(REDIRECT_URI, config.getString("redirectUri"));
        assertTrue(config.isNull("loginUrlTenantDomainSuffix"));
        assertTrue(config.isNull("customApplicationLoginPageUrl"));
        assertFalse(config.getBoolean("isApplicationCustomDomainActive"));
        assertEquals(404, get(appHost(), "/api/v1/clients/unknown/sdk-configuration").statusCode());
        assertEquals(404, get(appHost(), "/api/v1/nothing-here").statusCode());
        assertEquals(2, emulator.calls(Endpoint.SDK_CONFIGURATION));
    }

    @Test
    void logoutRedirects() throws Exception {
        HttpResponse<String> withRedirect = get(tenantHost("devs4you"), "/api/v1/logout?client_id=" + CLIENT_ID
                + "&redirect_url=" + enc("http://localhost:8080/bye") + "&state=" + enc("user initiated"));
        assertEquals(302, withRedirect.statusCode());
        assertEquals("http://localhost:8080/bye?state=user+initiated", location(withRedirect));

        HttpResponse<String> toLogin = get(tenantHost("devs4you"), "/api/v1/logout?client_id=" + CLIENT_ID
                + "&state=s1");
        assertEquals(LOGIN_URL + "?tenant_name=devs4you&state=s1", location(toLogin));

        HttpResponse<String> unknownClient = get(tenantHost("acme"), "/api/v1/logout?client_id=other");
        assertEquals(emulator.applicationOrigin() + "/login?client_id=other", location(unknownClient));

        assertEquals(List.of(
                new LogoutCall(tenantHost("devs4you"), CLIENT_ID, "http://localhost:8080/bye", "user initiated"),
                new LogoutCall(tenantHost("devs4you"), CLIENT_ID, null, "s1"),
                new LogoutCall(tenantHost("acme"), "other", null, null)), emulator.logoutCalls());
        assertEquals(3, emulator.calls(Endpoint.LOGOUT));
    }

    /**
     * The demo's logout (wristband.logout.redirect-url with its signed-out marker): the browser goes to that URL as
     * given, its query kept, with the logout's state added (docs/protocol.md §2.2).
     */
    @Test
    void logoutSendsTheBrowserToTheRedirectUrlWithItsQueryKept() throws Exception {
        String home = "http://localhost:8080/app/?signed-out";

        HttpResponse<String> plain = get(tenantHost("devs4you"), "/api/v1/logout?client_id=" + CLIENT_ID
                + "&redirect_url=" + enc(home));
        HttpResponse<String> withState = get(tenantHost("devs4you"), "/api/v1/logout?client_id=" + CLIENT_ID
                + "&redirect_url=" + enc(home) + "&state=s1");

        assertEquals(302, plain.statusCode());
        assertEquals(home, location(plain));
        assertEquals(home + "&state=s1", location(withState));
    }

    @Test
    void theHostedPagesWearTheApplicationsLookAndLinkBackToItsHome() throws Exception {
        Login login = login(emulator, "devs4you", "alice", SCOPE);
        HttpResponse<String> chooser = get(appHost(), "/login?client_id=" + CLIENT_ID);
        HttpResponse<String> refused = get(tenantHost("nosuchtenant"),
                authorizeQuery(REDIRECT_URI, "s", "c", "n", Map.of()));

        for (HttpResponse<String> page : List.of(login.page(), chooser, refused)) {
            assertTrue(page.body().contains("<style>"), page.body());
            assertTrue(page.body().contains("<header><strong>Wristband emulator</strong>"), page.body());
            // the client's login URL without /api/auth/login
            assertEquals("http://localhost:8080/", href(page.body(), "application-home"));
        }
        assertTrue(login.page().body().contains("<h1>Sign in to devs4you</h1>"), login.page().body());
        assertTrue(chooser.body().contains("<h1>Choose your tenant</h1>"), chooser.body());
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("<p id=\"error\">Unknown tenant: nosuchtenant</p>"), refused.body());
    }

    @Test
    void theApplicationsHomeUnderAContextRootIsWhereItsLoginEndpointLives() throws Exception {
        String demoLogin = "http://localhost:9080/wristband-jakarta-auth/api/auth/login";
        try (WristbandEmulator demo = WristbandEmulator.start(0, new EmulatorClient(CLIENT_ID, CLIENT_SECRET,
                List.of(REDIRECT_URI), demoLogin, null, false, null))) {
            HttpResponse<String> chooser = get(demo, "localhost:" + demo.port(), "/login?client_id=" + CLIENT_ID);

            assertEquals("http://localhost:9080/wristband-jakarta-auth/", href(chooser.body(), "application-home"));
        }
    }

    @Test
    void aLoginUrlOfAnotherShapeLinksNoHome() throws Exception {
        try (WristbandEmulator other = WristbandEmulator.start(0, new EmulatorClient(CLIENT_ID, CLIENT_SECRET,
                List.of(REDIRECT_URI), "http://localhost:8080/signin", null, false, null))) {
            HttpResponse<String> chooser = get(other, "localhost:" + other.port(), "/login?client_id=" + CLIENT_ID);

            assertEquals(200, chooser.statusCode(), chooser.body());
            assertFalse(chooser.body().contains("application-home"), chooser.body());
        }
    }

    @Test
    void applicationLoginPageListsTenantsWithReturnUrl() throws Exception {
        HttpResponse<String> r = get(appHost(), "/login?client_id=" + CLIENT_ID + "&state=" + enc("/orders?id=7"));
        assertEquals(200, r.statusCode());
        assertEquals(LOGIN_URL + "?tenant_name=devs4you&return_url=" + enc("/orders?id=7"),
                href(r.body(), "tenant-devs4you"));
        assertEquals(LOGIN_URL + "?tenant_name=acme&return_url=" + enc("/orders?id=7"), href(r.body(), "tenant-acme"));
        assertEquals(1, emulator.calls(Endpoint.APPLICATION_LOGIN));
    }

    @Test
    void nextAuthorizeErrorIsSentOnce() throws Exception {
        emulator.nextAuthorizeError("login_required");
        Login failed = login(emulator, "devs4you", "alice", SCOPE);
        assertEquals("login_required", failed.callback().get("error"));
        assertNotNull(failed.callback().get("error_description"));
        assertEquals(failed.state(), failed.callback().get("state"));
        assertEquals("devs4you", failed.callback().get("tenant_name"));
        assertFalse(failed.callback().containsKey("code"));
        assertNotNull(login(emulator, "devs4you", "alice", SCOPE).callback().get("code"));
    }

    @Test
    void rotatedSigningKeyReplacesTheJwks() throws Exception {
        String oldKid = new JsonWebKeySet(get(appHost(), "/api/v1/oauth2/jwks").body()).getJsonWebKeys().get(0).getKeyId();
        emulator.rotateSigningKey();
        List<JsonWebKey> keys = new JsonWebKeySet(get(appHost(), "/api/v1/oauth2/jwks").body()).getJsonWebKeys();
        assertEquals(1, keys.size());
        assertNotEquals(oldKid, keys.get(0).getKeyId());
        Login login = login(emulator, "devs4you", "alice", SCOPE);
        JsonObject tokens = json(exchangeCode(login.callback().get("code"), REDIRECT_URI, login.verifier()).body());
        idTokenConsumer(login.nonce(), emulator.users().get(0).userId()).processToClaims(tokens.getString("id_token"));
    }

    @Test
    void customDomainClientWithPlaceholderRedirectUri() throws Exception {
        String placeholderUri = "http://{tenant_name}.app.localhost:8080/api/auth/callback";
        try (WristbandEmulator custom = WristbandEmulator.start(0, new EmulatorClient("c2", "s2",
                List.of(placeholderUri, REDIRECT_URI), "http://{tenant_name}.app.localhost:8080/api/auth/login",
                "app.localhost", true, null))) {
            String host = "acme.localhost:" + custom.port();
            assertEquals(host, custom.tenantHost("acme"));
            HttpResponse<String> page = get(custom, host, authorizeQuery("c2", placeholderUri, "st", "ch", "no", Map.of()));
            assertEquals(200, page.statusCode(), page.body());
            assertEquals("http://acme.app.localhost:8080/", href(page.body(), "application-home"),
                    "the tenant's home: the placeholder filled in");
            String chooser = get(custom, "localhost:" + custom.port(), "/login?client_id=c2").body();
            assertFalse(chooser.contains("application-home"), "no tenant known yet, so no home: " + chooser);
            HttpResponse<String> approved = get(custom, host, href(page.body(), "login-carol"));
            assertEquals("http://acme.app.localhost:8080/api/auth/callback?code=", 
                    location(approved).substring(0, location(approved).indexOf("code=") + 5));
            assertFalse(location(approved).contains("tenant_name"));
            // dash-style tenant host is not a tenant host for this client
            assertEquals(400, get(custom, "acme-localhost:" + custom.port(),
                    authorizeQuery("c2", placeholderUri, "st", "ch", "no", Map.of())).statusCode());
            JsonObject config = json(get(custom, "localhost:" + custom.port(), "/api/v1/clients/c2/sdk-configuration").body());
            assertTrue(config.isNull("redirectUri"), "several redirect URIs");
            assertTrue(config.getBoolean("isApplicationCustomDomainActive"));
            assertEquals("app.localhost", config.getString("loginUrlTenantDomainSuffix"));
            assertEquals("http://acme.app.localhost:8080/api/auth/login?state=x",
                    location(get(custom, host, "/api/v1/logout?client_id=c2&state=x")));
        }
    }

    @ParameterizedTest
    @EnumSource(value = IdTokenTampering.class, mode = EnumSource.Mode.EXCLUDE, names = {"NONE",
            // acceptable tokens, or checks this minimal consumer does not make (azp, iat in the future)
            "IAT_WITHIN_SKEW", "SEVERAL_AUDIENCES_WITH_AZP", "SEVERAL_AUDIENCES_WITHOUT_AZP", "WRONG_AZP",
            "FUTURE_IAT"})
    void tamperedIdTokensAreRejected(IdTokenTampering tampering) throws Exception {
        emulator.idTokenTampering(tampering);
        Login login = login(emulator, "devs4you", "alice", SCOPE);
        JsonObject tokens = json(exchangeCode(login.callback().get("code"), REDIRECT_URI, login.verifier()).body());
        String sub = json(userinfo(tokens.getString("access_token")).body()).getString("sub");
        JwtConsumer consumer = idTokenConsumer(login.nonce(), sub);
        assertThrows(InvalidJwtException.class, () -> consumer.processToClaims(tokens.getString("id_token")),
                tampering.name());
        // and the same knob applies on refresh
        String refreshed = json(refresh(tokens.getString("refresh_token")).body()).getString("id_token");
        if (tampering != IdTokenTampering.MISSING_NONCE) { // refreshed tokens never carry a nonce
            assertThrows(InvalidJwtException.class, () -> idTokenConsumer(null, sub).processToClaims(refreshed));
        }
    }

    // ------------------------------------------------------------------ helpers

    record Login(String state, String nonce, String verifier, HttpResponse<String> page, String location,
            Map<String, String> callback) {
    }

    static Login login(WristbandEmulator emu, String tenant, String user, String scope)
            throws Exception {
        return login(emu, tenant, user, scope, Map.of());
    }

    static Login login(WristbandEmulator emu, String tenant, String user, String scope,
            Map<String, String> extra) throws Exception {
        String state = randomToken();
        String nonce = randomToken();
        String verifier = randomToken();
        Map<String, String> params = new LinkedHashMap<>(extra);
        params.putIfAbsent("scope", scope);
        String host = emu.tenantHost(tenant);
        HttpResponse<String> page = get(emu, host,
                authorizeQuery(CLIENT_ID, REDIRECT_URI, state, Http.s256(verifier), nonce, params));
        assertEquals(200, page.statusCode(), page.body());
        HttpResponse<String> approved = get(emu, host, href(page.body(), "login-" + user));
        assertEquals(302, approved.statusCode(), approved.body());
        String location = location(approved);
        return new Login(state, nonce, verifier, page, location, query(location));
    }

    JsonObject loginTokens(String user, String tenant) throws Exception {
        Login login = login(emulator, tenant, user, SCOPE);
        HttpResponse<String> r = exchangeCode(login.callback().get("code"), REDIRECT_URI, login.verifier());
        assertEquals(200, r.statusCode(), r.body());
        return json(r.body());
    }

    static String authorizeQuery(String redirectUri, String state, String challenge, String nonce,
            Map<String, String> overrides) {
        return authorizeQuery(CLIENT_ID, redirectUri, state, challenge, nonce, overrides);
    }

    static String authorizeQuery(String clientId, String redirectUri, String state, String challenge, String nonce,
            Map<String, String> overrides) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("client_id", clientId);
        p.put("redirect_uri", redirectUri);
        p.put("response_type", "code");
        p.put("state", state);
        p.put("scope", SCOPE);
        p.put("code_challenge", challenge);
        p.put("code_challenge_method", "S256");
        p.put("nonce", nonce);
        p.putAll(overrides);
        return "/api/v1/oauth2/authorize?" + form(p);
    }

    HttpResponse<String> exchangeCode(String code, String redirectUri, String verifier) throws Exception {
        return post(appHost(), "/api/v1/oauth2/token", form(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", redirectUri, "code_verifier", verifier)), basic(CLIENT_ID, CLIENT_SECRET));
    }

    HttpResponse<String> refresh(String refreshToken) throws Exception {
        return post(appHost(), "/api/v1/oauth2/token",
                form(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken)), basic(CLIENT_ID, CLIENT_SECRET));
    }

    HttpResponse<String> userinfo(String accessToken) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/api/v1/oauth2/userinfo")).header("Host", appHost())
                .header("Authorization", "Bearer " + accessToken).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A validator with correct expectations: RS256 only, kid required and in the JWKS, iss, aud, sub, nonce, exp. */
    JwtConsumer idTokenConsumer(String expectedNonce, String expectedSubject) throws Exception {
        JsonWebKeySet jwks = new JsonWebKeySet(get(appHost(), "/api/v1/oauth2/jwks").body());
        VerificationKeyResolver resolver = (jws, nesting) -> {
            String kid = jws.getKeyIdHeaderValue();
            if (kid == null) {
                throw new UnresolvableKeyException("ID token has no kid");
            }
            for (JsonWebKey k : jwks.getJsonWebKeys()) {
                if (kid.equals(k.getKeyId())) {
                    return k.getKey();
                }
            }
            throw new UnresolvableKeyException("no key " + kid + " in the JWKS");
        };
        return new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setExpectedIssuer(emulator.issuer())
                .setExpectedAudience(CLIENT_ID)
                .setExpectedSubject(expectedSubject)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                .setVerificationKeyResolver(resolver)
                .registerValidator((Validator) ctx -> {
                    Object nonce = ctx.getJwtClaims().getClaimValue("nonce");
                    boolean ok = expectedNonce == null ? nonce == null : expectedNonce.equals(nonce);
                    return ok ? null : "nonce " + nonce + " is not the expected " + expectedNonce;
                })
                .build();
    }

    String appHost() {
        return emulator.vanityDomain();
    }

    String tenantHost(String tenant) {
        return tenant + "-" + emulator.vanityDomain();
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + emulator.port() + pathAndQuery);
    }

    HttpResponse<String> get(String host, String pathAndQuery) throws Exception {
        return get(emulator, host, pathAndQuery);
    }

    static HttpResponse<String> get(WristbandEmulator emu, String host, String pathAndQuery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + emu.port() + pathAndQuery))
                .header("Host", host).timeout(Duration.ofSeconds(5)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String host, String path, String form, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Host", host)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json;charset=UTF-8").timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String href(String html, String id) {
        Matcher m = Pattern.compile("id=\"" + Pattern.quote(id) + "\" href=\"([^\"]+)\"").matcher(html);
        assertTrue(m.find(), "no link " + id + " in " + html);
        return m.group(1);
    }

    static String location(HttpResponse<?> r) {
        return r.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location"));
    }

    static Map<String, String> query(String url) {
        String q = url.substring(url.indexOf('?') + 1);
        Map<String, String> result = new LinkedHashMap<>();
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            result.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return result;
    }

    static String form(Map<String, String> params) {
        return params.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    static String randomToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
