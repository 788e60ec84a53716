package io.github.wristbandjakarta.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jose4j.jwk.RsaJsonWebKey;

/**
 * What one emulator knows and remembers, shared by its facade (which sets the knobs) and its endpoints (which read
 * them and keep the protocol's state): the client and users, the knobs, keys, grants, and the scripted answers and
 * recorded requests.
 */
final class EmulatorState {

    static final Duration DEFAULT_ACCESS_TOKEN_LIFETIME = Duration.ofSeconds(1800);

    final EmulatorClient client;
    final List<EmulatorUser> users;
    final int port;
    final CountDownLatch closed = new CountDownLatch(1);

    // knobs and counters
    final Map<Endpoint, AtomicInteger> calls = new EnumMap<>(Endpoint.class);
    final Map<Endpoint, Fault> faults = new ConcurrentHashMap<>();
    /** Counted down (and replaced) by clearFaults, reset and close: releases the calls a Hang holds. */
    volatile CountDownLatch hangRelease = new CountDownLatch(1);
    volatile Duration accessTokenLifetime = DEFAULT_ACCESS_TOKEN_LIFETIME;
    volatile boolean rotateRefreshTokens;
    volatile boolean omitRefreshTokenOnRefresh;
    final AtomicReference<String> nextAuthorizeError = new AtomicReference<>();
    volatile IdTokenTampering idTokenTampering = IdTokenTampering.NONE;
    volatile boolean extraJwksKey;

    // keys: the minter is made at first use, so that a test that brings its own key generates none
    private TokenMinter minter;
    private RsaJsonWebKey extraKey;
    /** The keys the JWKS publishes instead of the signing key (and extra key), or null. */
    volatile List<RsaJsonWebKey> publishedKeys;

    // scripted mode
    private final Map<Endpoint, Deque<ScriptedAnswer>> scripts = new EnumMap<>(Endpoint.class);
    /** The most recent requests, oldest first: a long demo or benchmark run must not grow it without end. */
    private final Deque<RecordedRequest> recorded = new ArrayDeque<>();
    static final int RECORDED_LIMIT = 10_000;

    // protocol state
    final Map<String, PendingAuthorization> pending = new ConcurrentHashMap<>();
    final Map<String, AuthorizationCode> codes = new ConcurrentHashMap<>();
    final Set<String> usedCodes = ConcurrentHashMap.newKeySet();
    final Map<String, RefreshGrant> refreshTokens = new ConcurrentHashMap<>();
    final Map<String, AccessGrant> accessTokens = new ConcurrentHashMap<>();
    final List<String> issuedTokens = new CopyOnWriteArrayList<>();
    final List<LogoutCall> logoutCalls = new CopyOnWriteArrayList<>();
    final List<String> revokedTokens = new CopyOnWriteArrayList<>();

    record PendingAuthorization(String tenant, String redirectUri, String state, String scope,
            String codeChallenge, String nonce) {
    }

    record AuthorizationCode(String clientId, String redirectUri, String codeChallenge, String nonce,
            EmulatorUser user, String scope, Instant expiresAt, long authTime) {
    }

    static final class RefreshGrant {
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

    record AccessGrant(EmulatorUser user, Instant expiresAt) {
    }

    EmulatorState(EmulatorClient client, List<EmulatorUser> users, int port) {
        this.client = client;
        this.users = users;
        this.port = port;
        for (Endpoint e : Endpoint.values()) {
            calls.put(e, new AtomicInteger());
            scripts.put(e, new ArrayDeque<>());
        }
    }

    String vanityDomain() {
        return "localhost:" + port;
    }

    String applicationOrigin() {
        return "http://" + vanityDomain();
    }

    /** The separator of tenant hosts: {@code .} with an application custom domain, else {@code -}. */
    String separator() {
        return client.applicationCustomDomainActive() ? "." : "-";
    }

    List<EmulatorUser> usersOf(String tenant) {
        return users.stream().filter(u -> u.tenantName().equals(tenant)).toList();
    }

    EmulatorUser user(String login) {
        return users.stream().filter(u -> u.login().equals(login)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no user " + login));
    }

    synchronized TokenMinter minter() {
        if (minter == null) {
            minter = new TokenMinter(applicationOrigin(), client.clientId(), client.clientSecret(),
                    TokenMinter.newKey());
        }
        return minter;
    }

    synchronized void signingKey(RsaJsonWebKey key) {
        minter = new TokenMinter(applicationOrigin(), client.clientId(), client.clientSecret(), key);
    }

    /** A published key that signs nothing (never the key of {@link TokenMinter#unknownKey()}). */
    synchronized RsaJsonWebKey extraKey() {
        if (extraKey == null) {
            extraKey = TokenMinter.newKey();
        }
        return extraKey;
    }

    void releaseHangs() {
        CountDownLatch hanging = hangRelease;
        hangRelease = new CountDownLatch(1);
        hanging.countDown();
    }

    void script(Endpoint endpoint, List<ScriptedAnswer> answers) {
        Deque<ScriptedAnswer> queue = scripts.get(endpoint);
        synchronized (queue) {
            queue.addAll(answers);
        }
    }

    /** The next scripted answer of the endpoint, taken from its queue, or null. */
    ScriptedAnswer nextScripted(Endpoint endpoint) {
        Deque<ScriptedAnswer> queue = scripts.get(endpoint);
        synchronized (queue) {
            return queue.poll();
        }
    }

    void record(RecordedRequest request) {
        synchronized (recorded) {
            if (recorded.size() == RECORDED_LIMIT) {
                recorded.removeFirst();
            }
            recorded.addLast(request);
        }
    }

    List<RecordedRequest> recorded() {
        synchronized (recorded) {
            return List.copyOf(recorded);
        }
    }

    void clearRecorded() {
        synchronized (recorded) {
            recorded.clear();
        }
    }

    void clearScripts() {
        for (Deque<ScriptedAnswer> queue : scripts.values()) {
            synchronized (queue) {
                queue.clear();
            }
        }
    }
}
