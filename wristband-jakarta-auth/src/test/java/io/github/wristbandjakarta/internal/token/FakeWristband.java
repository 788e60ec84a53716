package io.github.wristbandjakarta.internal.token;

import io.github.wristbandjakarta.internal.config.ConfigKey;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.wristbandjakarta.internal.config.WristbandConfig;
import io.github.wristbandjakarta.internal.config.WristbandConfigLoader;
import io.github.wristbandjakarta.api.WristbandCallObserver;
import io.github.wristbandjakarta.internal.wristband.WristbandClient;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Test helper shared by the login, token and security tests: a real HTTP server on 127.0.0.1 standing in for
 * Wristband's token, userinfo, revoke and JWKS endpoints, answering queued responses per path and recording
 * every request; plus real RS256 ID tokens signed with a jose4j RSA key whose public half the JWKS serves.
 */
public final class FakeWristband implements AutoCloseable {

    public static final String CLIENT_ID = "clientId";
    public static final String CLIENT_SECRET = "clientSecret";
    public static final String LOGIN_STATE_SECRET = "7ffdbecc-ab7d-4134-9307-2dfcc52f7475";
    public static final String TOKEN = "/api/v1/oauth2/token";
    public static final String USERINFO = "/api/v1/oauth2/userinfo";
    public static final String REVOKE = "/api/v1/oauth2/revoke";
    public static final String JWKS = "/api/v1/oauth2/jwks";
    public static final String USER_ID = "5q6j4qe2cva3dm3cbdvjoxvuze";
    public static final String TENANT_ID = "fr2vishnqjdvfbcijxa3a4adhe";

    public record Answer(int status, String body, long delayMillis) {
        public static Answer json(int status, String body) {
            return new Answer(status, body, 0);
        }

        public Answer delayed(long millis) {
            return new Answer(status, body, millis);
        }
    }

