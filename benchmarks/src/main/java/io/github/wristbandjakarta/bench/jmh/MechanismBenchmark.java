package io.github.wristbandjakarta.bench.jmh;

import io.github.wristbandjakarta.internal.config.ConfigKey;
import io.github.wristbandjakarta.internal.config.WristbandConfig;
import io.github.wristbandjakarta.internal.config.WristbandConfigLoader;
import io.github.wristbandjakarta.internal.events.WristbandEvents;
import io.github.wristbandjakarta.api.UnauthenticatedRequests;
import io.github.wristbandjakarta.internal.security.WristbandAuthenticationMechanism;
import io.github.wristbandjakarta.internal.session.CsrfProtection;
import io.github.wristbandjakarta.internal.session.SessionSeal;
import io.github.wristbandjakarta.internal.session.SessionStore;
import io.github.wristbandjakarta.internal.session.SignIns;
import io.github.wristbandjakarta.internal.session.WristbandSession;
import io.github.wristbandjakarta.internal.token.AccessTokenValidator;
import io.github.wristbandjakarta.internal.token.IdTokenValidator;
import io.github.wristbandjakarta.internal.token.JwksCache;
import io.github.wristbandjakarta.internal.token.TokenRefresher;
import io.github.wristbandjakarta.internal.token.TokenSet;
import io.github.wristbandjakarta.api.WristbandCallObserver;
import io.github.wristbandjakarta.internal.wristband.WristbandClient;
import jakarta.security.enterprise.AuthenticationStatus;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The per-request hot path: {@link WristbandAuthenticationMechanism#validateRequest} for a signed-in user with
 * valid tokens (an API call with its CSRF header, and a page), and for a public request without a session.
 *
 * <p>The sign-in is sealed (SessionSeal). {@code validSessionApi} meets a sealed value this node has opened before (an
 * in-memory session); {@code validSessionApiFirstOnNode} decrypts it on every call, as a node does for a value that
 * arrived by replication: the difference is the most the seal adds to a request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MechanismBenchmark {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final String CSRF = "0123456789abcdef0123456789abcdef";

    private WristbandAuthenticationMechanism mechanism;
    private WristbandAuthenticationMechanism otherNode;
    private boolean turn;
    private BenchFakes.Request apiRequest;
    private BenchFakes.Request pageRequest;
    private BenchFakes.Request publicRequest;
    private final BenchFakes.Response response = new BenchFakes.Response();
    private final BenchFakes.Context protectedContext = new BenchFakes.Context(true);
    private final BenchFakes.Context publicContext = new BenchFakes.Context(false);

    static WristbandConfig config() {
        Map<String, String> values = new HashMap<>();
        values.put(ConfigKey.CLIENT_ID.key(), "bench-client");
        values.put(ConfigKey.CLIENT_SECRET.key(), "bench-client-secret-0123456789abcdef");
        values.put(ConfigKey.APPLICATION_VANITY_DOMAIN.key(), "http://localhost:9");
        values.put(ConfigKey.LOGIN_URL.key(), "https://app.example/app/api/auth/login");
        values.put(ConfigKey.REDIRECT_URI.key(), "https://app.example/app/api/auth/callback");
        values.put(ConfigKey.AUTO_CONFIGURE_ENABLED.key(), "false");
        values.put(ConfigKey.ROLE_MAPPING.key(), "app:demo:admin=admin, app:demo:user=user");
        return WristbandConfigLoader.load(key -> Optional.ofNullable(values.get(key)), values.keySet());
    }

    /** A session as the callback stores it, with tokens of the emulator's sizes, valid for an hour. */
    static WristbandSession session() {
        String accessToken = "eyJ" + "a".repeat(860);
        return new WristbandSession("f4blqjz2xhaw5dvm7keu3nrcoi", "dv5ytenant2xq6ko3mzhwf7jpa", "devs4you", null,
                "wristband", "alice@devs4you.example", List.of("app:demo:admin", "app:demo:user"),
                new TokenSet(accessToken, "r".repeat(43), NOW.plusSeconds(3600)), CSRF, NOW.minusSeconds(60));
    }

    private static WristbandAuthenticationMechanism mechanism(WristbandConfig config, SessionStore store,
                                                              TokenRefresher refresher, JwksCache jwks, Clock clock) {
        CsrfProtection csrf = new CsrfProtection(config, new SecureRandom());
        return new WristbandAuthenticationMechanism(config,
                new SignIns(config, store, refresher, csrf, WristbandEvents.NONE, clock),
                new AccessTokenValidator(config, jwks, clock), csrf, WristbandEvents.NONE, (UnauthenticatedRequests) null);
    }

    @Setup
    public void setUp() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        WristbandConfig config = config();
        WristbandClient client = new WristbandClient(config, HttpClient.newHttpClient(), WristbandCallObserver.NONE);
        JwksCache jwks = new JwksCache(client, config.jwksRefreshCooldown(), config.requestTimeout(), clock);
        TokenRefresher refresher = new TokenRefresher(config, client, new IdTokenValidator(config, jwks, clock), clock,
                WristbandEvents.NONE);
        SessionSeal seal = new SessionSeal(config.sessionSecrets(), new SecureRandom());
        mechanism = mechanism(config, new SessionStore(seal), refresher, jwks, clock);
        BenchFakes.Session session = new BenchFakes.Session(SessionStore.ATTRIBUTE, seal.seal(session()));
        apiRequest = new BenchFakes.Request("/api", "/demo/me", session, config.csrfHeaderName(), CSRF);
        pageRequest = new BenchFakes.Request("/pages/profile.xhtml", null, session, config.csrfHeaderName(), null);
        publicRequest = new BenchFakes.Request("/api", "/demo/public", null, config.csrfHeaderName(), null);
        otherNode = mechanism(config,
                new SessionStore(new SessionSeal(config.sessionSecrets(), new SecureRandom())), refresher, jwks, clock);
        check(validSessionApi(), AuthenticationStatus.SUCCESS);
        check(validSessionApiFirstOnNode(), AuthenticationStatus.SUCCESS);
        check(validSessionApiFirstOnNode(), AuthenticationStatus.SUCCESS);
        check(validSessionPage(), AuthenticationStatus.SUCCESS);
        check(publicNoSession(), AuthenticationStatus.NOT_DONE);
    }

    private static void check(AuthenticationStatus actual, AuthenticationStatus expected) {
        if (actual != expected) {
            throw new IllegalStateException("expected " + expected + ", got " + actual);
        }
    }

    @Benchmark
    public AuthenticationStatus validSessionApi() {
        return mechanism.validateRequest(apiRequest, response, protectedContext);
    }

    /**
     * Two mechanisms with SessionSeals of the same secret, taking turns on one request: a sealed value remembers only
     * the opening of the seal that opened it last, so every call decrypts, as a node does for a value that arrived by
     * replication (or from a store that deserializes per request).
     */
    @Benchmark
    public AuthenticationStatus validSessionApiFirstOnNode() {
        WristbandAuthenticationMechanism next = (turn = !turn) ? mechanism : otherNode;
        return next.validateRequest(apiRequest, response, protectedContext);
    }

    @Benchmark
    public AuthenticationStatus validSessionPage() {
        return mechanism.validateRequest(pageRequest, response, protectedContext);
    }

    @Benchmark
    public AuthenticationStatus publicNoSession() {
        return mechanism.validateRequest(publicRequest, response, publicContext);
    }
}
