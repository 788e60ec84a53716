package io.github.wristbandjakarta.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * An offline emulator of the Wristband endpoints the "Backend Server" integration uses (docs/protocol.md §2.2):
 * authorize with a hosted login page on tenant hosts, token (code + PKCE, refresh) with HTTP Basic client auth,
 * revoke, userinfo, JWKS, logout, sdk-configuration and the application-level login page. Tokens are real RS256
 * JWTs made with jose4j. Knobs make it misbehave so that failure paths can be tested.
 *
 * <p>Application host: {@code localhost:{port}} (also {@code 127.0.0.1:{port}}). Tenant hosts:
 * {@code {tenant}-localhost:{port}}, or {@code {tenant}.localhost:{port}} when the client has an application custom
 * domain active. The host is taken from the {@code Host} header; the port in it is not checked.
 *
 * <p>Test/dev code only.
 */
public final class WristbandEmulator implements AutoCloseable {

    /** The application id put into tokens and userinfo. */
    public static final String APPLICATION_ID = "demoapp2q5xk7wlzf3hyjvb6ta";
    static final String IDP_NAME = "wristband";
    static final Duration DEFAULT_ACCESS_TOKEN_LIFETIME = Duration.ofSeconds(1800);
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(5);
    private static final Duration HANG_LIMIT = Duration.ofMinutes(10);
    private static final String JSON_TYPE = "application/json;charset=UTF-8";
    private static final String HTML_TYPE = "text/html;charset=UTF-8";
    private static final String FORM_TYPE = "application/x-www-form-urlencoded";
    private static final String AUTHORIZE_PATH = "/api/v1/oauth2/authorize";
    private static final String APPROVE_PATH = "/api/v1/oauth2/authorize/approve";
    private static final String CLIENTS_PREFIX = "/api/v1/clients/";
    /** Where the library's Login Endpoint answers within the application (its default wristband.auth-path). */
    private static final String DEFAULT_LOGIN_ENDPOINT_PATH = "/api/auth/login";
    private static final String SDK_CONFIG_SUFFIX = "/sdk-configuration";
    private static final List<String> PLACEHOLDERS = List.of("{tenant_name}", "{tenant_domain}");
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, String> ROLE_IDS = Map.of(
            "app:demo:admin", "roleadmin2x4k7qzw3pd5hvyba",
            "app:demo:user", "roleuser5q2k7zxw3mpdh4vyca");

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
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicBoolean closing = new AtomicBoolean();
    private final int port;
    private final EmulatorClient client;
    private final List<EmulatorUser> users;

    // knobs and counters
    private final Map<Endpoint, AtomicInteger> calls = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, Fault> faults = new ConcurrentHashMap<>();
    /** Counted down (and replaced) by clearFaults, reset and close: releases the calls a Hang holds. */
    private volatile CountDownLatch hangRelease = new CountDownLatch(1);
    private volatile Duration accessTokenLifetime = DEFAULT_ACCESS_TOKEN_LIFETIME;
    private volatile boolean rotateRefreshTokens;
    private volatile boolean omitRefreshTokenOnRefresh;
    private final AtomicReference<String> nextAuthorizeError = new AtomicReference<>();
    private volatile IdTokenTampering idTokenTampering = IdTokenTampering.NONE;
    private volatile boolean extraJwksKey;

    // keys
    private volatile RsaJsonWebKey signingKey;
    private volatile RsaJsonWebKey unknownKey;
    private volatile RsaJsonWebKey extraKey;

    // protocol state
    private final Map<String, PendingAuthorization> pending = new ConcurrentHashMap<>();
    private final Map<String, AuthorizationCode> codes = new ConcurrentHashMap<>();
    private final Set<String> usedCodes = ConcurrentHashMap.newKeySet();
    private final Map<String, RefreshGrant> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, AccessGrant> accessTokens = new ConcurrentHashMap<>();
    private final List<String> issuedTokens = new CopyOnWriteArrayList<>();
    private final List<LogoutCall> logoutCalls = new CopyOnWriteArrayList<>();
    private final List<String> revokedTokens = new CopyOnWriteArrayList<>();

    private record PendingAuthorization(String tenant, String redirectUri, String state, String scope,
            String codeChallenge, String nonce) {
    }

    private record AuthorizationCode(String clientId, String redirectUri, String codeChallenge, String nonce,
            EmulatorUser user, String scope, Instant expiresAt, long authTime) {
    }

    private static final class RefreshGrant {
        final EmulatorUser user;
        final String clientId;
        final String scope;
        final long authTime;
        final AtomicBoolean used = new AtomicBoolean();
        volatile boolean revoked;

        RefreshGrant(EmulatorUser user, String clientId, String scope, long authTime) {
            this.user = user;
            this.clientId = clientId;
            this.scope = scope;
            this.authTime = authTime;
        }
    }

    private record AccessGrant(EmulatorUser user, Instant expiresAt) {
    }

    private WristbandEmulator(int port, EmulatorClient client, List<EmulatorUser> users) throws IOException {
        this.client = Objects.requireNonNull(client, "client");
        this.users = List.copyOf(users);
        if (this.users.isEmpty()) {
            throw new IllegalArgumentException("at least one user is required");
        }
        for (Endpoint e : Endpoint.values()) {
            calls.put(e, new AtomicInteger());
        }
        this.signingKey = newRsaKey();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 64);
        AtomicInteger threadNo = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "wristband-emulator-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        this.port = server.getAddress().getPort();
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

    public int port() {
        return port;
    }

    /** {@code localhost:{port}}. */
    public String vanityDomain() {
        return "localhost:" + port;
    }

