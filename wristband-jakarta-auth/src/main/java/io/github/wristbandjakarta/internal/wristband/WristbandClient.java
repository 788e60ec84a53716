package io.github.wristbandjakarta.internal.wristband;

import io.github.wristbandjakarta.api.WristbandCallObserver;

import io.github.wristbandjakarta.internal.config.LogSafe;
import io.github.wristbandjakarta.internal.config.WristbandConfig;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.logging.Level;
import java.util.logging.Logger;

import static io.github.wristbandjakarta.internal.wristband.JsonSupport.JSON;

/**
 * The back channel to Wristband's API at the application vanity origin (docs/protocol.md §2.2, §2.6) over the JDK's
 * HttpClient: redirects are never followed, connect and request timeouts come from the configuration,
 * HTTP Basic {@code clientId:clientSecret} on token and revoke, form bodies always form-encoded.
 */
public final class WristbandClient {

    private static final Logger LOG = Logger.getLogger(WristbandClient.class.getName());

    static final String ACCEPT = "application/json;charset=UTF-8";
    static final String FORM = "application/x-www-form-urlencoded";
    /** Attempts of one token refresh (docs/protocol.md §7.2). */
    public static final int REFRESH_ATTEMPTS = 3;

    /** Pauses between retries; replaced in tests so that they stay fast. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    static final Sleeper THREAD_SLEEP = d -> Thread.sleep(d.toMillis());

    /** The path of Wristband's API below the application origin (docs/protocol.md §2.6). */
    private static final String API = "/api/v1";

    /**
     * The endpoints of Wristband's API this client calls: the name observers and messages use, and the path below
     * {@link #API} with its variable part named, as observers are told it ({@link WristbandCallObserver#started}).
     */
    private enum Endpoint {
        TOKEN("token", "/oauth2/token"),
        REVOKE("revoke", "/oauth2/revoke"),
        USERINFO("userinfo", "/oauth2/userinfo"),
        JWKS("jwks", "/oauth2/jwks"),
        SDK_CONFIGURATION("sdk-configuration", "/clients/{clientId}/sdk-configuration");

        final String label;
        final String path;

        Endpoint(String label, String path) {
            this.label = label;
            this.path = path;
        }
    }

    private final HttpClient httpClient;
    private final Sleeper sleeper;
    private final String apiBase;
    private final String basicAuthorization;
    private final String clientId;
    private final Duration requestTimeout;
    private final WristbandCallObserver observer;

    /** @param observer told of every call ({@link WristbandCallObserver}) */
    public WristbandClient(WristbandConfig config, HttpClient httpClient, WristbandCallObserver observer) {
        this(config, httpClient, THREAD_SLEEP, observer);
    }

