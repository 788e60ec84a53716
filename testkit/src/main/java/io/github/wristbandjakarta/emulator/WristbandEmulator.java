package io.github.wristbandjakarta.emulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwt.JwtClaims;

/**
 * An offline emulator of the Wristband endpoints the "Backend Server" integration uses (docs/protocol.md §2.2):
 * authorize with a hosted login page on tenant hosts, token (code + PKCE, refresh) with HTTP Basic client auth,
 * revoke, userinfo, JWKS, logout, sdk-configuration and the application-level login page. Tokens are real RS256
 * JWTs made by a {@link TokenMinter}. Knobs make it misbehave so that failure paths can be tested.
 *
 * <p>Application host: {@code localhost:{port}} (also {@code 127.0.0.1:{port}}). Tenant hosts:
 * {@code {tenant}-localhost:{port}}, or {@code {tenant}.localhost:{port}} when the client has an application custom
 * domain active. The host is taken from the {@code Host} header; the port in it is not checked.
 *
 * <p><b>Scripted mode</b>, for unit tests of a Wristband client: {@link #script} queues one-shot answers per endpoint,
 * given in order before the endpoint's fault and its own behaviour resume; {@link #requests(Endpoint)} returns what
 * was received; {@link #signingKey(RsaJsonWebKey)} and {@link #publishKeys(List)} decide the keys.
 *
 * <p>Test/dev code only.
 */
public final class WristbandEmulator implements AutoCloseable {

    /** The application id put into tokens and userinfo. */
    public static final String APPLICATION_ID = TokenMinter.APPLICATION_ID;

    private static final List<EmulatorUser> DEFAULT_USERS = List.of(
            new EmulatorUser("alice", "f4blqjz2xhaw5dvm7keu3nrcoi", "alice@devs4you.example", "devs4you",
                    "dv5ytenant2xq6ko3mzhwf7jpa", List.of("app:demo:admin", "app:demo:user")),
            new EmulatorUser("bob", "m2q7tpxw5ylgzk4hdo3vcenbra", "bob@devs4you.example", "devs4you",
                    "dv5ytenant2xq6ko3mzhwf7jpa", List.of("app:demo:user")),
            new EmulatorUser("carol", "r7kc3zy2wnfxpa6qhuj4lmetbi", "carol@acme.example", "acme",
                    "ac3metenant7qzxk4wplh2dvga", List.of("app:demo:user")));

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY each answer waits ~40 ms for the
        // client's delayed ACK. The JDK reads this property once, when its first HttpServer is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final EmulatorState state;