    /** {@code http://localhost:{port}}. */
    public String applicationOrigin() {
        return "http://localhost:" + port;
    }

    /** The token issuer, same as {@link #applicationOrigin()}. */
    public String issuer() {
        return applicationOrigin();
    }

    public EmulatorClient client() {
        return client;
    }

    /** alice (admin and user) and bob (user) in tenant devs4you, carol (user) in tenant acme. */
    public static List<EmulatorUser> defaultUsers() {
        return DEFAULT_USERS;
    }

    public List<EmulatorUser> users() {
        return users;
    }

    /** The host of a tenant, e.g. {@code devs4you-localhost:9099} (or {@code devs4you.localhost:9099}). */
    public String tenantHost(String tenantName) {
        return tenantName + separator() + vanityDomain();
    }

    @Override
    public void close() {
        if (closing.compareAndSet(false, true)) {
            closed.countDown(); // releases hanging handlers
            hangRelease.countDown();
            server.stop(0);
            executor.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- knobs

    /** Calls of the endpoint since start or the last {@link #reset()}. */
    public int calls(Endpoint endpoint) {
        return calls.get(endpoint).get();
    }

    /**
     * Clears faults, counters, logout calls and the revoked-token record, and sets the knobs back to their
     * defaults. Keys, users, the client, issued tokens (and their validity) and {@link #issuedTokens()} stay.
     */
    public void reset() {
        faults.clear();
        releaseHangs();
        calls.values().forEach(c -> c.set(0));
        accessTokenLifetime = DEFAULT_ACCESS_TOKEN_LIFETIME;
        rotateRefreshTokens = false;
        omitRefreshTokenOnRefresh = false;
        nextAuthorizeError.set(null);
        idTokenTampering = IdTokenTampering.NONE;
        extraJwksKey = false;
        logoutCalls.clear();
        revokedTokens.clear();
    }

    public void fault(Endpoint endpoint, Fault fault) {
        Objects.requireNonNull(endpoint, "endpoint");
        if (fault == null) {
            faults.remove(endpoint);
        } else {
            faults.put(endpoint, fault);
        }
    }

    public void clearFaults() {
        faults.clear();
        releaseHangs();
    }

    private void releaseHangs() {
        CountDownLatch hanging = hangRelease;
        hangRelease = new CountDownLatch(1);
        hanging.countDown();
    }

    /** {@code expires_in} of token responses and lifetime of access and ID tokens; default 1800 s. */
    public void accessTokenLifetime(Duration lifetime) {
        this.accessTokenLifetime = Objects.requireNonNull(lifetime, "lifetime");
    }

    public void rotateRefreshTokens(boolean rotate) {
        this.rotateRefreshTokens = rotate;
    }

    public void omitRefreshTokenOnRefresh(boolean omit) {
        this.omitRefreshTokenOnRefresh = omit;
    }

    /** The next approval redirects with {@code error=…} instead of a code (once). */
    public void nextAuthorizeError(String error) {
        nextAuthorizeError.set(error);
    }

    public void idTokenTampering(IdTokenTampering tampering) {
        this.idTokenTampering = Objects.requireNonNull(tampering, "tampering");
    }

    /** The JWKS also publishes a second RSA key (that signs nothing), as during a key rollover. */
    public void extraJwksKey(boolean publish) {
        this.extraJwksKey = publish;
    }

    /** A new RSA signing key with a new kid; the JWKS then holds only the new key. */
    public void rotateSigningKey() {
        signingKey = newRsaKey();
    }

    /** Every refresh token issued so far answers invalid_grant. */
    public void revokeAllRefreshTokens() {
        refreshTokens.values().forEach(g -> g.revoked = true);
    }

    /** Every access, ID and refresh token and authorization code issued since start. */
    public List<String> issuedTokens() {
        return List.copyOf(issuedTokens);
    }

    public List<LogoutCall> logoutCalls() {
        return List.copyOf(logoutCalls);
    }

    /** Tokens sent to {@code /revoke} (since start or the last reset). */
    public List<String> revokedTokens() {
        return List.copyOf(revokedTokens);
    }

    // ---------------------------------------------------------------- HTTP plumbing

    private record Request(HttpExchange exchange, String method, String path, Map<String, List<String>> query,
            String host, String tenant, boolean applicationHost) {

        String param(String name) {
            List<String> values = query.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private record Response(int status, String contentType, byte[] body, Map<String, String> headers) {

        static Response json(int status, JsonObjectBuilder body) {
            return new Response(status, JSON_TYPE, body.build().toString().getBytes(StandardCharsets.UTF_8),
                    Map.of());
        }

        static Response json(int status, String body) {
            return new Response(status, JSON_TYPE, body.getBytes(StandardCharsets.UTF_8), Map.of());
        }

        static Response error(int status, String error, String description) {
            JsonObjectBuilder b = JSON.createObjectBuilder().add("error", error);
            if (description != null) {
                b.add("error_description", description);
            }
            return json(status, b);
        }

        static Response html(int status, String html) {
            return new Response(status, HTML_TYPE, html.getBytes(StandardCharsets.UTF_8), Map.of());
        }

        static Response redirect(String location) {
            return new Response(302, null, new byte[0], Map.of("Location", location, "Cache-Control", "no-store"));
        }

        static Response empty(int status) {
            return new Response(status, null, new byte[0], Map.of());
        }
    }

    private void handle(HttpExchange exchange) {
        try {
            Response response;
            try {
                response = route(exchange);
            } catch (RuntimeException | Error e) {
                response = Response.error(500, "server_error", "emulator failure: " + e);
            }
            if (response == null) {
                return; // hang released by close()
            }
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            if (response.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", response.contentType());
            }
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException e) {
            // client went away
        } finally {
            exchange.close();
        }
    }

    private Response route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String hostHeader = exchange.getRequestHeaders().getFirst("Host");
        String hostName = hostName(hostHeader);
        String tenant = null;
        boolean applicationHost = "localhost".equals(hostName) || "127.0.0.1".equals(hostName);
        String tenantSuffix = separator() + "localhost";
        if (!applicationHost && hostName != null && hostName.endsWith(tenantSuffix)) {
            String label = hostName.substring(0, hostName.length() - tenantSuffix.length());
            if (!label.isEmpty() && !label.contains(".")) {
                tenant = label;
            }
        }
        Request req = new Request(exchange, method, path, parseForm(exchange.getRequestURI().getRawQuery()),
                hostHeader, tenant, applicationHost);
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }

        if (path.equals(AUTHORIZE_PATH)) {
            return endpoint(req, Endpoint.AUTHORIZE, Set.of("GET"), () -> authorize(req));
        }
        if (path.equals(APPROVE_PATH)) {
            return "GET".equals(method) ? approve(req) : methodNotAllowed();
        }
        if (path.equals("/api/v1/oauth2/token")) {
            return token(req, exchange, body);
        }
        if (path.equals("/api/v1/oauth2/revoke")) {
            return endpoint(req, Endpoint.REVOKE, Set.of("POST"), () -> revoke(req, exchange, body));
        }
        if (path.equals("/api/v1/oauth2/userinfo")) {
            return endpoint(req, Endpoint.USERINFO, Set.of("GET", "POST"), () -> userinfo(req, exchange));
        }
        if (path.equals("/api/v1/oauth2/jwks")) {
            return endpoint(req, Endpoint.JWKS, Set.of("GET"), () -> jwks(req));
        }
        if (path.equals("/api/v1/logout")) {
            return endpoint(req, Endpoint.LOGOUT, Set.of("GET"), () -> logout(req));
        }
        if (path.startsWith(CLIENTS_PREFIX) && path.endsWith(SDK_CONFIG_SUFFIX)) {
            String clientId = decode(path.substring(CLIENTS_PREFIX.length(), path.length() - SDK_CONFIG_SUFFIX.length()));
            return endpoint(req, Endpoint.SDK_CONFIGURATION, Set.of("GET"), () -> sdkConfiguration(req, clientId));
        }
        if (path.equals("/login")) {
            return endpoint(req, Endpoint.APPLICATION_LOGIN, Set.of("GET"), () -> applicationLogin(req));
        }
        return Response.error(404, "not_found", "no such endpoint in the Wristband emulator: " + method + " " + path);
    }

    private interface Handler {
        Response handle() throws IOException;
    }

    /** Counts the call, applies the endpoint's fault, then runs the handler. Returns null only for a released hang. */
    private Response endpoint(Request req, Endpoint endpoint, Set<String> methods, Handler handler) throws IOException {
        if (!methods.contains(req.method())) {
            return methodNotAllowed();
        }
        calls.get(endpoint).incrementAndGet();
        Fault fault = faults.get(endpoint);
        if (fault instanceof Fault.Status s) {
            return Response.json(s.status(), s.body());
        } else if (fault instanceof Fault.Garbage) {
            return Response.html(200, "<html>oops");
        } else if (fault instanceof Fault.Hang) {
            try {
                hangRelease.await(HANG_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        } else if (fault instanceof Fault.Delay d) {
            if (awaitClose(d.delay())) {
                return null;
            }
        }
        return handler.handle();
    }

    /** Waits up to {@code d}; true when the emulator was closed meanwhile. */
    private boolean awaitClose(Duration d) {
        try {
            return closed.await(Math.max(0, d.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static Response methodNotAllowed() {
        return Response.error(405, "invalid_request", "method not allowed");
    }

    private Response wrongHostJson(Request req) {
        return Response.error(404, "not_found",
                "back-channel endpoints live on the application vanity domain " + vanityDomain() + ", not " + req.host());
    }

    // ---------------------------------------------------------------- authorize + hosted login page

    private Response authorize(Request req) {
        if (req.tenant() == null) {
            return badRequestPage("The authorize endpoint must be addressed to a tenant host ({tenant}" + separator()
                    + vanityDomain() + "), not " + req.host() + ".");
        }
        String tenant = req.tenant();
        if (usersOf(tenant).isEmpty()) {
            return badRequestPage("Unknown tenant: " + tenant);
        }
        for (Map.Entry<String, List<String>> e : req.query().entrySet()) {
            if (e.getValue().size() > 1) {
                return badRequestPage("Duplicate query parameter: " + e.getKey());
            }
        }
        String clientId = req.param("client_id");
        if (clientId == null || !clientId.equals(client.clientId())) {
            return badRequestPage("Invalid client_id: " + clientId);
        }
        String redirectUri = req.param("redirect_uri");
        if (redirectUri == null || !client.redirectUris().contains(redirectUri)) {
            return badRequestPage("redirect_uri is not registered for the client: " + redirectUri);
        }
        if (!"code".equals(req.param("response_type"))) {
            return badRequestPage("response_type must be code, got: " + req.param("response_type"));
        }
        String state = req.param("state");
        if (state == null || state.isEmpty()) {
            return badRequestPage("Missing state");
        }
        String challenge = req.param("code_challenge");
        if (challenge == null || challenge.isEmpty()) {
            return badRequestPage("Missing code_challenge");
        }
        if (!"S256".equals(req.param("code_challenge_method"))) {
            return badRequestPage("code_challenge_method must be S256, got: " + req.param("code_challenge_method"));
        }
        String nonce = req.param("nonce");
        if (nonce == null || nonce.isEmpty()) {
            return badRequestPage("Missing nonce");
        }
        String scope = req.param("scope") == null ? "" : req.param("scope");
        String requestId = randomToken();
        pending.put(requestId, new PendingAuthorization(tenant, redirectUri, state, scope, challenge, nonce));

        List<EmulatorUser> listed = new ArrayList<>(usersOf(tenant));
        String hint = req.param("login_hint");
        if (hint != null) {
            for (EmulatorUser u : List.copyOf(listed)) {
                if (u.login().equalsIgnoreCase(hint) || u.email().equalsIgnoreCase(hint)) {
                    listed.remove(u);
                    listed.add(0, u);
                }
            }
        }
        StringBuilder html = new StringBuilder();
        html.append("<p>Tenant <code>").append(esc(tenant)).append("</code>'s hosted login page for client <code>")
                .append(esc(clientId)).append("</code>: pick a user (no password here).</p>\n<ul>\n");
        for (EmulatorUser u : listed) {
            html.append("<li><a id=\"login-").append(esc(u.login())).append("\" href=\"").append(APPROVE_PATH)
                    .append("?request=").append(enc(requestId)).append("&user=").append(enc(u.login()))
                    .append("\">Sign in as ").append(esc(u.email())).append("</a> <span class=\"note\">")
                    .append(esc(String.join(", ", u.roleNames()))).append("</span></li>\n");
        }
        html.append("</ul>\n");
        return Response.html(200, EmulatorPages.page("Sign in to " + tenant, applicationHome(tenant),
                html.toString()));
    }

    private Response approve(Request req) {
        if (req.tenant() == null) {
            return badRequestPage("The approve link must be addressed to a tenant host, not " + req.host() + ".");
        }
        String requestId = req.param("request");
        PendingAuthorization p = requestId == null ? null : pending.get(requestId);
        if (p == null) {
            return badRequestPage("Unknown or already used authorization request: " + requestId);
        }
        if (!p.tenant().equals(req.tenant())) {
            return badRequestPage("The authorization request belongs to tenant " + p.tenant() + ", not "
                    + req.tenant());
        }
        String login = req.param("user");
        EmulatorUser user = usersOf(p.tenant()).stream().filter(u -> u.login().equals(login)).findFirst()
                .orElse(null);
        if (user == null) {
            return badRequestPage("No user " + login + " in tenant " + p.tenant());
        }
        if (!pending.remove(requestId, p)) {
            return badRequestPage("Authorization request already used: " + requestId);
        }
        String target = p.redirectUri();
        for (String placeholder : PLACEHOLDERS) {
            target = target.replace(placeholder, p.tenant());
        }
        boolean hadPlaceholder = !target.equals(p.redirectUri());
        Map<String, String> params = new LinkedHashMap<>();
        String error = nextAuthorizeError.getAndSet(null);
        if (error != null) {
            params.put("error", error);
            params.put("error_description", "Wristband emulator: simulated " + error + " error");
        } else {
            String code = randomToken();
            long now = Instant.now().getEpochSecond();
            codes.put(code, new AuthorizationCode(client.clientId(), p.redirectUri(), p.codeChallenge(), p.nonce(),
                    user, p.scope(), Instant.now().plus(CODE_LIFETIME), now));
            issuedTokens.add(code);
            params.put("code", code);
        }
        params.put("state", p.state());
        if (!hadPlaceholder) {
            params.put("tenant_name", p.tenant());
        }
        return Response.redirect(appendParams(target, params));
    }

    // ---------------------------------------------------------------- token

    private Response token(Request req, HttpExchange exchange, byte[] body) throws IOException {
        if (!"POST".equals(req.method())) {
            return methodNotAllowed();
        }
        Map<String, List<String>> form = parseForm(new String(body, StandardCharsets.UTF_8));
        String grantType = first(form, "grant_type");
        Endpoint endpoint;
        if ("authorization_code".equals(grantType)) {
            endpoint = Endpoint.TOKEN_CODE;
        } else if ("refresh_token".equals(grantType)) {
            endpoint = Endpoint.TOKEN_REFRESH;
        } else {
            endpoint = null;
        }
        Handler handler = () -> {
            Response refused = checkFormPost(req, exchange);
            if (refused != null) {
                return refused;
            }
            if (endpoint == Endpoint.TOKEN_CODE) {
                return codeGrant(form);
            } else if (endpoint == Endpoint.TOKEN_REFRESH) {
                return refreshGrant(form);
            }
            return Response.error(400, "unsupported_grant_type", "unsupported grant_type: " + grantType);
        };
        return endpoint == null ? handler.handle() : endpoint(req, endpoint, Set.of("POST"), handler);
    }

    private Response codeGrant(Map<String, List<String>> form) {
        String code = first(form, "code");
        if (code == null) {
            return Response.error(400, "invalid_request", "missing code");
        }
        AuthorizationCode c = codes.remove(code); // single use: consumed by any attempt
        if (c == null) {
            return invalidGrant(usedCodes.contains(code) ? "authorization code already used" : "unknown authorization code");
        }
        usedCodes.add(code);
        if (Instant.now().isAfter(c.expiresAt())) {
            return invalidGrant("authorization code expired");
        }
        if (!c.clientId().equals(client.clientId())) {
            return invalidGrant("authorization code was issued to another client");
        }
        if (!c.redirectUri().equals(first(form, "redirect_uri"))) {
            return invalidGrant("redirect_uri differs from the one used at authorize");
        }
        String verifier = first(form, "code_verifier");
        if (verifier == null || !s256(verifier).equals(c.codeChallenge())) {
            return invalidGrant("code_verifier does not match the code_challenge");
        }
        return tokenResponse(c.user(), c.scope(), c.nonce(), c.authTime(), scopes(c.scope()).contains("offline_access")
                ? newRefreshToken(c.user(), c.scope(), c.authTime()) : null);
    }

    private Response refreshGrant(Map<String, List<String>> form) {
        String token = first(form, "refresh_token");
        if (token == null) {
            return Response.error(400, "invalid_request", "missing refresh_token");
        }
        RefreshGrant g = refreshTokens.get(token);
        if (g == null) {
            return invalidGrant("unknown refresh token");
        }
        if (g.revoked) {
            return invalidGrant("refresh token revoked");
        }
        if (!g.clientId.equals(client.clientId())) {
            return invalidGrant("refresh token was issued to another client");
        }
        String returned;
        if (rotateRefreshTokens) {
            if (!g.used.compareAndSet(false, true)) {
                return invalidGrant("refresh token already used");
            }
            returned = newRefreshToken(g.user, g.scope, g.authTime);
        } else {
            if (g.used.get()) {
                return invalidGrant("refresh token already used");
            }
            returned = token;
        }
        return tokenResponse(g.user, g.scope, null, g.authTime, omitRefreshTokenOnRefresh ? null : returned);
    }

    private static Response invalidGrant(String description) {
        return Response.error(400, "invalid_grant", description);
    }

    private String newRefreshToken(EmulatorUser user, String scope, long authTime) {
        String token = randomToken();
        refreshTokens.put(token, new RefreshGrant(user, client.clientId(), scope, authTime));
        issuedTokens.add(token);
        return token;
    }

    private Response tokenResponse(EmulatorUser user, String scope, String nonce, long authTime, String refreshToken) {
        Duration lifetime = accessTokenLifetime;
        Instant now = Instant.now();
        String accessToken = accessToken(user, scope, now, lifetime, authTime);
        String idToken = idToken(user, nonce, authTime, now, lifetime);
        accessTokens.put(accessToken, new AccessGrant(user, now.plus(lifetime)));
        issuedTokens.add(accessToken);
        issuedTokens.add(idToken);
        JsonObjectBuilder b = JSON.createObjectBuilder()
                .add("access_token", accessToken)
                .add("id_token", idToken);
        if (refreshToken != null) {
            b.add("refresh_token", refreshToken);
        }
        b.add("expires_in", lifetime.toSeconds()).add("token_type", "bearer").add("scope", scope);
        Response r = Response.json(200, b);
        return new Response(r.status(), r.contentType(), r.body(), Map.of("Cache-Control", "no-store",
                "Pragma", "no-cache"));
    }

    /**
     * An ID token for {@code login} as the token endpoint issues it at a login (with a nonce), signed with the current
     * key: for tests that present one where an access token belongs.
     */
    public String idToken(String login) {
        EmulatorUser user = users.stream().filter(u -> u.login().equals(login)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no user " + login));
        Instant now = Instant.now();
        return idToken(user, randomToken(), now.getEpochSecond(), now, accessTokenLifetime);
    }

    /**
     * An access token for {@code login} as the token endpoint issues it, signed with the current key, after
     * {@code changes} edited its claims (an expired {@code exp}, another {@code iss}, ...): for tests of bearer-token
     * validation. Not registered with userinfo.
     */
    public String accessToken(String login, java.util.function.Consumer<JwtClaims> changes) {
        EmulatorUser user = users.stream().filter(u -> u.login().equals(login)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no user " + login));
        Instant now = Instant.now();
        String token = accessToken(user, "openid offline_access email", now, accessTokenLifetime, now.getEpochSecond(),
                changes);
        issuedTokens.add(token);
        return token;
    }

    private String accessToken(EmulatorUser user, String scope, Instant now, Duration lifetime, long authTime) {
        return accessToken(user, scope, now, lifetime, authTime, claims -> { });
    }

    private String accessToken(EmulatorUser user, String scope, Instant now, Duration lifetime, long authTime,
                               java.util.function.Consumer<JwtClaims> changes) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer());
        claims.setSubject(user.userId());
        claims.setClaim("tnt_id", user.tenantId());
        claims.setClaim("app_id", APPLICATION_ID);
        claims.setClaim("idp_name", IDP_NAME);
        claims.setClaim("client_id", client.clientId());
        claims.setClaim("scope", scope);
        claims.setClaim("van_dom", vanityDomain());
        claims.setClaim("sub_kind", "user");
        claims.setStringListClaim("amr", "pwd");
        claims.setClaim("auth_time", authTime);
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now.getEpochSecond() + lifetime.toSeconds()));
        claims.setJwtId(randomId());
        changes.accept(claims);
        RsaJsonWebKey key = signingKey;
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setHeader("typ", "at+JWT");
        jws.setKey(key.getPrivateKey());
        return serialize(jws);
    }

    private String idToken(EmulatorUser user, String nonce, long authTime, Instant now, Duration lifetime) {
        IdTokenTampering t = idTokenTampering;
        long iat = now.getEpochSecond();
        if (t == IdTokenTampering.EXPIRED) {
            iat = iat - lifetime.toSeconds() - 3600;
        } else if (t == IdTokenTampering.FUTURE_IAT) {
            iat = iat + 600;
        } else if (t == IdTokenTampering.IAT_WITHIN_SKEW) {
            iat = iat + 30;
        }
        JwtClaims claims = new JwtClaims();
        if (t != IdTokenTampering.MISSING_ISSUER) {
            claims.setIssuer(t == IdTokenTampering.WRONG_ISSUER ? "http://evil-localhost:" + port : issuer());
        }
        if (t != IdTokenTampering.MISSING_SUBJECT) {
            claims.setSubject(t == IdTokenTampering.WRONG_SUBJECT ? "wrongsubject2x7q4k5zwmpdhy" : user.userId());
        }
        switch (t) {
            case MISSING_AUDIENCE -> { }
            case WRONG_AUDIENCE -> claims.setAudience("some-other-client");
            case SEVERAL_AUDIENCES_WITHOUT_AZP, SEVERAL_AUDIENCES_WITH_AZP ->
                    claims.setAudience(client.clientId(), "some-other-client");
            default -> claims.setAudience(client.clientId());
        }
        if (t == IdTokenTampering.WRONG_AZP) {
            claims.setClaim("azp", "some-other-client");
        } else if (t != IdTokenTampering.SEVERAL_AUDIENCES_WITHOUT_AZP) {
            claims.setClaim("azp", client.clientId());
        }
        if (t != IdTokenTampering.MISSING_EXP) {
            claims.setExpirationTime(NumericDate.fromSeconds(iat + lifetime.toSeconds()));
        }
        if (t != IdTokenTampering.MISSING_IAT) {
            claims.setIssuedAt(NumericDate.fromSeconds(iat));
        }
        claims.setClaim("auth_time", authTime);
        if (t == IdTokenTampering.WRONG_NONCE) {
            claims.setClaim("nonce", randomToken());
        } else if (nonce != null && t != IdTokenTampering.MISSING_NONCE) {
            claims.setClaim("nonce", nonce);
        }
        claims.setClaim("tnt_id", user.tenantId());
        claims.setClaim("app_id", APPLICATION_ID);
        claims.setClaim("idp_name", IDP_NAME);
        claims.setClaim("email", user.email());

        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setHeader("typ", "JWT");
        RsaJsonWebKey key = signingKey;
        switch (t) {
            case ALG_NONE -> {
                jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
                jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
            }
            case HS256_CLIENT_SECRET -> {
                jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
                jws.setKeyIdHeaderValue(key.getKeyId());
                jws.setKey(new HmacKey(client.clientSecret().getBytes(StandardCharsets.UTF_8)));
                jws.setDoKeyValidation(false);
            }
            case UNKNOWN_KEY -> {
                RsaJsonWebKey other = unknownKey();
                jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
                jws.setKeyIdHeaderValue(other.getKeyId());
                jws.setKey(other.getPrivateKey());
            }
            case RS384 -> {
                jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA384);
                jws.setKeyIdHeaderValue(key.getKeyId());
                jws.setKey(key.getPrivateKey());
            }
            case NO_KID -> {
                jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
                jws.setKey(key.getPrivateKey());
            }
            default -> {
                jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
                jws.setKeyIdHeaderValue(key.getKeyId());
                jws.setKey(key.getPrivateKey());
            }
        }
        String compact = serialize(jws);
        if (t == IdTokenTampering.BAD_SIGNATURE) {
            int dot = compact.lastIndexOf('.');
            byte[] sig = Base64.getUrlDecoder().decode(compact.substring(dot + 1));
            sig[sig.length / 2] ^= 0x5a;
            sig[0] ^= 0x01;
            compact = compact.substring(0, dot + 1) + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        }
        return compact;
    }

    private static String serialize(JsonWebSignature jws) {
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    // ---------------------------------------------------------------- revoke, userinfo, jwks

    private Response revoke(Request req, HttpExchange exchange, byte[] body) {
        Response refused = checkFormPost(req, exchange);
        if (refused != null) {
            return refused;
        }
        String token = first(parseForm(new String(body, StandardCharsets.UTF_8)), "token");
        if (token == null || token.isEmpty()) {
            return Response.error(400, "invalid_request", "missing token");
        }
        revokedTokens.add(token);
        RefreshGrant g = refreshTokens.get(token);
        if (g != null) {
            g.revoked = true;
        }
        accessTokens.remove(token);
        return Response.empty(200);
    }

    private Response userinfo(Request req, HttpExchange exchange) {
        if (!req.applicationHost()) {
            return wrongHostJson(req);
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String prefix = "Bearer ";
        AccessGrant grant = null;
        if (authorization != null && authorization.regionMatches(true, 0, prefix, 0, prefix.length())) {
            grant = accessTokens.get(authorization.substring(prefix.length()).trim());
        }
        if (grant == null || !Instant.now().isBefore(grant.expiresAt())) {
            Response r = Response.error(401, "invalid_token", grant == null ? "unknown access token" : "access token expired");
            return new Response(r.status(), r.contentType(), r.body(),
                    Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""));
        }
        EmulatorUser u = grant.user();
        JsonArrayBuilder roles = JSON.createArrayBuilder();
        for (String role : u.roleNames()) {
            roles.add(JSON.createObjectBuilder()
                    .add("id", ROLE_IDS.getOrDefault(role, randomId()))
                    .add("name", role)
                    .add("display_name", displayName(role)));
        }
        return Response.json(200, JSON.createObjectBuilder()
                .add("sub", u.userId())
                .add("tnt_id", u.tenantId())
                .add("app_id", APPLICATION_ID)
                .add("idp_name", IDP_NAME)
                .add("email", u.email())
                .add("email_verified", true)
                .add("name", capitalize(u.login()) + " Example")
                .add("preferred_username", u.login())
                .add("roles", roles));
    }

    private Response jwks(Request req) {
        if (!req.applicationHost()) {
            return wrongHostJson(req);
        }
        JsonWebKeySet set = extraJwksKey ? new JsonWebKeySet(signingKey, extraKey()) : new JsonWebKeySet(signingKey);
        String json = set.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        return Response.json(200, json);
    }

    // ---------------------------------------------------------------- logout, sdk-configuration, app login

    private Response logout(Request req) {
        if (req.tenant() == null && !req.applicationHost()) {
            return badRequestPage("Unknown host: " + req.host());
        }
        String clientId = req.param("client_id");
        String redirectUrl = req.param("redirect_url");
        String state = req.param("state");
        logoutCalls.add(new LogoutCall(req.host(), clientId, redirectUrl, state));
        String target;
        if (redirectUrl != null && !redirectUrl.isEmpty()) {
            target = redirectUrl;
        } else if (client.clientId().equals(clientId) && req.tenant() != null) {
            target = tenantLoginUrl(req.tenant());
        } else if (client.clientId().equals(clientId) && !hasPlaceholder(client.loginUrl())) {
            target = client.loginUrl();
        } else {
            target = applicationOrigin() + "/login?client_id=" + enc(clientId == null ? client.clientId() : clientId);
        }
        if (state != null && !state.isEmpty()) {
            target = appendParams(target, Map.of("state", state));
        }
        return Response.redirect(target);
    }

    private Response sdkConfiguration(Request req, String clientId) {
        if (!req.applicationHost()) {
            return wrongHostJson(req);
        }
        if (!client.clientId().equals(clientId)) {
            return Response.error(404, "not_found", "unknown client: " + clientId);
        }
        JsonObjectBuilder b = JSON.createObjectBuilder()
                .add("loginUrl", client.loginUrl());
        addNullable(b, "redirectUri", client.redirectUris().size() == 1 ? client.redirectUris().get(0) : null);
        addNullable(b, "loginUrlTenantDomainSuffix", client.loginUrlTenantDomainSuffix());
        addNullable(b, "customApplicationLoginPageUrl", client.customApplicationLoginPageUrl());
        b.add("isApplicationCustomDomainActive", client.applicationCustomDomainActive());
        b.add("applicationAuthorizationRequestsEnabled", false);
        return Response.json(200, b);
    }

    private Response applicationLogin(Request req) {
        if (!req.applicationHost()) {
            return badRequestPage("The application login page lives on " + vanityDomain() + ", not " + req.host());
        }
        String clientId = req.param("client_id");
        if (!client.clientId().equals(clientId)) {
            return badRequestPage("Invalid client_id: " + clientId);
        }
        String state = req.param("state");
        StringBuilder html = new StringBuilder();
        html.append("<p>The application-level login page: which tenant do you sign in to?</p>\n<ul>\n");
        Set<String> tenants = new LinkedHashSet<>();
        users.forEach(u -> tenants.add(u.tenantName()));
        for (String tenant : tenants) {
            String href = tenantLoginUrl(tenant);
            if (state != null && !state.isEmpty()) {
                href = appendParams(href, Map.of("return_url", state));
            }
            html.append("<li><a id=\"tenant-").append(esc(tenant)).append("\" href=\"").append(attr(href))
                    .append("\">").append(esc(tenant)).append("</a></li>\n");
        }
        html.append("</ul>\n");
        return Response.html(200, EmulatorPages.page("Choose your tenant", applicationHome(null), html.toString()));
    }

    /**
     * The application's home page, for the pages' way back to it: the client's login URL without the path of the
     * library's Login Endpoint at its default {@code wristband.auth-path} ({@code /api/auth/login}), so
     * {@code http://localhost:9080/wristband-jakarta-auth/} for the demo. A tenant placeholder in the login URL is
     * filled with {@code tenant}. Null when the login URL ends otherwise, or names a placeholder and no tenant is
     * known: the emulator knows no home page then, and links none.
     */
    String applicationHome(String tenant) {
        String url = client.loginUrl();
        int query = url.indexOf('?');
        if (query >= 0) {
            url = url.substring(0, query);
        }
        if (!url.endsWith(DEFAULT_LOGIN_ENDPOINT_PATH)) {
            return null;
        }
        url = url.substring(0, url.length() - DEFAULT_LOGIN_ENDPOINT_PATH.length()) + "/";
        if (hasPlaceholder(url)) {
            if (tenant == null) {
                return null;
            }
            for (String placeholder : PLACEHOLDERS) {
                url = url.replace(placeholder, tenant);
            }
        }
        return url;
    }

    /** The client's login URL for a tenant: placeholder replaced, or {@code tenant_name} appended. */
    private String tenantLoginUrl(String tenant) {
        String url = client.loginUrl();
        if (hasPlaceholder(url)) {
            for (String placeholder : PLACEHOLDERS) {
                url = url.replace(placeholder, tenant);
            }
            return url;
        }
        return appendParams(url, Map.of("tenant_name", tenant));
    }

    // ---------------------------------------------------------------- helpers

    private Response checkBasic(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String expected = client.clientId() + ":" + client.clientSecret();
        boolean ok = false;
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                ok = MessageDigest.isEqual(decoded.getBytes(StandardCharsets.UTF_8),
                        expected.getBytes(StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                ok = false;
            }
        }
        if (ok) {
            return null;
        }
        Response r = Response.error(401, "invalid_client", "client authentication failed");
        return new Response(r.status(), r.contentType(), r.body(),
                Map.of("WWW-Authenticate", "Basic realm=\"wristband-emulator\""));
    }

    /**
     * What the token and revoke endpoints check before reading the form, in Wristband's order: the application's
     * host, the client's Basic credentials, the form content type. The first refusal, or null.
     */
    private Response checkFormPost(Request req, HttpExchange exchange) {
        if (!req.applicationHost()) {
            return wrongHostJson(req);
        }
        Response auth = checkBasic(exchange);
        return auth != null ? auth : checkFormContentType(exchange);
    }

    private static Response checkFormContentType(HttpExchange exchange) {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(FORM_TYPE)) {
            return Response.error(400, "invalid_request", "Content-Type must be " + FORM_TYPE + ", got " + type);
        }
        return null;
    }

    private List<EmulatorUser> usersOf(String tenant) {
        return users.stream().filter(u -> u.tenantName().equals(tenant)).toList();
    }

    private String separator() {
        return client.applicationCustomDomainActive() ? "." : "-";
    }

    private Response badRequestPage(String message) {
        return Response.html(400, EmulatorPages.page("Bad request", applicationHome(null),
                "<p id=\"error\">" + esc(message) + "</p>\n"));
    }

    private static boolean hasPlaceholder(String url) {
        return PLACEHOLDERS.stream().anyMatch(url::contains);
    }

    private static String hostName(String hostHeader) {
        if (hostHeader == null) {
            return null;
        }
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        if (colon >= 0 && !h.endsWith("]")) {
            h = h.substring(0, colon);
        }
        return h;
    }

    private static Map<String, List<String>> parseForm(String raw) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return result;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            result.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return result;
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String appendParams(String url, Map<String, String> params) {
        StringBuilder sb = new StringBuilder(url);
        char sep = url.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> e : params.entrySet()) {
            sb.append(sep).append(enc(e.getKey())).append('=').append(enc(e.getValue()));
            sep = '&';
        }
        return sb.toString();
    }

    private static String esc(String s) {
        return EmulatorPages.esc(s);
    }

    private static String attr(String s) {
        return EmulatorPages.attr(s);
    }

    private static void addNullable(JsonObjectBuilder b, String name, String value) {
        if (value == null) {
            b.addNull(name);
        } else {
            b.add(name, value);
        }
    }

    private static Set<String> scopes(String scope) {
        Set<String> result = new LinkedHashSet<>();
        for (String s : scope.split("[ +]")) {
            if (!s.isEmpty()) {
                result.add(s);
            }
        }
        return Collections.unmodifiableSet(result);
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 32 random bytes, base64url without padding (43 chars). */
    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A 26-char lowercase RFC 4648 base32 id (128 random bits), like Wristband's ids. */
    static String randomId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        byte[] bytes = new byte[17];
        RANDOM.nextBytes(bytes);
        StringBuilder sb = new StringBuilder(26);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5 && sb.length() < 26) {
                sb.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        return sb.toString();
    }

    private static String displayName(String role) {
        String last = role.substring(role.lastIndexOf(':') + 1);
        return capitalize(last);
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** A published key that signs nothing (never the UNKNOWN_KEY tampering's key). */
    private synchronized RsaJsonWebKey extraKey() {
        if (extraKey == null) {
            extraKey = newRsaKey();
        }
        return extraKey;
    }

    private synchronized RsaJsonWebKey unknownKey() {
        if (unknownKey == null) {
            unknownKey = newRsaKey();
        }
        return unknownKey;
    }

    private static RsaJsonWebKey newRsaKey() {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(randomId());
            key.setUse("sig");
            key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    // ---------------------------------------------------------------- standalone demo

    /**
     * Runs the emulator until killed. Settings (system property, else environment variable, else default):
     * {@code EMULATOR_PORT} (9099), {@code EMULATOR_CLIENT_ID} (demo-client), {@code EMULATOR_CLIENT_SECRET}
     * (demo-client-secret), {@code EMULATOR_REDIRECT_URIS} (comma separated;
     * http://localhost:9080/api/auth/callback), {@code EMULATOR_LOGIN_URL} (http://localhost:9080/api/auth/login),
     * {@code EMULATOR_LOGIN_URL_TENANT_DOMAIN_SUFFIX} (none), {@code EMULATOR_APPLICATION_CUSTOM_DOMAIN_ACTIVE}
     * (true), {@code EMULATOR_CUSTOM_APPLICATION_LOGIN_PAGE_URL} (none).
     */
    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(setting("EMULATOR_PORT", "9099").trim());
        List<String> redirectUris = new ArrayList<>();
        for (String uri : setting("EMULATOR_REDIRECT_URIS", "http://localhost:9080/api/auth/callback").split(",")) {
            if (!uri.isBlank()) {
                redirectUris.add(uri.trim());
            }
        }
        EmulatorClient client = new EmulatorClient(
                setting("EMULATOR_CLIENT_ID", "demo-client"),
                setting("EMULATOR_CLIENT_SECRET", "demo-client-secret"),
                redirectUris,
                setting("EMULATOR_LOGIN_URL", "http://localhost:9080/api/auth/login"),
                blankToNull(setting("EMULATOR_LOGIN_URL_TENANT_DOMAIN_SUFFIX", "")),
                Boolean.parseBoolean(setting("EMULATOR_APPLICATION_CUSTOM_DOMAIN_ACTIVE", "true").trim()),
                blankToNull(setting("EMULATOR_CUSTOM_APPLICATION_LOGIN_PAGE_URL", "")));
        WristbandEmulator emulator = start(port, client);
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "wristband-emulator-shutdown"));
        System.out.println("Wristband emulator listening on 127.0.0.1:" + emulator.port() + ": application "
                + emulator.applicationOrigin() + ", tenant hosts http://" + emulator.tenantHost("{tenant}")
                + ", client " + client.clientId() + ", users alice/bob@devs4you, carol@acme");
        emulator.closed.await();
    }

    private static String setting(String name, String defaultValue) {
        String value = System.getProperty(name);
        if (value == null) {
            value = System.getenv(name);
        }
        return value == null ? defaultValue : value;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