    /** @param sleeper the pauses between retries: {@link #THREAD_SLEEP} but in tests */
    WristbandClient(WristbandConfig config, HttpClient httpClient, Sleeper sleeper, WristbandCallObserver observer) {
        this.observer = observer;
        this.httpClient = httpClient;
        this.sleeper = sleeper;
        this.apiBase = config.applicationOrigin() + API;
        this.clientId = config.clientId();
        this.requestTimeout = config.requestTimeout();
        this.basicAuthorization = "Basic " + Base64.getEncoder().encodeToString(
                (config.clientId() + ":" + config.clientSecret()).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code grant_type=authorization_code}.
     *
     * @throws InvalidGrantException         400 with {@code error=invalid_grant}
     * @throws WristbandUnavailableException network error, timeout, 5xx, or a body without a string
     *                                       {@code access_token} and a numeric {@code expires_in}
     * @throws WristbandException            any other error answer (code {@code unexpected_error})
     */
    public TokenResponse exchangeAuthorizationCode(String code, String redirectUri, String codeVerifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("code_verifier", codeVerifier);
        HttpResponse<String> response = send(tokenRequest(form), Endpoint.TOKEN);
        int status = response.statusCode();
        if (isSuccess(status)) {
            return parseTokenResponse(response.body());
        }
        if (isClientError(status)) {
            OAuthError error = OAuthError.parse(response.body());
            if (status == 400 && "invalid_grant".equals(error.error())) {
                throw new InvalidGrantException(error.description());
            }
            throw new WristbandException("unexpected_error", "The token endpoint answered " + status
                    + (error.error() == null ? "" : " " + error.error()));
        }
        throw unexpectedStatus(Endpoint.TOKEN, status);
    }

    /**
     * {@code grant_type=refresh_token}, up to 3 attempts (docs/protocol.md §7.2): 5xx/network/garbage wait 100 ms then
     * 200 ms and retry; {@code invalid_grant} stops at once with {@link InvalidGrantException}; any other 4xx
     * stops at once with code {@code invalid_refresh_token} (description from the body or
     * "Invalid Refresh Token"); after the third failure {@link WristbandUnavailableException}.
     */
    public TokenResponse refresh(String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        HttpRequest request = tokenRequest(form);
        WristbandUnavailableException last = null;
        Duration delay = Duration.ofMillis(100);
        for (int attempt = 1; attempt <= REFRESH_ATTEMPTS; attempt++) {
            if (attempt > 1) {
                pause(delay);
                delay = delay.multipliedBy(2);
            }
            try {
                HttpResponse<String> response = send(request, Endpoint.TOKEN);
                int status = response.statusCode();
                if (isSuccess(status)) {
                    return parseTokenResponse(response.body());
                }
                if (isClientError(status)) {
                    OAuthError error = OAuthError.parse(response.body());
                    if (status == 400 && "invalid_grant".equals(error.error())) {
                        throw new InvalidGrantException(error.description());
                    }
                    throw new WristbandException("invalid_refresh_token",
                            error.description() == null ? "Invalid Refresh Token" : error.description());
                }
                throw unexpectedStatus(Endpoint.TOKEN, status);
            } catch (WristbandUnavailableException e) {
                last = e;
                LOG.log(Level.FINE, "Token refresh attempt {0} failed: {1}",
                        new Object[] {attempt, LogSafe.clean(e.getMessage())});
            }
        }
        throw new WristbandUnavailableException("Unexpected Error", last);
    }

    /** POST revoke {@code token={refreshToken}}; throws on any failure (callers log and go on). */
    public void revoke(String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", refreshToken);
        HttpRequest request = request(Endpoint.REVOKE)
                .header("Authorization", basicAuthorization)
                .header("Content-Type", FORM)
                .POST(HttpRequest.BodyPublishers.ofString(FormEncoding.encode(form), StandardCharsets.UTF_8))
                .build();
        int status = send(request, Endpoint.REVOKE).statusCode();
        if (isClientError(status)) {
            throw new WristbandException("unexpected_error", "The revoke endpoint answered " + status);
        }
        if (!isSuccess(status)) {
            throw unexpectedStatus(Endpoint.REVOKE, status);
        }
    }

    /**
     * GET userinfo with the bearer token.
     *
     * @throws WristbandUnavailableException on network error, timeout, non-2xx, garbage, or a missing
     *                                       required claim ({@code sub}, {@code tnt_id}, {@code app_id},
     *                                       {@code idp_name})
     */
    public UserInfo userInfo(String accessToken) {
        HttpRequest request = request(Endpoint.USERINFO)
                .header("Authorization", "Bearer " + accessToken)
                .GET()
                .build();
        HttpResponse<String> response = send(request, Endpoint.USERINFO);
        if (!isSuccess(response.statusCode())) {
            throw unexpectedStatus(Endpoint.USERINFO, response.statusCode());
        }
        JsonObject claims = parseObject(response.body(), Endpoint.USERINFO);
        return new UserInfo(
                    requiredClaim(claims, "sub"),
                    requiredClaim(claims, "tnt_id"),
                    requiredClaim(claims, "app_id"),
                    requiredClaim(claims, "idp_name"),
                    optionalString(claims, "email"),
                    optionalBoolean(claims, "email_verified"),
                    optionalString(claims, "name"),
                    optionalString(claims, "given_name"),
                    optionalString(claims, "family_name"),
                    optionalString(claims, "preferred_username"),
                    roles(claims));
    }

    /** GET the JWKS document as JSON text; {@link WristbandUnavailableException} on any failure. */
    public String jwks() {
        HttpResponse<String> response = send(request(Endpoint.JWKS).GET().build(), Endpoint.JWKS);
        if (!isSuccess(response.statusCode())) {
            throw unexpectedStatus(Endpoint.JWKS, response.statusCode());
        }
        JsonObject document = parseObject(response.body(), Endpoint.JWKS);
        if (!(document.get("keys") instanceof JsonArray)) {
            throw new WristbandUnavailableException("The jwks answer has no keys array", null);
        }
        return response.body();
    }

    /** GET the SDK configuration, no credentials, one attempt; {@link WristbandUnavailableException} on failure. */
    public SdkConfiguration sdkConfiguration() {
        HttpResponse<String> response = send(request(Endpoint.SDK_CONFIGURATION).GET().build(),
                Endpoint.SDK_CONFIGURATION);
        if (!isSuccess(response.statusCode())) {
            throw unexpectedStatus(Endpoint.SDK_CONFIGURATION, response.statusCode());
        }
        JsonObject body = parseObject(response.body(), Endpoint.SDK_CONFIGURATION);
        try {
            JsonValue active = body.get("isApplicationCustomDomainActive");
            return new SdkConfiguration(
                    nullableString(body, "loginUrl"),
                    nullableString(body, "redirectUri"),
                    nullableString(body, "loginUrlTenantDomainSuffix"),
                    nullableString(body, "customApplicationLoginPageUrl"),
                    active != null && active.getValueType() == JsonValue.ValueType.TRUE);
        } catch (ClassCastException e) {
            throw new WristbandUnavailableException("The sdk-configuration answer has a malformed field", e);
        }
    }

    // ---- requests

    private HttpRequest.Builder request(Endpoint endpoint) {
        String path = endpoint.path.replace("{clientId}", pathSegment(clientId));
        return HttpRequest.newBuilder(URI.create(apiBase + path))
                .timeout(requestTimeout)
                .header("Accept", ACCEPT);
    }

    private HttpRequest tokenRequest(Map<String, String> form) {
        return request(Endpoint.TOKEN)
                .header("Authorization", basicAuthorization)
                .header("Content-Type", FORM)
                .POST(HttpRequest.BodyPublishers.ofString(FormEncoding.encode(form), StandardCharsets.UTF_8))
                .build();
    }

    /**
     * Sends, telling the observer; I/O problems and timeouts become {@link WristbandUnavailableException} naming only
     * the endpoint.
     */
    private HttpResponse<String> send(HttpRequest request, Endpoint endpoint) {
        WristbandCallObserver.Call call = started(endpoint, request);
        try {
            HttpResponse<String> response = httpClient.send(request,
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            tell(() -> call.answered(response.statusCode()));
            return response;
        } catch (IOException e) {
            tell(() -> call.failed(e));
            throw new WristbandUnavailableException("The " + endpoint.label + " endpoint could not be reached: "
                    + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            tell(() -> call.failed(e));
            Thread.currentThread().interrupt();
            throw new WristbandUnavailableException("Interrupted while calling the " + endpoint.label + " endpoint",
                    e);
        }
    }

    private WristbandCallObserver.Call started(Endpoint endpoint, HttpRequest request) {
        try {
            return observer.started(endpoint.label, request.method(), API + endpoint.path, request.uri());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "A WristbandCallObserver failed; the call goes on without it", e);
            return WristbandCallObserver.Call.NONE;
        }
    }

    /** An observer that fails changes nothing about the call. */
    private static void tell(Runnable notification) {
        try {
            notification.run();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "A WristbandCallObserver failed; the call goes on without it", e);
        }
    }

    private void pause(Duration delay) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WristbandUnavailableException("Interrupted while waiting to retry", e);
        }
    }

    private static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    private static boolean isClientError(int status) {
        return status >= 400 && status < 500;
    }

    /** 1xx, 3xx (redirects are never followed) and 5xx: Wristband did not answer as its API promises. */
    private static WristbandUnavailableException unexpectedStatus(Endpoint endpoint, int status) {
        return new WristbandUnavailableException("The " + endpoint.label + " endpoint answered " + status, null);
    }

    // ---- JSON

    private static JsonObject parseObject(String body, Endpoint endpoint) {
        try (JsonReader reader = JSON.createReader(new StringReader(body == null ? "" : body))) {
            JsonValue value = reader.readValue();
            if (value instanceof JsonObject object) {
                return object;
            }
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            throw new WristbandUnavailableException("The " + endpoint.label + " answer is not JSON", e);
        }
        throw new WristbandUnavailableException("The " + endpoint.label + " answer is not a JSON object", null);
    }

    private static TokenResponse parseTokenResponse(String body) {
        JsonObject json = parseObject(body, Endpoint.TOKEN);
        if (!(json.get("access_token") instanceof JsonString accessToken) || accessToken.getString().isEmpty()) {
            throw new WristbandUnavailableException("Invalid token response: missing access_token", null);
        }
        if (!(json.get("expires_in") instanceof JsonNumber expiresIn)) {
            throw new WristbandUnavailableException("Invalid token response: missing expires_in", null);
        }
        return new TokenResponse(accessToken.getString(), stringOrNull(json.get("id_token")),
                stringOrNull(json.get("refresh_token")), expiresIn.longValue());
    }

    private static String stringOrNull(JsonValue value) {
        return value instanceof JsonString s && !s.getString().isEmpty() ? s.getString() : null;
    }

    private static String requiredClaim(JsonObject claims, String name) {
        if (claims.get(name) instanceof JsonString s && !s.getString().isBlank()) {
            return s.getString();
        }
        throw new WristbandUnavailableException("Invalid userinfo response: missing " + name + " claim", null);
    }

    /** Optional claims of an unexpected type are dropped rather than failing the login. */
    private static String optionalString(JsonObject claims, String name) {
        return claims.get(name) instanceof JsonString s ? s.getString() : null;
    }

    private static Boolean optionalBoolean(JsonObject claims, String name) {
        JsonValue value = claims.get(name);
        if (value == JsonValue.TRUE) {
            return Boolean.TRUE;
        }
        return value == JsonValue.FALSE ? Boolean.FALSE : null;
    }

    private static List<Role> roles(JsonObject claims) {
        if (!(claims.get("roles") instanceof JsonArray array)) {
            return List.of();
        }
        List<Role> roles = new ArrayList<>();
        for (JsonValue value : array) {
            if (value instanceof JsonObject role) {
                String displayName = optionalString(role, "display_name");
                roles.add(new Role(optionalString(role, "id"), optionalString(role, "name"),
                        displayName != null ? displayName : optionalString(role, "displayName")));
            }
        }
        return roles;
    }

    /** Null for null or absent; a value of another type is a malformed answer. */
    private static String nullableString(JsonObject body, String name) {
        JsonValue value = body.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        return ((JsonString) value).getString();
    }

    private static String pathSegment(String value) {
        // URLEncoder is for forms: a space would become '+', which a path keeps literally.
        return FormEncoding.encode(value).replace("+", "%20");
    }

    /** The OAuth2 error body; both fields null when the body is not one. */
    private record OAuthError(String error, String description) {
        static OAuthError parse(String body) {
            try (JsonReader reader = JSON.createReader(new StringReader(body == null ? "" : body))) {
                if (reader.readValue() instanceof JsonObject json) {
                    return new OAuthError(stringOrNull(json.get("error")), stringOrNull(json.get("error_description")));
                }
            } catch (JsonException | IllegalStateException | NoSuchElementException e) {
                // not an OAuth2 error body
            }
            return new OAuthError(null, null);
        }
    }
}