    private WristbandEmulator(int port, EmulatorClient client, List<EmulatorUser> users) throws IOException {
        Objects.requireNonNull(client, "client");
        List<EmulatorUser> known = List.copyOf(users);
        if (known.isEmpty()) {
            throw new IllegalArgumentException("at least one user is required");
        }
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 64);
        this.state = new EmulatorState(client, known, server.getAddress().getPort());
        AtomicInteger threadNo = new AtomicInteger();
        // A thread per call in progress, as a real Wristband answers many clients at once: a delayed or hanging
        // answer (a fault) holds only its own call, never the calls queued behind it.
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "wristband-emulator-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", new Router(state)::handle);
        server.start();
    }

    /** Starts an emulator bound to 127.0.0.1 on {@code port} (0 = a free port) with the {@link #defaultUsers()}. */
    public static WristbandEmulator start(int port, EmulatorClient client) {
        return start(port, client, DEFAULT_USERS);
    }

    /**
     * Starts an emulator bound to 127.0.0.1 on {@code port} (0 = a free port) that knows these users (and, through
     * them, their tenants and roles).
     */
    public static WristbandEmulator start(int port, EmulatorClient client, List<EmulatorUser> users) {
        try {
            return new WristbandEmulator(port, client, users);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Wristband emulator on port " + port, e);
        }
    }

    /** The port it listens on. */
    public int port() {
        return state.port;
    }

    /** {@code localhost:{port}}. */
    public String vanityDomain() {
        return state.vanityDomain();
    }

    /** {@code http://localhost:{port}}. */
    public String applicationOrigin() {
        return state.applicationOrigin();
    }

    /** The token issuer, same as {@link #applicationOrigin()}. */
    public String issuer() {
        return applicationOrigin();
    }

    /** The one client it knows. */
    public EmulatorClient client() {
        return state.client;
    }

    /** alice (admin and user) and bob (user) in tenant devs4you, carol (user) in tenant acme. */
    public static List<EmulatorUser> defaultUsers() {
        return DEFAULT_USERS;
    }

    /** The users it knows. */
    public List<EmulatorUser> users() {
        return state.users;
    }

    /** The host of a tenant, e.g. {@code devs4you-localhost:9099} (or {@code devs4you.localhost:9099}). */
    public String tenantHost(String tenantName) {
        return tenantName + state.separator() + vanityDomain();
    }

    @Override
    public void close() {
        if (closing.compareAndSet(false, true)) {
            state.closed.countDown(); // releases hanging handlers
            state.hangRelease.countDown();
            server.stop(0);
            executor.shutdownNow();
        }
    }

    /** Blocks until {@link #close()}. */
    void awaitClose() throws InterruptedException {
        state.closed.await();
    }

    // ---------------------------------------------------------------- knobs

    /** Calls of the endpoint since start or the last {@link #reset()}. */
    public int calls(Endpoint endpoint) {
        return state.calls.get(endpoint).get();
    }

    /**
     * Clears faults, counters, logout calls, the revoked-token record, scripted answers, recorded requests and
     * published keys, and sets the knobs back to their defaults. Keys, users, the client, issued tokens (and their
     * validity) and {@link #issuedTokens()} stay.
     */
    public void reset() {
        state.faults.clear();
        state.releaseHangs();
        state.calls.values().forEach(c -> c.set(0));
        state.accessTokenLifetime = EmulatorState.DEFAULT_ACCESS_TOKEN_LIFETIME;
        state.rotateRefreshTokens = false;
        state.omitRefreshTokenOnRefresh = false;
        state.nextAuthorizeError.set(null);
        state.idTokenTampering = IdTokenTampering.NONE;
        state.extraJwksKey = false;
        state.logoutCalls.clear();
        state.revokedTokens.clear();
        state.clearScripts();
        state.clearRecorded();
        state.publishedKeys = null;
    }

    /** Every call of the endpoint gets this fault (null: none) until it is cleared. */
    public void fault(Endpoint endpoint, Fault fault) {
        Objects.requireNonNull(endpoint, "endpoint");
        if (fault == null) {
            state.faults.remove(endpoint);
        } else {
            state.faults.put(endpoint, fault);
        }
    }

    /** Clears every fault, and releases the calls a {@link Fault.Hang} holds. */
    public void clearFaults() {
        state.faults.clear();
        state.releaseHangs();
    }

    /** {@code expires_in} of token responses and lifetime of access and ID tokens; default 1800 s. */
    public void accessTokenLifetime(Duration lifetime) {
        state.accessTokenLifetime = Objects.requireNonNull(lifetime, "lifetime");
    }

    /** Whether a refresh answers a new refresh token (and the old one is then used up); default false. */
    public void rotateRefreshTokens(boolean rotate) {
        state.rotateRefreshTokens = rotate;
    }

    /** Whether a refresh's answer leaves out {@code refresh_token}; default false. */
    public void omitRefreshTokenOnRefresh(boolean omit) {
        state.omitRefreshTokenOnRefresh = omit;
    }

    /** The next approval redirects with {@code error=…} instead of a code (once). */
    public void nextAuthorizeError(String error) {
        state.nextAuthorizeError.set(error);
    }

    /** How the token endpoint makes the ID tokens it issues from now on. */
    public void idTokenTampering(IdTokenTampering tampering) {
        state.idTokenTampering = Objects.requireNonNull(tampering, "tampering");
    }

    /** The JWKS also publishes a second RSA key (that signs nothing), as during a key rollover. */
    public void extraJwksKey(boolean publish) {
        state.extraJwksKey = publish;
    }

    /** A new RSA signing key with a new kid; the JWKS then holds only the new key. */
    public void rotateSigningKey() {
        state.signingKey(TokenMinter.newKey());
    }

    /** Every refresh token issued so far answers invalid_grant. */
    public void revokeAllRefreshTokens() {
        state.refreshTokens.values().forEach(g -> g.revoked = true);
    }

    /** Every access, ID and refresh token and authorization code issued since start. */
    public List<String> issuedTokens() {
        return List.copyOf(state.issuedTokens);
    }

    /** Calls of the logout endpoint (since start or the last reset). */
    public List<LogoutCall> logoutCalls() {
        return List.copyOf(state.logoutCalls);
    }

    /** Tokens sent to {@code /revoke} (since start or the last reset). */
    public List<String> revokedTokens() {
        return List.copyOf(state.revokedTokens);
    }

    // ---------------------------------------------------------------- tokens

    /** The minter of this emulator's tokens: its issuer, its client, its current signing key. */
    public TokenMinter minter() {
        return state.minter();
    }

    /**
     * An ID token for {@code login} as the token endpoint issues it at a login (with a random nonce), signed with the
     * current key after the tamperings: for tests that present one where an access token belongs.
     */
    public String idToken(String login, Tampering... tamperings) {
        Instant now = Instant.now();
        TokenMinter minter = state.minter();
        return minter.idToken(minter.idTokenClaims(state.user(login), Http.randomToken(), now,
                state.accessTokenLifetime), tamperings);
    }

    /**
     * An access token for {@code login} as the token endpoint issues it, signed with the current key, after
     * {@code changes} edited its claims (an expired {@code exp}, another {@code iss}, ...): for tests of bearer-token
     * validation. Not registered with userinfo.
     */
    // A lambda argument picks this overload (the other is variable arity, tried last), a Tampering the other.
    @SuppressWarnings("overloads")
    public String accessToken(String login, Consumer<JwtClaims> changes) {
        return accessToken(login, Tampering.claims(changes));
    }

    /**
     * An access token for {@code login} as the token endpoint issues it, signed with the current key after the
     * tamperings. Not registered with userinfo.
     */
    @SuppressWarnings("overloads") // see the other overload
    public String accessToken(String login, Tampering... tamperings) {
        Instant now = Instant.now();
        TokenMinter minter = state.minter();
        String token = minter.accessToken(minter.accessTokenClaims(state.user(login), "openid offline_access email",
                now.getEpochSecond(), now, state.accessTokenLifetime), tamperings);
        state.issuedTokens.add(token);
        return token;
    }

    // ---------------------------------------------------------------- scripted mode

    /**
     * Scripted mode: the next calls of {@code endpoint} get these answers, one each, in order, whatever they ask;
     * then the endpoint's fault, if any, and its own behaviour resume. A call with the wrong method is refused
     * before, and takes none. Cleared by {@link #reset()}.
     */
    public void script(Endpoint endpoint, ScriptedAnswer... answers) {
        Objects.requireNonNull(endpoint, "endpoint");
        state.script(endpoint, List.of(answers));
    }

    /**
     * The requests that called {@code endpoint} since start or the last {@link #reset()}, oldest first; of the most
     * recent 10,000 requests only.
     */
    public List<RecordedRequest> requests(Endpoint endpoint) {
        return state.recorded().stream().filter(r -> r.endpoint() == endpoint).toList();
    }

    /**
     * Every request received since start or the last {@link #reset()}, oldest first, whatever it asked; the most
     * recent 10,000 only.
     */
    public List<RecordedRequest> requests() {
        return state.recorded();
    }

    /**
     * Signs from now on with {@code key} (an RSA key with a kid), which the JWKS then publishes instead of the
     * current one; as {@link #rotateSigningKey()}, with a key the test knows or shares between emulators (generating
     * one takes a while).
     */
    public void signingKey(RsaJsonWebKey key) {
        state.signingKey(Objects.requireNonNull(key, "key"));
    }

    /**
     * Scripted mode: the JWKS publishes exactly these keys (public halves) instead of the signing key, whichever
     * signs; null goes back to the signing key. Cleared by {@link #reset()}.
     */
    public void publishKeys(List<RsaJsonWebKey> keys) {
        state.publishedKeys = keys == null ? null : List.copyOf(keys);
    }

    // ---------------------------------------------------------------- standalone demo

    /** Runs the emulator until killed: see {@link EmulatorMain} for its settings. */
    public static void main(String[] args) throws InterruptedException {
        EmulatorMain.run();
    }
}
