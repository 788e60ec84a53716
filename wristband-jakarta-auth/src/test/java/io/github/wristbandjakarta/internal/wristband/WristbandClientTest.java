package io.github.wristbandjakarta.internal.wristband;

import io.github.wristbandjakarta.emulator.Endpoint;
import io.github.wristbandjakarta.emulator.ScriptedAnswer;
import io.github.wristbandjakarta.emulator.RecordedRequest;
import io.github.wristbandjakarta.emulator.WristbandEmulator;
import io.github.wristbandjakarta.testing.Emulators;
import io.github.wristbandjakarta.testing.TestConfig;
import io.github.wristbandjakarta.api.WristbandCallObserver;

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

import static io.github.wristbandjakarta.testing.Emulators.always;
import static io.github.wristbandjakarta.testing.Emulators.onlyRequest;
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

    private WristbandEmulator wristband;
    private Map<String, String> values;
    private RecordingSleeper sleeper;

    @BeforeEach
    void start() throws IOException {
        wristband = Emulators.start("client-id", "client-secret");
        values = TestConfig.clientConfig(wristband);
        sleeper = new RecordingSleeper();
    }

    @AfterEach
    void stop() {
        wristband.close();
    }

    private WristbandClient client() {
        return new WristbandClient(TestConfig.config(values), TestConfig.httpClient(), sleeper,
                WristbandCallObserver.NONE);
    }



    /** The application origin the client is configured with. */
    private String origin() {
        return "http://127.0.0.1:" + wristband.port();
    }

    private TokenResponse exchange() {
        return client().exchangeAuthorizationCode("code", REDIRECT_URI, "codeVerifier");
    }

    // ---- code exchange

    @Test
    void codeExchangePostsFormWithBasicAuth() {
        wristband.script(Endpoint.TOKEN_CODE, ScriptedAnswer.json(200, TOKENS));
        exchange();
        RecordedRequest request = onlyRequest(wristband);
        assertEquals("POST /api/v1/oauth2/token", request.requestLine());
        assertEquals(BASIC, request.header("Authorization"));
        assertEquals("application/json;charset=UTF-8", request.header("Accept"));
        assertEquals("application/x-www-form-urlencoded", request.header("Content-Type"));
        assertEquals("grant_type=authorization_code&code=code&redirect_uri=https%3A%2F%2Fapp.example%2Fcallback"
                + "&code_verifier=codeVerifier", request.body());
    }

    @Test
    void codeExchangeMapsTokenResponse() {
        wristband.script(Endpoint.TOKEN_CODE, ScriptedAnswer.json(200, TOKENS));
        TokenResponse tokens = exchange();
        assertEquals("access", tokens.accessToken());
        assertEquals("id", tokens.idToken());
        assertEquals("refresh", tokens.refreshToken());
        assertEquals(1800, tokens.expiresInSeconds());
    }

    @Test
    void codeExchangeWithoutOptionalTokensGivesNulls() {
        wristband.script(Endpoint.TOKEN_CODE, ScriptedAnswer.json(200, "{\"access_token\":\"access\",\"expires_in\":1800}"));
        TokenResponse tokens = exchange();
        assertNull(tokens.idToken());
        assertNull(tokens.refreshToken());
    }

    @Test
    void formValuesAreEncoded() {
        wristband.script(Endpoint.TOKEN_CODE, ScriptedAnswer.json(200, TOKENS));
        client().exchangeAuthorizationCode("a+b&c=d é", REDIRECT_URI, "v");
        assertTrue(onlyRequest(wristband).body().contains("&code=a%2Bb%26c%3Dd+%C3%A9&"), onlyRequest(wristband).body());
    }

    @Test
    void basicCredentialsAreUtf8() {
        values.put("wristband.client-secret", "sécret:x");
        wristband.script(Endpoint.TOKEN_CODE, ScriptedAnswer.json(200, TOKENS));
        exchange();
        assertEquals("Basic " + Base64.getEncoder().encodeToString("client-id:sécret:x".getBytes(StandardCharsets.UTF_8)),
                onlyRequest(wristband).header("Authorization"));
    }

    @Test
    void codeExchangeInvalidGrantThrowsInvalidGrant() {
        wristband.script(Endpoint.TOKEN_CODE, ScriptedAnswer.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Code expired\"}"));
        InvalidGrantException e = assertThrows(InvalidGrantException.class, this::exchange);
        assertEquals("invalid_grant", e.code());
        assertEquals("Code expired", e.description());
    }

    @Test
    void codeExchangeOtherClientErrorIsUnexpectedError() {
        wristband.script(Endpoint.TOKEN_CODE, ScriptedAnswer.json(401, "{\"error\":\"invalid_client\"}"));
        WristbandException e = assertThrows(WristbandException.class, this::exchange);
        assertFalse(e instanceof WristbandUnavailableException);
        assertFalse(e instanceof InvalidGrantException);
        assertEquals("unexpected_error", e.code());
    }

    @Test
    void codeExchange400OtherThanInvalidGrantIsUnexpectedError() {
        wristband.script(Endpoint.TOKEN_CODE, ScriptedAnswer.json(400, "{\"error\":\"invalid_request\"}"));
        WristbandException e = assertThrows(WristbandException.class, this::exchange);
        assertFalse(e instanceof InvalidGrantException);
        assertEquals("unexpected_error", e.code());
    }

    @Test
    void codeExchangeServerErrorIsUnavailable() {
        wristband.script(Endpoint.TOKEN_CODE, ScriptedAnswer.json(503, "{}"));
        assertThrows(WristbandUnavailableException.class, this::exchange);
        assertEquals(1, wristband.requests().size());
    }

    @Test
    void codeExchangeGarbageBodyIsUnavailable() {
        wristband.script(Endpoint.TOKEN_CODE, new ScriptedAnswer(200, "<html>hello</html>", null, Map.of(), Duration.ofMillis(0)));
        assertThrows(WristbandUnavailableException.class, this::exchange);
    }

    @Test
    void codeExchangeEmptyBodyIsUnavailable() {
        wristband.script(Endpoint.TOKEN_CODE, new ScriptedAnswer(200, "", null, Map.of(), Duration.ofMillis(0)));
        assertThrows(WristbandUnavailableException.class, this::exchange);
    }

    @Test
    void tokenResponseWithoutAccessTokenIsUnavailable() {
        wristband.script(Endpoint.TOKEN_CODE, ScriptedAnswer.json(200, "{\"expires_in\":1800}"));
        assertThrows(WristbandUnavailableException.class, this::exchange);
    }

    @Test
    void tokenResponseWithNonStringAccessTokenIsUnavailable() {
        wristband.script(Endpoint.TOKEN_CODE, ScriptedAnswer.json(200, "{\"access_token\":42,\"expires_in\":1800}"));
        assertThrows(WristbandUnavailableException.class, this::exchange);
    }

    @Test
    void tokenResponseWithNonNumericExpiresInIsUnavailable() {
        wristband.script(Endpoint.TOKEN_CODE, ScriptedAnswer.json(200, "{\"access_token\":\"a\",\"expires_in\":\"1800\"}"));
        assertThrows(WristbandUnavailableException.class, this::exchange);
    }

    @Test
    void redirectIsNotFollowedAndIsAFailure() {
        wristband.script(Endpoint.TOKEN_CODE, ScriptedAnswer.empty(302).withHeader("Location", origin() + "/elsewhere"));
        assertThrows(WristbandUnavailableException.class, this::exchange);
        assertEquals(1, wristband.requests().size());
    }

    @Test
    void requestTimeoutIsUnavailableQuickly() {
        values.put("wristband.http.request-timeout", "1");
        wristband.script(Endpoint.TOKEN_CODE, new ScriptedAnswer(200, TOKENS, null, Map.of(), Duration.ofMillis(3000)));
        long start = System.nanoTime();
        assertThrows(WristbandUnavailableException.class, this::exchange);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(Duration.ofMillis(2500)) < 0, "took " + took);
    }

    @Test
    void connectionRefusedIsUnavailable() {
        wristband.close();
        assertThrows(WristbandUnavailableException.class, this::exchange);
    }

    @Test
    void errorMessagesContainNoCodeOrVerifier() {
        wristband.script(Endpoint.TOKEN_CODE, ScriptedAnswer.json(401, "{\"error\":\"invalid_client\",\"error_description\":\"bad client\"}"));
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
        wristband.script(Endpoint.TOKEN_CODE, ScriptedAnswer.json(200, TOKENS));
        new WristbandClient(TestConfig.config(values), TestConfig.httpClient(), sleeper, observer)
                .exchangeAuthorizationCode("code", REDIRECT_URI, "codeVerifier");

        assertEquals(List.of("token POST /api/v1/oauth2/token " + origin() + "/api/v1/oauth2/token -> 200"),
                observer.told);
    }

    @Test
    void theObserverIsToldTheSdkConfigurationPathWithItsClientIdNamed() {
        RecordingObserver observer = new RecordingObserver();
        wristband.script(Endpoint.SDK_CONFIGURATION, ScriptedAnswer.json(200, "{\"loginUrl\":\"https://app.example/login\"}"));
        new WristbandClient(TestConfig.config(values), TestConfig.httpClient(), sleeper, observer)
                .sdkConfiguration();

        assertEquals(List.of("sdk-configuration GET /api/v1/clients/{clientId}/sdk-configuration " + origin()
                + "/api/v1/clients/client-id/sdk-configuration -> 200"), observer.told);
    }

    @Test
    void theObserverIsToldOfEveryAttemptOfARefresh() {
        RecordingObserver observer = new RecordingObserver();
        wristband.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(503, "{}"), ScriptedAnswer.json(200, TOKENS));
        new WristbandClient(TestConfig.config(values), TestConfig.httpClient(), sleeper, observer)
                .refresh("refresh");

        assertEquals(List.of(" -> 503", " -> 200"), observer.told.stream()
                .map(line -> line.substring(line.indexOf(" -> "))).toList());
    }

    @Test
    void theObserverIsToldOfACallThatGotNoAnswer() {
        RecordingObserver observer = new RecordingObserver();
        String origin = origin();
        wristband.close();
        assertThrows(WristbandUnavailableException.class, () -> new WristbandClient(TestConfig.config(values),
                TestConfig.httpClient(), sleeper, observer).jwks());

        assertEquals(List.of("jwks GET /api/v1/oauth2/jwks " + origin + "/api/v1/oauth2/jwks -> ConnectException"),
                observer.told);
    }

    @Test
    void anObserverThatFailsChangesNothingAboutTheCall() {
        wristband.script(Endpoint.TOKEN_CODE, ScriptedAnswer.json(200, TOKENS));
        WristbandCallObserver failing = (endpoint, method, template, url) -> {
            throw new IllegalStateException("observer down");
        };
        TokenResponse tokens = new WristbandClient(TestConfig.config(values), TestConfig.httpClient(), sleeper,
                failing).exchangeAuthorizationCode("code", REDIRECT_URI, "codeVerifier");

        assertEquals("access", tokens.accessToken());
    }

    // ---- refresh (docs/protocol.md §7.2, §8.5)

    @Test
    void refreshPostsRefreshGrantWithBasicAuth() {
        wristband.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(200, TOKENS));
        client().refresh("refresh/token+1");
        RecordedRequest request = onlyRequest(wristband);
        assertEquals("POST /api/v1/oauth2/token", request.requestLine());
        assertEquals(BASIC, request.header("Authorization"));
        assertEquals("application/x-www-form-urlencoded", request.header("Content-Type"));
        assertEquals("application/json;charset=UTF-8", request.header("Accept"));
        assertEquals("grant_type=refresh_token&refresh_token=refresh%2Ftoken%2B1", request.body());
    }

    @Test
    void refreshSucceedsAfterTwoServerErrors() {
        wristband.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(500, "{}"), ScriptedAnswer.json(502, "{}"), ScriptedAnswer.json(200, TOKENS));
        TokenResponse tokens = client().refresh("refresh");
        assertEquals("access", tokens.accessToken());
        assertEquals(3, wristband.requests().size());
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), sleeper.pauses());
    }

    @Test
    void refreshGivesUpAfterThreeServerErrors() {
        always(wristband, Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(500, "{}"));
        WristbandUnavailableException e = assertThrows(WristbandUnavailableException.class,
                () -> client().refresh("refresh"));
        assertEquals("unexpected_error", e.code());
        assertEquals("Unexpected Error", e.description());
        assertEquals(3, wristband.requests().size());
        assertEquals(2, sleeper.pauses().size());
    }

    @Test
    void refreshRetriesGarbageBodies() {
        wristband.script(Endpoint.TOKEN_REFRESH, new ScriptedAnswer(200, "not json", null, Map.of(), Duration.ofMillis(0)), ScriptedAnswer.json(200, TOKENS));
        assertEquals("access", client().refresh("refresh").accessToken());
        assertEquals(2, wristband.requests().size());
    }

    @Test
    void refreshInvalidGrantStopsAtOnce() {
        always(wristband, Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Token revoked\"}"));
        InvalidGrantException e = assertThrows(InvalidGrantException.class, () -> client().refresh("refresh"));
        assertEquals("invalid_grant", e.code());
        assertEquals("Token revoked", e.description());
        assertEquals(1, wristband.requests().size());
        assertTrue(sleeper.pauses().isEmpty());
    }

    @Test
    void refreshInvalidClientStopsAtOnceWithItsDescription() {
        always(wristband, Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(401, "{\"error\":\"invalid_client\",\"error_description\":\"Client unknown\"}"));
        WristbandException e = assertThrows(WristbandException.class, () -> client().refresh("refresh"));
        assertEquals("invalid_refresh_token", e.code());
        assertEquals("Client unknown", e.description());
        assertEquals(1, wristband.requests().size());
    }

    @Test
    void refresh400WithoutDescriptionIsInvalidRefreshToken() {
        always(wristband, Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(400, "{\"error\":\"invalid_request\"}"));
        WristbandException e = assertThrows(WristbandException.class, () -> client().refresh("refresh"));
        assertFalse(e instanceof InvalidGrantException);
        assertEquals("invalid_refresh_token", e.code());
        assertEquals("Invalid Refresh Token", e.description());
        assertEquals(1, wristband.requests().size());
    }

    @Test
    void refreshErrorMessageContainsNoToken() {
        always(wristband, Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(500, "{}"));
        WristbandException e = assertThrows(WristbandException.class, () -> client().refresh("the-refresh-token"));
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains("the-refresh-token"));
        }
    }

    // ---- revoke

    @Test
    void revokePostsTokenWithBasicAuth() {
        wristband.script(Endpoint.REVOKE, new ScriptedAnswer(200, "", null, Map.of(), Duration.ofMillis(0)));
        client().revoke("refresh-token");
        RecordedRequest request = onlyRequest(wristband);
        assertEquals("POST /api/v1/oauth2/revoke", request.requestLine());
        assertEquals(BASIC, request.header("Authorization"));
        assertEquals("application/x-www-form-urlencoded", request.header("Content-Type"));
        assertEquals("token=refresh-token", request.body());
    }

    @Test
    void revokeFailureThrows() {
        wristband.script(Endpoint.REVOKE, ScriptedAnswer.json(401, "{\"error\":\"invalid_client\"}"));
        assertThrows(WristbandException.class, () -> client().revoke("refresh-token"));
    }

    @Test
    void revokeServerErrorIsUnavailable() {
        wristband.script(Endpoint.REVOKE, ScriptedAnswer.json(500, "{}"));
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
        wristband.script(Endpoint.USERINFO, ScriptedAnswer.json(200, USERINFO));
        client().userInfo("access-token");
        RecordedRequest request = onlyRequest(wristband);
        assertEquals("GET /api/v1/oauth2/userinfo", request.requestLine());
        assertEquals("Bearer access-token", request.header("Authorization"));
        assertEquals("application/json;charset=UTF-8", request.header("Accept"));
    }

    @Test
    void userInfoIsMapped() {
        wristband.script(Endpoint.USERINFO, ScriptedAnswer.json(200, USERINFO));
        UserInfo info = client().userInfo("access-token");
        assertEquals(new UserInfo("user", "tenant", "app", "wristband", "a@b.example", true, "Ann Bee", "Ann", "Bee",
                "annb", List.of(new Role("r1", "app:x:admin", "Admin"), new Role("r2", "app:x:viewer", "Viewer"))),
                info);
    }

    @Test
    void userInfoWithOnlyRequiredClaimsHasNullsAndNoRoles() {
        wristband.script(Endpoint.USERINFO, ScriptedAnswer.json(200, "{\"sub\":\"u\",\"tnt_id\":\"t\",\"app_id\":\"a\",\"idp_name\":\"i\"}"));
        UserInfo info = client().userInfo("access-token");
        assertNull(info.email());
        assertNull(info.emailVerified());
        assertEquals(List.of(), info.roles());
    }

    @Test
    void userInfoWithoutSubIsRejected() {
        wristband.script(Endpoint.USERINFO, ScriptedAnswer.json(200, "{\"tnt_id\":\"t\",\"app_id\":\"a\",\"idp_name\":\"i\"}"));
        WristbandUnavailableException e = assertThrows(WristbandUnavailableException.class,
                () -> client().userInfo("access-token"));
        assertEquals("Invalid userinfo response: missing sub claim", e.description());
    }

    @Test
    void userInfoWithNonStringTenantIsRejected() {
        wristband.script(Endpoint.USERINFO, ScriptedAnswer.json(200, "{\"sub\":\"u\",\"tnt_id\":7,\"app_id\":\"a\",\"idp_name\":\"i\"}"));
        WristbandUnavailableException e = assertThrows(WristbandUnavailableException.class,
                () -> client().userInfo("access-token"));
        assertEquals("Invalid userinfo response: missing tnt_id claim", e.description());
    }

    @Test
    void userInfoUnauthorizedIsUnavailable() {
        wristband.script(Endpoint.USERINFO, ScriptedAnswer.json(401, "{\"error\":\"invalid_token\"}"));
        assertThrows(WristbandUnavailableException.class, () -> client().userInfo("access-token"));
    }

    // ---- jwks

    @Test
    void jwksReturnsTheDocument() {
        String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"k\"}]}";
        wristband.script(Endpoint.JWKS, ScriptedAnswer.json(200, jwks));
        assertEquals(jwks, client().jwks());
        assertEquals("GET /api/v1/oauth2/jwks", onlyRequest(wristband).requestLine());
        assertNull(onlyRequest(wristband).header("Authorization"));
    }

    @Test
    void jwksWithoutKeysIsUnavailable() {
        wristband.script(Endpoint.JWKS, ScriptedAnswer.json(200, "{}"));
        assertThrows(WristbandUnavailableException.class, () -> client().jwks());
    }

    @Test
    void jwksServerErrorIsUnavailable() {
        wristband.script(Endpoint.JWKS, ScriptedAnswer.json(500, "{}"));
        assertThrows(WristbandUnavailableException.class, () -> client().jwks());
    }

    // ---- sdk configuration

    @Test
    void sdkConfigurationIsFetchedWithoutCredentials() {
        wristband.script(Endpoint.SDK_CONFIGURATION, ScriptedAnswer.json(200, "{\"loginUrl\":\"https://app.example/login\"}"));
        client().sdkConfiguration();
        RecordedRequest request = onlyRequest(wristband);
        assertEquals("GET /api/v1/clients/client-id/sdk-configuration", request.requestLine());
        assertNull(request.header("Authorization"));
        assertEquals("application/json;charset=UTF-8", request.header("Accept"));
    }

    @Test
    void sdkConfigurationIsMapped() {
        wristband.script(Endpoint.SDK_CONFIGURATION, ScriptedAnswer.json(200, "{\"loginUrl\":\"https://{tenant_name}.app.example/login\","
                + "\"redirectUri\":\"https://{tenant_name}.app.example/callback\","
                + "\"loginUrlTenantDomainSuffix\":\"app.example\",\"customApplicationLoginPageUrl\":\"https://x\","
                + "\"isApplicationCustomDomainActive\":true}"));
        assertEquals(new SdkConfiguration("https://{tenant_name}.app.example/login",
                "https://{tenant_name}.app.example/callback", "app.example", "https://x", true),
                client().sdkConfiguration());
    }

    @Test
    void sdkConfigurationNullsStayNull() {
        wristband.script(Endpoint.SDK_CONFIGURATION, ScriptedAnswer.json(200, "{\"loginUrl\":\"https://app.example/login\",\"redirectUri\":null,"
                + "\"loginUrlTenantDomainSuffix\":null,\"customApplicationLoginPageUrl\":null,"
                + "\"isApplicationCustomDomainActive\":null}"));
        assertEquals(new SdkConfiguration("https://app.example/login", null, null, null, false),
                client().sdkConfiguration());
    }

    @Test
    void sdkConfigurationWithWrongTypeIsUnavailable() {
        wristband.script(Endpoint.SDK_CONFIGURATION, ScriptedAnswer.json(200, "{\"loginUrl\":5}"));
        assertThrows(WristbandUnavailableException.class, () -> client().sdkConfiguration());
    }

    @Test
    void sdkConfigurationServerErrorIsUnavailableAfterOneAttempt() {
        always(wristband, Endpoint.SDK_CONFIGURATION, ScriptedAnswer.json(500, "{}"));
        WristbandException e = assertThrows(WristbandException.class, () -> client().sdkConfiguration());
        assertInstanceOf(WristbandUnavailableException.class, e);
        assertEquals(1, wristband.requests().size());
    }
}
