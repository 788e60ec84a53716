package io.github.wristbandjakarta.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The emulator's scripted mode and its minter, over real HTTP on 127.0.0.1. */
class ScriptedModeTest {

    static final String CLIENT_ID = "scripted-client";
    static final String CLIENT_SECRET = "scripted-secret";
    static final RsaJsonWebKey KEY = TokenMinter.newKey("k1");

    static WristbandEmulator emulator;
    static HttpClient http;

    @BeforeAll
    static void start() {
        emulator = WristbandEmulator.start(0, new EmulatorClient(CLIENT_ID, CLIENT_SECRET,
                List.of("http://localhost:8080/api/auth/callback"), "http://localhost:8080/api/auth/login", null,
                false, null));
        emulator.signingKey(KEY);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.reset();
    }

    @Test
    void scriptedAnswersComeInOrderThenTheEndpointsOwnBehaviourResumes() throws Exception {
        emulator.script(Endpoint.TOKEN_REFRESH,
                ScriptedAnswer.json(503, "{\"error\":\"temporarily_unavailable\"}").withHeader("Retry-After", "7"),
                ScriptedAnswer.json(200, "{\"access_token\":\"a\"}"));

        HttpResponse<String> first = refresh("whatever");
        assertEquals(503, first.statusCode());
        assertEquals("7", first.headers().firstValue("Retry-After").orElseThrow());
        assertEquals("{\"error\":\"temporarily_unavailable\"}", first.body());
        HttpResponse<String> second = refresh("whatever");
        assertEquals(200, second.statusCode());
        assertEquals("application/json", second.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("{\"access_token\":\"a\"}", second.body());
        HttpResponse<String> third = refresh("whatever");
        assertEquals(400, third.statusCode());
        assertTrue(third.body().contains("invalid_grant"), third.body());
        assertEquals(3, emulator.calls(Endpoint.TOKEN_REFRESH));
    }

    @Test
    void aScriptedAnswerGoesBeforeTheEndpointsFault() throws Exception {
        emulator.fault(Endpoint.JWKS, new Fault.Status(500, "{}"));
        emulator.script(Endpoint.JWKS, ScriptedAnswer.empty(204));
        assertEquals(204, get("/api/v1/oauth2/jwks").statusCode());
        assertEquals(500, get("/api/v1/oauth2/jwks").statusCode());
    }

    @Test
    void aScriptedAnswerOfAnotherEndpointIsNotTaken() throws Exception {
        emulator.script(Endpoint.TOKEN_CODE, ScriptedAnswer.json(200, "{}"));
        assertEquals(400, refresh("whatever").statusCode());
    }

    @Test
    void aDelayedAnswerComesAfterItsDelay() throws Exception {
        emulator.script(Endpoint.USERINFO, ScriptedAnswer.json(200, "{}").delayed(Duration.ofMillis(300)));
        long start = System.nanoTime();
        HttpResponse<String> r = get("/api/v1/oauth2/userinfo");
        assertTrue(System.nanoTime() - start >= 300_000_000L);
        assertEquals(200, r.statusCode());
    }

    @Test
    void requestsAreRecordedPerEndpointWithMethodPathQueryHeadersAndBody() throws Exception {
        refresh("rt-1");
        get("/api/v1/oauth2/jwks?probe=1");

        List<RecordedRequest> refreshes = emulator.requests(Endpoint.TOKEN_REFRESH);
        assertEquals(1, refreshes.size());
        RecordedRequest r = refreshes.get(0);
        assertEquals("POST /api/v1/oauth2/token", r.requestLine());
        assertEquals("grant_type=refresh_token&refresh_token=rt-1", r.body());
        assertNull(r.rawQuery());
        String basic = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(basic, r.header("authorization"));
        assertEquals(basic, r.header("AUTHORIZATION"));
        assertEquals("probe=1", emulator.requests(Endpoint.JWKS).get(0).rawQuery());
        assertEquals(List.of(), emulator.requests(Endpoint.TOKEN_CODE));
        assertEquals(2, emulator.requests().size());
    }

    @Test
    void aRequestToNoEndpointIsRecordedWithoutOne() throws Exception {
        assertEquals(404, get("/nowhere").statusCode());
        assertNull(emulator.requests().get(0).endpoint());
    }

    @Test
    void resetForgetsScriptsRecordingsAndPublishedKeys() throws Exception {
        emulator.script(Endpoint.JWKS, ScriptedAnswer.empty(204));
        emulator.publishKeys(List.of());
        get("/api/v1/oauth2/userinfo");
        emulator.reset();
        assertEquals(List.of(), emulator.requests());
        HttpResponse<String> jwks = get("/api/v1/oauth2/jwks");
        assertEquals(200, jwks.statusCode());
        assertEquals(List.of("k1"), kids(jwks.body()));
    }

    @Test
    void theJwksPublishesTheKeysItIsGiven() throws Exception {
        RsaJsonWebKey other = TokenMinter.newKey("k2");
        emulator.publishKeys(List.of(other, KEY));
        assertEquals(List.of("k2", "k1"), kids(get("/api/v1/oauth2/jwks").body()));
        emulator.publishKeys(List.of());
        assertEquals(List.of(), kids(get("/api/v1/oauth2/jwks").body()));
    }

    @Test
    void tokensAreSignedWithTheGivenKey() throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(emulator.idToken("alice"));
        assertEquals("k1", jws.getKeyIdHeaderValue());
        assertEquals("JWT", jws.getHeader("typ"));
        jws.setKey(KEY.getPublicKey());
        assertTrue(jws.verifySignature());
    }

    @Test
    void tamperingsApplyInOrderToTheMintersClaims() throws Exception {
        EmulatorUser alice = emulator.users().get(0);
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        TokenMinter minter = emulator.minter();
        String token = minter.idToken(minter.idTokenClaims(alice, "n", now, Duration.ofMinutes(30)),
                Tampering.expired(), Tampering.missingNonce(), Tampering.noKid());
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        JwtClaims claims = JwtClaims.parse(jws.getUnverifiedPayload());
        assertEquals(now.getEpochSecond() - 3600, claims.getExpirationTime().getValue());
        assertEquals(now.getEpochSecond() - 3600 - 1800, claims.getIssuedAt().getValue());
        assertTrue(!claims.hasClaim("nonce"));
        assertNull(jws.getKeyIdHeaderValue());
    }

    @Test
    void anAccessTokenTakesTheClaimChangesOfALambda() throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(emulator.accessToken("alice", c -> c.setClaim("sub_kind", "client")));
        assertEquals("at+JWT", jws.getHeader("typ"));
        assertEquals("client", JwtClaims.parse(jws.getUnverifiedPayload()).getStringClaimValue("sub_kind"));
    }

    static List<String> kids(String jwks) throws Exception {
        return new JsonWebKeySet(jwks).getJsonWebKeys().stream().map(JsonWebKey::getKeyId).toList();
    }

    static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(emulator.applicationOrigin() + pathAndQuery))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> refresh(String refreshToken) throws Exception {
        String basic = Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(emulator.applicationOrigin() + "/api/v1/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token=" + refreshToken))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
