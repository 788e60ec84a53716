package io.github.wristbandjakarta.internal.wristband;

import io.github.wristbandjakarta.api.WristbandCallObserver;

import io.github.wristbandjakarta.internal.wristband.StubWristband.Answer;
import io.github.wristbandjakarta.internal.wristband.StubWristband.Recorded;
import io.github.wristbandjakarta.internal.wristband.StubWristband.RecordingSleeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WristbandClientTest {

    private static final String TOKENS = "{\"access_token\":\"access\",\"id_token\":\"id\",\"refresh_token\":\"refresh\","
            + "\"expires_in\":1800,\"token_type\":\"bearer\"}";
    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString("client-id:client-secret".getBytes(StandardCharsets.UTF_8));
    private static final String REDIRECT_URI = "https://app.example/callback";

    private StubWristband stub;
    private Map<String, String> values;
    private RecordingSleeper sleeper;

    @BeforeEach
    void start() throws IOException {
        stub = new StubWristband();
        values = stub.baseConfig();
        sleeper = new RecordingSleeper();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private WristbandClient client() {
        return new WristbandClient(StubWristband.config(values), StubWristband.httpClient(), sleeper,
                WristbandCallObserver.NONE);
    }

    private TokenResponse exchange() {
        return client().exchangeAuthorizationCode("code", REDIRECT_URI, "codeVerifier");
    }

    // ---- code exchange

    @Test
    void codeExchangePostsFormWithBasicAuth() {
        stub.answer(Answer.json(200, TOKENS));
        exchange();
        Recorded request = stub.only();
        assertEquals("POST /api/v1/oauth2/token", request.requestLine());
        assertEquals(BASIC, request.header("Authorization"));
        assertEquals("application/json;charset=UTF-8", request.header("Accept"));
        assertEquals("application/x-www-form-urlencoded", request.header("Content-Type"));
        assertEquals("grant_type=authorization_code&code=code&redirect_uri=https%3A%2F%2Fapp.example%2Fcallback"
                + "&code_verifier=codeVerifier", request.body());
    }

    @Test
    void codeExchangeMapsTokenResponse() {
        stub.answer(Answer.json(200, TOKENS));
        TokenResponse tokens = exchange();
        assertEquals("access", tokens.accessToken());
        assertEquals("id", tokens.idToken());
        assertEquals("refresh", tokens.refreshToken());
        assertEquals(1800, tokens.expiresInSeconds());
    }

    @Test
    void codeExchangeWithoutOptionalTokensGivesNulls() {
        stub.answer(Answer.json(200, "{\"access_token\":\"access\",\"expires_in\":1800}"));
        TokenResponse tokens = exchange();
        assertNull(tokens.idToken());
        assertNull(tokens.refreshToken());
    }

    @Test
    void formValuesAreEncoded() {
        stub.answer(Answer.json(200, TOKENS));
        client().exchangeAuthorizationCode("a+b&c=d é", REDIRECT_URI, "v");
        assertTrue(stub.only().body().contains("&code=a%2Bb%26c%3Dd+%C3%A9&"), stub.only().body());
    }

    @Test
    void basicCredentialsAreUtf8() {
        values.put("wristband.client-secret", "sécret:x");
        stub.answer(Answer.json(200, TOKENS));
        exchange();
        assertEquals("Basic " + Base64.getEncoder().encodeToString("client-id:sécret:x".getBytes(StandardCharsets.UTF_8)),
                stub.only().header("Authorization"));
    }

    @Test
    void codeExchangeInvalidGrantThrowsInvalidGrant() {
        stub.answer(Answer.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Code expired\"}"));
        InvalidGrantException e = assertThrows(InvalidGrantException.class, this::exchange);
        assertEquals("invalid_grant", e.code());
        assertEquals("Code expired", e.description());
    }

    @Test
    void codeExchangeOtherClientErrorIsUnexpectedError() {
        stub.answer(Answer.json(401, "{\"error\":\"invalid_client\"}"));
        WristbandException e = assertThrows(WristbandException.class, this::exchange);
        assertFalse(e instanceof WristbandUnavailableException);
        assertFalse(e instanceof InvalidGrantException);
        assertEquals("unexpected_error", e.code());
    }

    @Test
    void codeExchange400OtherThanInvalidGrantIsUnexpectedError() {
        stub.answer(Answer.json(400, "{\"error\":\"invalid_request\"}"));
        WristbandException e = assertThrows(WristbandException.class, this::exchange);
        assertFalse(e instanceof InvalidGrantException);
        assertEquals("unexpected_error", e.code());
    }

    @Test
    void codeExchangeServerErrorIsUnavailable() {
        stub.answer(Answer.json(503, "{}"));
        assertThrows(WristbandUnavailableException.class, this::exchange);
        assertEquals(1, stub.count());
    }

    @Test
    void codeExchangeGarbageBodyIsUnavailable() {
        stub.answer(new Answer(200, "<html>hello</html>", 0, Map.of()));
        assertThrows(WristbandUnavailableException.class, this::exchange);
    }

    @Test
    void codeExchangeEmptyBodyIsUnavailable() {
        stub.answer(new Answer(200, "", 0, Map.of()));
        assertThrows(WristbandUnavailableException.class, this::exchange);
    }

    @Test
    void tokenResponseWithoutAccessTokenIsUnavailable() {
        stub.answer(Answer.json(200, "{\"expires_in\":1800}"));
        assertThrows(WristbandUnavailableException.class, this::exchange);
    }

    @Test
    void tokenResponseWithNonStringAccessTokenIsUnavailable() {
        stub.answer(Answer.json(200, "{\"access_token\":42,\"expires_in\":1800}"));
        assertThrows(WristbandUnavailableException.class, this::exchange);
    }

    @Test
    void tokenResponseWithNonNumericExpiresInIsUnavailable() {
        stub.answer(Answer.json(200, "{\"access_token\":\"a\",\"expires_in\":\"1800\"}"));
        assertThrows(WristbandUnavailableException.class, this::exchange);
    }

    @Test
    void redirectIsNotFollowedAndIsAFailure() {
        stub.answer(new Answer(302, "", 0, Map.of("Location", stub.origin() + "/elsewhere")));
        assertThrows(WristbandUnavailableException.class, this::exchange);
        assertEquals(1, stub.count());
    }

    @Test
    void requestTimeoutIsUnavailableQuickly() {
        values.put("wristband.http.request-timeout", "1");
        stub.answer(new Answer(200, TOKENS, 3000, Map.of()));
        long start = System.nanoTime();
        assertThrows(WristbandUnavailableException.class, this::exchange);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(Duration.ofMillis(2500)) < 0, "took " + took);
    }

    @Test
    void connectionRefusedIsUnavailable() {
        stub.close();
        assertThrows(WristbandUnavailableException.class, this::exchange);
    }

    @Test
    void errorMessagesContainNoCodeOrVerifier() {
        stub.answer(Answer.json(401, "{\"error\":\"invalid_client\",\"error_description\":\"bad client\"}"));
        WristbandException e = assertThrows(WristbandException.class,
                () -> client().exchangeAuthorizationCode("secret-code-123", REDIRECT_URI, "secret-verifier-456"));
        assertFalse(e.getMessage().contains("secret-code-123"));
        assertFalse(e.getMessage().contains("secret-verifier-456"));
        assertFalse(e.getMessage().contains("client-secret"));
    }

    // ---- observers of the calls (docs/telemetry.md)

    /** Records what a WristbandCallObserver is told, one line per call. */
    private static final class RecordingObserver implements WristbandCallObserver {
        final List<String> told = new ArrayList<>();

        @Override
        public Call started(String endpoint, String method, String urlTemplate, URI url) {
            String call = endpoint + " " + method + " " + urlTemplate + " " + url;
            return new Call() {
                @Override
                public void answered(int status) {
                    told.add(call + " -> " + status);
                }

                @Override
                public void failed(Exception cause) {
                    told.add(call + " -> " + cause.getClass().getSimpleName());
                }
            };
        }
    }

    @Test
    void theObserverIsToldOfEachCallAndItsStatus() {
        RecordingObserver observer = new RecordingObserver();
        stub.answer(Answer.json(200, TOKENS));
        new WristbandClient(StubWristband.config(values), StubWristband.httpClient(), sleeper, observer)
                .exchangeAuthorizationCode("code", REDIRECT_URI, "codeVerifier");

        assertEquals(List.of("token POST /api/v1/oauth2/token " + stub.origin() + "/api/v1/oauth2/token -> 200"),
                observer.told);
    }

    @Test
    void theObserverIsToldTheSdkConfigurationPathWithItsClientIdNamed() {
        RecordingObserver observer = new RecordingObserver();
        stub.answer(Answer.json(200, "{\"loginUrl\":\"https://app.example/login\"}"));
        new WristbandClient(StubWristband.config(values), StubWristband.httpClient(), sleeper, observer)
                .sdkConfiguration();

        assertEquals(List.of("sdk-configuration GET /api/v1/clients/{clientId}/sdk-configuration " + stub.origin()
                + "/api/v1/clients/client-id/sdk-configuration -> 200"), observer.told);
    }

    @Test
    void theObserverIsToldOfEveryAttemptOfARefresh() {
        RecordingObserver observer = new RecordingObserver();
        stub.answer(Answer.json(503, "{}"), Answer.json(200, TOKENS));
        new WristbandClient(StubWristband.config(values), StubWristband.httpClient(), sleeper, observer)
                .refresh("refresh");

        assertEquals(List.of(" -> 503", " -> 200"), observer.told.stream()
                .map(line -> line.substring(line.indexOf(" -> "))).toList());
    }

    @Test
    void theObserverIsToldOfACallThatGotNoAnswer() {
        RecordingObserver observer = new RecordingObserver();
        String origin = stub.origin();
        stub.close();
        assertThrows(WristbandUnavailableException.class, () -> new WristbandClient(StubWristband.config(values),
                StubWristband.httpClient(), sleeper, observer).jwks());

        assertEquals(List.of("jwks GET /api/v1/oauth2/jwks " + origin + "/api/v1/oauth2/jwks -> ConnectException"),
                observer.told);
    }

    @Test
    void anObserverThatFailsChangesNothingAboutTheCall() {
        stub.answer(Answer.json(200, TOKENS));
        WristbandCallObserver failing = (endpoint, method, template, url) -> {
            throw new IllegalStateException("observer down");
        };
        TokenResponse tokens = new WristbandClient(StubWristband.config(values), StubWristband.httpClient(), sleeper,
                failing).exchangeAuthorizationCode("code", REDIRECT_URI, "codeVerifier");

        assertEquals("access", tokens.accessToken());
    }

    // ---- refresh (docs/protocol.md §7.2, §8.5)

    @Test
    void refreshPostsRefreshGrantWithBasicAuth() {
        stub.answer(Answer.json(200, TOKENS));
        client().refresh("refresh/token+1");
        Recorded request = stub.only();
        assertEquals("POST /api/v1/oauth2/token", request.requestLine());
        assertEquals(BASIC, request.header("Authorization"));
        assertEquals("application/x-www-form-urlencoded", request.header("Content-Type"));
        assertEquals("application/json;charset=UTF-8", request.header("Accept"));
        assertEquals("grant_type=refresh_token&refresh_token=refresh%2Ftoken%2B1", request.body());
    }

    @Test
    void refreshSucceedsAfterTwoServerErrors() {
        stub.answer(Answer.json(500, "{}"), Answer.json(502, "{}"), Answer.json(200, TOKENS));
        TokenResponse tokens = client().refresh("refresh");
        assertEquals("access", tokens.accessToken());
        assertEquals(3, stub.count());
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), sleeper.pauses());
    }

    @Test
    void refreshGivesUpAfterThreeServerErrors() {
        stub.always(Answer.json(500, "{}"));
        WristbandUnavailableException e = assertThrows(WristbandUnavailableException.class,
                () -> client().refresh("refresh"));
        assertEquals("unexpected_error", e.code());
        assertEquals("Unexpected Error", e.description());
        assertEquals(3, stub.count());
        assertEquals(2, sleeper.pauses().size());
    }

    @Test
    void refreshRetriesGarbageBodies() {
        stub.answer(new Answer(200, "not json", 0, Map.of()), Answer.json(200, TOKENS));
        assertEquals("access", client().refresh("refresh").accessToken());
        assertEquals(2, stub.count());
    }

    @Test
    void refreshInvalidGrantStopsAtOnce() {
        stub.always(Answer.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Token revoked\"}"));
        InvalidGrantException e = assertThrows(InvalidGrantException.class, () -> client().refresh("refresh"));
        assertEquals("invalid_grant", e.code());
        assertEquals("Token revoked", e.description());
        assertEquals(1, stub.count());
        assertTrue(sleeper.pauses().isEmpty());
    }

    @Test
    void refreshInvalidClientStopsAtOnceWithItsDescription() {
        stub.always(Answer.json(401, "{\"error\":\"invalid_client\",\"error_description\":\"Client unknown\"}"));
        WristbandException e = assertThrows(WristbandException.class, () -> client().refresh("refresh"));
        assertEquals("invalid_refresh_token", e.code());
        assertEquals("Client unknown", e.description());
        assertEquals(1, stub.count());
    }

    @Test
    void refresh400WithoutDescriptionIsInvalidRefreshToken() {
        stub.always(Answer.json(400, "{\"error\":\"invalid_request\"}"));
        WristbandException e = assertThrows(WristbandException.class, () -> client().refresh("refresh"));
        assertFalse(e instanceof InvalidGrantException);
        assertEquals("invalid_refresh_token", e.code());
        assertEquals("Invalid Refresh Token", e.description());
        assertEquals(1, stub.count());
    }

    @Test
    void refreshErrorMessageContainsNoToken() {
        stub.always(Answer.json(500, "{}"));
        WristbandException e = assertThrows(WristbandException.class, () -> client().refresh("the-refresh-token"));
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains("the-refresh-token"));
        }
    }

    // ---- revoke

    @Test
    void revokePostsTokenWithBasicAuth() {
        stub.answer(new Answer(200, "", 0, Map.of()));
        client().revoke("refresh-token");
        Recorded request = stub.only();
        assertEquals("POST /api/v1/oauth2/revoke", request.requestLine());
        assertEquals(BASIC, request.header("Authorization"));
        assertEquals("application/x-www-form-urlencoded", request.header("Content-Type"));
        assertEquals("token=refresh-token", request.body());
    }

    @Test
    void revokeFailureThrows() {
        stub.answer(Answer.json(401, "{\"error\":\"invalid_client\"}"));
        assertThrows(WristbandException.class, () -> client().revoke("refresh-token"));
    }

    @Test
    void revokeServerErrorIsUnavailable() {
        stub.answer(Answer.json(500, "{}"));
        assertThrows(WristbandUnavailableException.class, () -> client().revoke("refresh-token"));
    }

    // ---- userinfo

    private static final String USERINFO = "{\"sub\":\"user\",\"tnt_id\":\"tenant\",\"app_id\":\"app\","
            + "\"idp_name\":\"wristband\",\"email\":\"a@b.example\",\"email_verified\":true,\"name\":\"Ann Bee\","
            + "\"given_name\":\"Ann\",\"family_name\":\"Bee\",\"preferred_username\":\"annb\","
            + "\"roles\":[{\"id\":\"r1\",\"name\":\"app:x:admin\",\"display_name\":\"Admin\"},"
            + "{\"id\":\"r2\",\"name\":\"app:x:viewer\",\"displayName\":\"Viewer\"}]}";

    @Test
    void userInfoSendsBearerToken() {
        stub.answer(Answer.json(200, USERINFO));
        client().userInfo("access-token");
        Recorded request = stub.only();
        assertEquals("GET /api/v1/oauth2/userinfo", request.requestLine());
        assertEquals("Bearer access-token", request.header("Authorization"));
        assertEquals("application/json;charset=UTF-8", request.header("Accept"));
    }

    @Test
    void userInfoIsMapped() {
        stub.answer(Answer.json(200, USERINFO));
        UserInfo info = client().userInfo("access-token");
        assertEquals(new UserInfo("user", "tenant", "app", "wristband", "a@b.example", true, "Ann Bee", "Ann", "Bee",
                "annb", List.of(new Role("r1", "app:x:admin", "Admin"), new Role("r2", "app:x:viewer", "Viewer"))),
                info);
    }

    @Test
    void userInfoWithOnlyRequiredClaimsHasNullsAndNoRoles() {
        stub.answer(Answer.json(200, "{\"sub\":\"u\",\"tnt_id\":\"t\",\"app_id\":\"a\",\"idp_name\":\"i\"}"));
        UserInfo info = client().userInfo("access-token");
        assertNull(info.email());
        assertNull(info.emailVerified());
        assertEquals(List.of(), info.roles());
    }

    @Test
    void userInfoWithoutSubIsRejected() {
        stub.answer(Answer.json(200, "{\"tnt_id\":\"t\",\"app_id\":\"a\",\"idp_name\":\"i\"}"));
        WristbandUnavailableException e = assertThrows(WristbandUnavailableException.class,
                () -> client().userInfo("access-token"));
        assertEquals("Invalid userinfo response: missing sub claim", e.description());
    }

    @Test
    void userInfoWithNonStringTenantIsRejected() {
        stub.answer(Answer.json(200, "{\"sub\":\"u\",\"tnt_id\":7,\"app_id\":\"a\",\"idp_name\":\"i\"}"));
        WristbandUnavailableException e = assertThrows(WristbandUnavailableException.class,
                () -> client().userInfo("access-token"));
        assertEquals("Invalid userinfo response: missing tnt_id claim", e.description());
    }

    @Test
    void userInfoUnauthorizedIsUnavailable() {
        stub.answer(Answer.json(401, "{\"error\":\"invalid_token\"}"));
        assertThrows(WristbandUnavailableException.class, () -> client().userInfo("access-token"));
    }

    // ---- jwks

    @Test
    void jwksReturnsTheDocument() {
        String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"k\"}]}";
        stub.answer(Answer.json(200, jwks));
        assertEquals(jwks, client().jwks());
        assertEquals("GET /api/v1/oauth2/jwks", stub.only().requestLine());
        assertNull(stub.only().header("Authorization"));
    }

    @Test
    void jwksWithoutKeysIsUnavailable() {
        stub.answer(Answer.json(200, "{}"));
        assertThrows(WristbandUnavailableException.class, () -> client().jwks());
    }

    @Test
    void jwksServerErrorIsUnavailable() {
        stub.answer(Answer.json(500, "{}"));
        assertThrows(WristbandUnavailableException.class, () -> client().jwks());
    }

    // ---- sdk configuration

    @Test
    void sdkConfigurationIsFetchedWithoutCredentials() {
        stub.answer(Answer.json(200, "{\"loginUrl\":\"https://app.example/login\"}"));
        client().sdkConfiguration();
        Recorded request = stub.only();
        assertEquals("GET /api/v1/clients/client-id/sdk-configuration", request.requestLine());
        assertNull(request.header("Authorization"));
        assertEquals("application/json;charset=UTF-8", request.header("Accept"));
    }

    @Test
    void sdkConfigurationIsMapped() {
        stub.answer(Answer.json(200, "{\"loginUrl\":\"https://{tenant_name}.app.example/login\","
                + "\"redirectUri\":\"https://{tenant_name}.app.example/callback\","
                + "\"loginUrlTenantDomainSuffix\":\"app.example\",\"customApplicationLoginPageUrl\":\"https://x\","
                + "\"isApplicationCustomDomainActive\":true}"));
        assertEquals(new SdkConfiguration("https://{tenant_name}.app.example/login",
                "https://{tenant_name}.app.example/callback", "app.example", "https://x", true),
                client().sdkConfiguration());
    }

    @Test
    void sdkConfigurationNullsStayNull() {
        stub.answer(Answer.json(200, "{\"loginUrl\":\"https://app.example/login\",\"redirectUri\":null,"
                + "\"loginUrlTenantDomainSuffix\":null,\"customApplicationLoginPageUrl\":null,"
                + "\"isApplicationCustomDomainActive\":null}"));
        assertEquals(new SdkConfiguration("https://app.example/login", null, null, null, false),
                client().sdkConfiguration());
    }

    @Test
    void sdkConfigurationWithWrongTypeIsUnavailable() {
        stub.answer(Answer.json(200, "{\"loginUrl\":5}"));
        assertThrows(WristbandUnavailableException.class, () -> client().sdkConfiguration());
    }

    @Test
    void sdkConfigurationServerErrorIsUnavailableAfterOneAttempt() {
        stub.always(Answer.json(500, "{}"));
        WristbandException e = assertThrows(WristbandException.class, () -> client().sdkConfiguration());
        assertInstanceOf(WristbandUnavailableException.class, e);
        assertEquals(1, stub.count());
    }
}
