package io.github.wristbandjakarta.it;

import io.github.wristbandjakarta.emulator.EmulatorUser;
import io.github.wristbandjakarta.emulator.WristbandEmulator;
import io.github.wristbandjakarta.testkit.Browser;
import io.github.wristbandjakarta.testkit.WristbandTestKit;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JWT strategy on both servers (docs/extension-points.md "Bearer tokens"): with {@code wristband.auth-strategies=SESSION,JWT}, a
 * Wristband access token of this application's client sent as {@code Authorization: Bearer} on an API path makes its
 * user the caller, without session, CSRF check or refresh; a missing or bad token (expired, another issuer, another
 * algorithm, {@code alg: none}, an unknown key, an ID token, another client's or a machine's token) is 401
 * {@code {"error":"Unauthorized"}}. Tokens come from the emulator: its Token Endpoint answer, or signed with its key
 * after a claim was changed.
 */
@ExtendWith(ArquillianExtension.class)
class BearerTokenIT {

    private static final String CALLER = TestApp.url("/api/it/caller");
    private static final String UNAUTHORIZED = "{\"error\":\"Unauthorized\"}";

    private final WristbandEmulator wristband = TestApp.emulator();
    /** A client without cookies: a mobile app or another service. */
    private final Browser client = new Browser();

    @Deployment(testable = false)
    static WebArchive app() {
        Map<String, String> config = TestApp.baseConfig();
        config.put("wristband.auth-strategies", "SESSION,JWT");
        config.put("wristband.token-endpoint.enabled", "true");
        config.put("wristband.bearer-filter.allowed-origins", config.get("wristband.application-vanity-domain"));
        return TestApp.deployment(config).addClasses(BearerCallerServlet.class, DownstreamCallServlet.class);
    }

    @BeforeEach
    void resetEmulator() {
        wristband.reset();
    }

    private EmulatorUser alice() {
        return wristband.users().stream().filter(u -> u.login().equals("alice")).findFirst().orElseThrow();
    }