    public record Recorded(String method, String path, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, ConcurrentLinkedQueue<Answer>> queued = new ConcurrentHashMap<>();
    private final Map<String, Answer> fallback = new ConcurrentHashMap<>();
    public final List<Recorded> requests = new CopyOnWriteArrayList<>();
    /** The keys the JWKS endpoint publishes; tokens are signed with {@link #key} unless told otherwise. */
    public final List<RsaJsonWebKey> published = new CopyOnWriteArrayList<>();
    public final RsaJsonWebKey key;
    /** Generating a 2048-bit key takes a while: one per test run. */
    private static final RsaJsonWebKey SHARED_KEY = newKey("k1");

    public FakeWristband() throws IOException {
        key = SHARED_KEY;
        published.add(key);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
        fallback.put(USERINFO, Answer.json(200, userInfoJson(USER_ID)));
        fallback.put(REVOKE, Answer.json(200, ""));
    }

    public static RsaJsonWebKey newKey(String kid) {
        try {
            RsaJsonWebKey jwk = RsaJwkGenerator.generateJwk(2048);
            jwk.setKeyId(kid);
            jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            jwk.setUse("sig");
            return jwk;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Queues answers for the next requests to {@code path}, in order. */
    public FakeWristband answer(String path, Answer... answers) {
        queued.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>()).addAll(List.of(answers));
        return this;
    }

    /** The answer for {@code path} once its queue is empty. */
    public FakeWristband always(String path, Answer answer) {
        fallback.put(path, answer);
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The application vanity origin as configured, also the ID tokens' issuer. */
    public String origin() {
        return "http://localhost:" + port();
    }

    public List<Recorded> requestsTo(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    public int count(String path) {
        return requestsTo(path).size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String path = exchange.getRequestURI().getRawPath();
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        requests.add(new Recorded(exchange.getRequestMethod(), path, headers, body));
        Answer answer = Optional.ofNullable(queued.get(path)).map(ConcurrentLinkedQueue::poll)
                .orElseGet(() -> path.equals(JWKS) ? Answer.json(200, jwksJson()) : fallback.getOrDefault(path,
                        Answer.json(500, "{\"error\":\"no answer queued\"}")));
        try {
            if (answer.delayMillis() > 0) {
                Thread.sleep(answer.delayMillis());
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up
        } finally {
            exchange.close();
        }
    }

    public String jwksJson() {
        List<JsonWebKey> keys = new ArrayList<>();
        for (RsaJsonWebKey k : published) {
            try {
                keys.add(JsonWebKey.Factory.newJwk(k.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
            } catch (JoseException e) {
                throw new IllegalStateException(e);
            }
        }
        return new JsonWebKeySet(keys).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- configuration pointing at this stub

    /** Auto-configuration off, query-parameter tenants, the client values of docs/protocol.md §10. */
    public Map<String, String> baseConfig() {
        Map<String, String> values = new HashMap<>();
        values.put(ConfigKey.CLIENT_ID.key(), CLIENT_ID);
        values.put(ConfigKey.CLIENT_SECRET.key(), CLIENT_SECRET);
        values.put(ConfigKey.LOGIN_STATE_SECRET.key(), LOGIN_STATE_SECRET);
        values.put(ConfigKey.APPLICATION_VANITY_DOMAIN.key(), origin());
        values.put(ConfigKey.LOGIN_URL.key(), "https://localhost:6001/api/auth/login");
        values.put(ConfigKey.REDIRECT_URI.key(), "https://localhost:6001/api/auth/callback");
        values.put(ConfigKey.AUTO_CONFIGURE_ENABLED.key(), "false");
        values.put(ConfigKey.HTTP_REQUEST_TIMEOUT.key(), "5");
        return values;
    }

    public static WristbandConfig config(Map<String, String> values) {
        return WristbandConfigLoader.load(key -> Optional.ofNullable(values.get(key)), values.keySet());
    }

    public static WristbandClient client(WristbandConfig config) {
        return new WristbandClient(config, HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build(), WristbandCallObserver.NONE);
    }

    // ---- answers

    public static String tokenJson(String accessToken, String idToken, String refreshToken, long expiresIn) {
        StringBuilder json = new StringBuilder("{\"access_token\":\"").append(accessToken).append('"');
        if (idToken != null) {
            json.append(",\"id_token\":\"").append(idToken).append('"');
        }
        if (refreshToken != null) {
            json.append(",\"refresh_token\":\"").append(refreshToken).append('"');
        }
        return json.append(",\"expires_in\":").append(expiresIn).append(",\"token_type\":\"bearer\"}").toString();
    }

    public static String userInfoJson(String sub) {
        return "{\"sub\":\"" + sub + "\",\"tnt_id\":\"" + TENANT_ID + "\",\"app_id\":\"app\",\"idp_name\":\"wristband\","
                + "\"email\":\"user@example.com\",\"email_verified\":true,"
                + "\"roles\":[{\"id\":\"r1\",\"name\":\"app:invotastic:admin\",\"display_name\":\"Admin\"}]}";
    }

    // ---- ID tokens

    /** The claims of a valid ID token at {@code now}: iss, aud, sub, nonce, iat, exp (+1 h). */
    public JwtClaims claims(String sub, String nonce, Instant now) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(origin());
        claims.setAudience(CLIENT_ID);
        if (sub != null) {
            claims.setSubject(sub);
        }
        if (nonce != null) {
            claims.setClaim("nonce", nonce);
        }
        claims.setIssuedAt(NumericDate.fromMilliseconds(now.toEpochMilli()));
        claims.setExpirationTime(NumericDate.fromMilliseconds(now.plusSeconds(3600).toEpochMilli()));
        claims.setClaim("tnt_id", TENANT_ID);
        return claims;
    }

    public String idToken(String sub, String nonce, Instant now) {
        return sign(claims(sub, nonce, now), key, key.getKeyId());
    }

    public String idToken(String sub, String nonce, Instant now, Consumer<JwtClaims> change) {
        JwtClaims claims = claims(sub, nonce, now);
        change.accept(claims);
        return sign(claims, key, key.getKeyId());
    }

    /** RS256 with {@code signer}'s private key; no kid header when {@code kid} is null. */
    public static String sign(JwtClaims claims, RsaJsonWebKey signer, String kid) {
        return sign(claims, signer, kid, null);
    }

    /** The same with header {@code typ}, when not null ({@code at+JWT} for an access token, RFC 9068 §2.1). */
    public static String sign(JwtClaims claims, RsaJsonWebKey signer, String kid, String typ) {
        JsonWebSignature jws = new JsonWebSignature();
        if (typ != null) {
            jws.setHeader("typ", typ);
        }
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKey(signer.getPrivateKey());
        if (kid != null) {
            jws.setKeyIdHeaderValue(kid);
        }
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A clock that tests move by hand. */
    public static final class MutableClock extends Clock {
        private volatile Instant now;

        public MutableClock(Instant now) {
            this.now = now;
        }

        public void advance(Duration duration) {
            now = now.plus(duration);
        }

        public void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