    /** The access token the Token Endpoint hands a signed-in browser. */
    private static String accessTokenFromTheTokenEndpoint() {
        Browser browser = new Browser();
        WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl());
        String csrf = browser.cookie("localhost", "CSRF-TOKEN").orElseThrow().value();
        Browser.Exchange token = browser.get(TestApp.url("/api/auth/token"), "X-CSRF-TOKEN", csrf);
        assertEquals(200, token.status(), token.body());
        return json(token).getString("accessToken");
    }

    private static JsonObject json(Browser.Exchange exchange) {
        return Json.createReader(new StringReader(exchange.body())).readObject();
    }

    private static void assertUnauthorized(Browser.Exchange exchange) {
        assertEquals(401, exchange.status(), exchange.body());
        assertEquals(UNAUTHORIZED, exchange.body().strip());
    }

    private static String signed(JwtClaims claims, String algorithm, java.security.Key key, String keyId) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(algorithm);
        if (keyId != null) {
            jws.setKeyIdHeaderValue(keyId);
        }
        if (key != null) {
            jws.setKey(key);
        } else {
            jws.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
        }
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Claims as Wristband's access tokens carry them, for tokens this test signs itself. */
    private JwtClaims claims() {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(wristband.issuer());
        claims.setSubject(alice().userId());
        claims.setClaim("tnt_id", alice().tenantId());
        claims.setClaim("client_id", TestApp.CLIENT_ID);
        claims.setClaim("sub_kind", "user");
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(30);
        return claims;
    }

    @Test
    void anAccessTokenFromTheTokenEndpointMakesItsUserTheCaller() {
        Browser.Exchange caller = client.get(CALLER, "Authorization", "Bearer " + accessTokenFromTheTokenEndpoint());

        assertEquals(200, caller.status(), caller.body());
        JsonObject body = json(caller);
        assertEquals(alice().userId(), body.getString("userId"));
        assertEquals(alice().tenantId(), body.getString("tenantId"));
        assertTrue(body.getBoolean("bearer"));
        assertEquals(TestApp.CLIENT_ID, body.getString("clientId"), "the token's claims reach the application");
        assertFalse(body.getBoolean("inRoleUser"), "an access token carries no roles");
    }

    @Test
    void aBearerCallerGetsNoSession() {
        Browser.Exchange caller = client.get(CALLER, "Authorization", "Bearer " + wristband.accessToken("alice", c -> { }));

        assertEquals(200, caller.status(), caller.body());
        assertTrue(caller.headers("Set-Cookie").isEmpty(), "no session, no cookie: " + caller.headers("Set-Cookie"));
    }

    @Test
    void aBearerCallerNeedsNoCsrfHeaderEvenForACrossOriginPost() {
        Browser.Exchange post = client.post(CALLER, "", "Authorization", "Bearer " + wristband.accessToken("alice", c -> { }),
                "Origin", "https://elsewhere.example");

        assertEquals(200, post.status(), post.body());
    }

    @Test
    void withoutAuthorizationHeaderAnApiCallIs401() {
        assertUnauthorized(client.get(CALLER));
    }

    @Test
    void anExpiredAccessTokenIs401() {
        String expired = wristband.accessToken("alice", c -> {
            c.setIssuedAt(NumericDate.fromSeconds(Instant.now().getEpochSecond() - 3600));
            c.setExpirationTime(NumericDate.fromSeconds(Instant.now().getEpochSecond() - 1));
        });
        assertUnauthorized(client.get(CALLER, "Authorization", "Bearer " + expired));
    }

    @Test
    void anAccessTokenOfAnotherIssuerIs401() {
        String foreign = wristband.accessToken("alice", c -> c.setIssuer("https://other-app.us.wristband.dev"));
        assertUnauthorized(client.get(CALLER, "Authorization", "Bearer " + foreign));
    }

    @Test
    void anIdTokenOfTheUsersLoginIs401() {
        assertUnauthorized(client.get(CALLER, "Authorization", "Bearer " + wristband.idToken("alice")));
    }

    @Test
    void anAccessTokenIssuedToAnotherClientOfTheApplicationIs401() {
        String partners = wristband.accessToken("alice", c -> c.setClaim("client_id", "a-partner-client"));
        assertUnauthorized(client.get(CALLER, "Authorization", "Bearer " + partners));
    }

    @Test
    void aMachineClientsAccessTokenIs401ByDefault() {
        String machine = wristband.accessToken("alice", c -> c.setClaim("sub_kind", "client"));
        assertUnauthorized(client.get(CALLER, "Authorization", "Bearer " + machine));
    }

    @Test
    void anHs256TokenKeyedWithTheClientSecretIs401() {
        String hs256 = signed(claims(), AlgorithmIdentifiers.HMAC_SHA256,
                new HmacKey(TestApp.CLIENT_SECRET.getBytes(StandardCharsets.UTF_8)), "any");
        assertUnauthorized(client.get(CALLER, "Authorization", "Bearer " + hs256));
    }

    @Test
    void anUnsignedTokenIs401() {
        String none = signed(claims(), AlgorithmIdentifiers.NONE, null, null);
        assertUnauthorized(client.get(CALLER, "Authorization", "Bearer " + none));
    }

    @Test
    void aTokenSignedWithAKeyWristbandDoesNotPublishIs401() throws Exception {
        RsaJsonWebKey own = RsaJwkGenerator.generateJwk(2048);
        String unknownKid = signed(claims(), AlgorithmIdentifiers.RSA_USING_SHA256, own.getPrivateKey(), "unknown-kid");
        assertUnauthorized(client.get(CALLER, "Authorization", "Bearer " + unknownKid));
    }

    @Test
    void twoAuthorizationHeadersAre401() {
        String token = wristband.accessToken("alice", c -> { });
        assertUnauthorized(client.get(CALLER, "Authorization", "Bearer " + token, "Authorization", "Bearer " + token));
    }

    @Test
    void theSessionEndpointIgnoresBearerTokens() {
        Browser.Exchange session = client.get(TestApp.url("/api/auth/session"),
                "Authorization", "Bearer " + wristband.accessToken("alice", c -> { }));
        assertEquals(401, session.status(), "the Session Endpoint answers from a session only: " + session.body());
    }

    @Test
    void aPageIgnoresBearerTokens() {
        Browser.Exchange page = client.get(TestApp.url("/pages/profile.xhtml"),
                "Authorization", "Bearer " + wristband.accessToken("alice", c -> { }));
        assertEquals(302, page.status(), "the JWT strategy applies to API paths only");
    }

    // ---- the caller's access token on outgoing calls (WristbandBearerFilter)

    @Test
    void aSignedInUsersAccessTokenReachesTheDownstreamApi() {
        Browser browser = new Browser();
        WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl());
        String csrf = browser.cookie("localhost", "CSRF-TOKEN").orElseThrow().value();

        Browser.Exchange downstream = browser.get(TestApp.url("/api/it/downstream"), "X-CSRF-TOKEN", csrf);

        assertEquals(200, downstream.status(), "the downstream API accepted the bearer: " + downstream.body());
        assertEquals(alice().userId(), json(downstream).getString("sub"));
    }

    @Test
    void theFilterSendsNoTokenToAnOriginNotOnItsList() {
        Browser browser = new Browser();
        WristbandTestKit.signInAt(browser, "alice", TestApp.loginUrl());
        String csrf = browser.cookie("localhost", "CSRF-TOKEN").orElseThrow().value();
        long mark = ServerLog.mark();

        Browser.Exchange downstream = browser.get(TestApp.url("/api/it/downstream?host=127.0.0.1"),
                "X-CSRF-TOKEN", csrf);

        assertEquals(401, downstream.status(), "the API at the unlisted origin got no bearer: " + downstream.body());
        String unlisted = "sent no access token to http://127.0.0.1:";
        assertEquals(1, ServerLog.count(ServerLog.awaitSince(mark, log -> log.contains(unlisted)), unlisted));
    }

    @Test
    void aBearerCallersOwnTokenReachesTheDownstreamApi() {
        String token = accessTokenFromTheTokenEndpoint();

        Browser.Exchange downstream = client.get(TestApp.url("/api/it/downstream"), "Authorization", "Bearer " + token);

        assertEquals(200, downstream.status(), "the downstream API accepted the bearer: " + downstream.body());
        assertEquals(alice().userId(), json(downstream).getString("sub"));
    }
}
