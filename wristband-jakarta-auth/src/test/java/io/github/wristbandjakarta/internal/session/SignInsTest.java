package io.github.wristbandjakarta.internal.session;

import io.github.wristbandjakarta.testing.Emulators;
import io.github.wristbandjakarta.testing.TestConfig;

import io.github.wristbandjakarta.internal.config.ConfigKey;
import io.github.wristbandjakarta.internal.config.WristbandConfig;
import io.github.wristbandjakarta.api.WristbandEvent;
import io.github.wristbandjakarta.api.WristbandEvent.SessionEnded;
import io.github.wristbandjakarta.internal.events.WristbandEvents;
import io.github.wristbandjakarta.internal.login.CallbackResult;
import io.github.wristbandjakarta.internal.session.HttpFakes.Request;
import io.github.wristbandjakarta.internal.session.HttpFakes.Session;
import io.github.wristbandjakarta.internal.token.IdTokenValidator;
import io.github.wristbandjakarta.internal.token.JwksCache;
import io.github.wristbandjakarta.internal.token.TokenRefresher;
import io.github.wristbandjakarta.internal.token.TokenSet;
import io.github.wristbandjakarta.internal.wristband.Role;
import io.github.wristbandjakarta.internal.wristband.UserInfo;
import io.github.wristbandjakarta.internal.wristband.WristbandClient;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The life of a sign-in (docs/protocol.md §9.7, §9.8): begin, current, sign out, the wait for a replicated one. */
class SignInsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String SECRET = "a session secret of at least thirty-two characters";
    private static final SessionSeal SEAL = new SessionSeal(List.of(SECRET), new SecureRandom());
    private static final SignInMarker MARKER = SignInMarker.of(List.of(SECRET), true);
    private static final String USER = "user-1";
    private static final String TENANT = "tenant-1";
    private static final Duration LIFETIME = Duration.ofHours(1);
    /** How often SignIns asks the container again while it waits for a replicated sign-in. */
    private static final Duration POLL = Duration.ofMillis(10);
    private static final String CSRF_DELETION = "CSRF-TOKEN=; Path=/; Max-Age=0; SameSite=Lax; Secure";
    private static final String SESSION_COOKIE_DELETION =
            "JSESSIONID=; Path=/app; Max-Age=0; HttpOnly; SameSite=Lax; Secure";
    private static final String MARKER_DELETION =
            "WRISTBAND-SIGN-IN=; HttpOnly; Path=/; Max-Age=0; SameSite=Lax; Secure";

    private final Map<String, String> values = new HashMap<>(Map.of(
            ConfigKey.CLIENT_ID.key(), Emulators.CLIENT_ID,
            ConfigKey.CLIENT_SECRET.key(), Emulators.CLIENT_SECRET,
            ConfigKey.LOGIN_STATE_SECRET.key(), TestConfig.LOGIN_STATE_SECRET,
            ConfigKey.APPLICATION_VANITY_DOMAIN.key(), "auth.example",
            ConfigKey.LOGIN_URL.key(), "https://app.example/app/api/auth/login",
            ConfigKey.REDIRECT_URI.key(), "https://app.example/app/api/auth/callback",
            ConfigKey.AUTO_CONFIGURE_ENABLED.key(), "false",
            ConfigKey.SESSION_SECRETS.key(), SECRET,
            ConfigKey.SESSION_ABSOLUTE_LIFETIME.key(), Long.toString(LIFETIME.toSeconds())));

    /** The time the sign-ins see. */
    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    /** What the sign-ins told the application's observers. */
    private final List<WristbandEvent> fired = new ArrayList<>();

    private SignIns signIns() {
        WristbandConfig config = TestConfig.config(values);
        WristbandClient client = TestConfig.client(config);
        JwksCache jwks = new JwksCache(client, config.jwksRefreshCooldown(), config.requestTimeout(), clock);
        WristbandEvents events = new WristbandEvents(fired::add);
        TokenRefresher refresher = new TokenRefresher(config, client, new IdTokenValidator(config, jwks, clock), clock,
                events);
        return new SignIns(config, new SessionStore(SEAL), refresher, new CsrfProtection(config, new SecureRandom()),
                events, clock);
    }

    private void replicated(Duration wait) {
        values.put(ConfigKey.SESSION_REPLICATED.key(), "true");
        values.put(ConfigKey.SESSION_REPLICATION_WAIT.key(), Long.toString(wait.toSeconds()));
    }

    private static CallbackResult.Completed completed() {
        UserInfo user = new UserInfo(USER, TENANT, "app", "wristband", "user@example.com", true, null, null, null,
                null, List.of(new Role("r1", "app:invotastic:admin", "Admin")));
        return new CallbackResult.Completed(new TokenSet("access", "refresh", NOW.plusSeconds(600)), user,
                "devs4you", null, "https://app.example/app/", "{\"tab\":2}", List.of());
    }

    private static WristbandSession signedIn(Instant authenticatedAt) {
        return new WristbandSession(USER, TENANT, "devs4you", null, "wristband", "user@example.com",
                List.of("app:invotastic:admin"), new TokenSet("access", "refresh", NOW.plusSeconds(600)),
                "0123456789abcdef0123456789abcdef", authenticatedAt);
    }

    /** A request whose browser names the session {@code id}, which holds {@code signedIn}. */
    private static Request requestFor(String id, WristbandSession signedIn) {
        Request request = new Request();
        request.requestedSessionId = id;
        request.session = new Session(id);
        request.session.attributes.put(SessionStore.ATTRIBUTE, SEAL.seal(signedIn));
        return request;
    }

    /** A request of a visitor who has a session but is not signed in. */
    private static Request anonymous() {
        Request request = new Request();
        request.requestedSessionId = "anonymous";
        request.session = new Session("anonymous");
        return request;
    }

    /** The marker cookie for {@code sessionId} that holds until {@code until}. */
    private static Cookie marker(String sessionId, Instant until) {
        return new Cookie(SignInMarker.NAME, cookieValue(MARKER.set(sessionId, until, NOW)));
    }

    private static String cookieValue(String setCookie) {
        return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    }

    private static Optional<String> cookieNamed(List<String> setCookies, String name) {
        return setCookies.stream().filter(c -> c.startsWith(name + "=")).findFirst();
    }

    // ---- begin

    @Test
    void beginFiresSignedInOnce() {
        signIns().begin(new Request().proxy, completed());

        assertEquals(List.of(new WristbandEvent.SignedIn(USER, TENANT, "devs4you", "{\"tab\":2}")), fired);
    }

    @Test
    void beginReturnsTheCsrfCookieOfTheNewSignIn() {
        SignIns.Begun begun = signIns().begin(new Request().proxy, completed());

        assertEquals(List.of("CSRF-TOKEN=" + begun.session().csrfToken() + "; Path=/; SameSite=Lax; Secure"),
                begun.setCookies());
    }

    @Test
    void beginStoresTheSignIn() {
        Request request = new Request();

        SignIns.Begun begun = signIns().begin(request.proxy, completed());

        assertEquals(begun.session(), SEAL.open((SealedSession) request.session.attributes.get(SessionStore.ATTRIBUTE))
                .orElseThrow());
        assertEquals(NOW, begun.session().authenticatedAt());
    }

    @Test
    void beginSetsAMarkerForTheNewSessionIdWhenReplicated() {
        replicated(Duration.ofSeconds(10));
        Request request = new Request();

        List<String> setCookies = signIns().begin(request.proxy, completed()).setCookies();

        String value = cookieValue(cookieNamed(setCookies, SignInMarker.NAME).orElseThrow());
        assertEquals(Optional.of(NOW.plusSeconds(10)), MARKER.holdsUntil(value, request.session.id, NOW),
                "announces the session that holds the sign-in, until the replication wait has passed");
    }

    @Test
    void beginSetsNoMarkerWithoutReplication() {
        List<String> setCookies = signIns().begin(new Request().proxy, completed()).setCookies();

        assertEquals(Optional.empty(), cookieNamed(setCookies, SignInMarker.NAME));
    }

    @Test
    void beginSetsNoMarkerWhenTheReplicationWaitIsOff() {
        replicated(Duration.ZERO);

        List<String> setCookies = signIns().begin(new Request().proxy, completed()).setCookies();

        assertEquals(Optional.empty(), cookieNamed(setCookies, SignInMarker.NAME));
    }

    @Test
    void beginCapsTheIdleTimeoutToTheAbsoluteLifetime() {
        Request request = anonymous();
        request.session.maxInactiveInterval = (int) Duration.ofDays(1).toSeconds();

        signIns().begin(request.proxy, completed());

        assertEquals(LIFETIME.toSeconds(), request.session.maxInactiveInterval);
    }

    @Test
    void beginCapsAnIdleTimeoutOfNeverToTheAbsoluteLifetime() {
        Request request = anonymous();
        request.session.maxInactiveInterval = 0;

        signIns().begin(request.proxy, completed());

        assertEquals(LIFETIME.toSeconds(), request.session.maxInactiveInterval);
    }

    @Test
    void beginKeepsAnIdleTimeoutShorterThanTheAbsoluteLifetime() {
        Request request = anonymous();
        request.session.maxInactiveInterval = 1800;

        signIns().begin(request.proxy, completed());

        assertEquals(1800, request.session.maxInactiveInterval);
    }

    // ---- current

    @Test
    void currentReturnsASignInWithinItsAbsoluteLifetime() {
        WristbandSession session = signedIn(NOW.minus(LIFETIME).plusSeconds(1));

        assertEquals(Optional.of(session), signIns().current(requestFor("s", session).proxy));
        assertEquals(List.of(), fired);
    }

    @Test
    void currentEndsASignInPastItsAbsoluteLifetimeAndTellsTheObserversOnce() {
        Request first = requestFor("s", signedIn(NOW.minus(LIFETIME)));
        Request second = new Request();
        second.session = first.session;
        SignIns signIns = signIns();
        List<Optional<WristbandSession>> firstFound = new ArrayList<>();
        // Both requests of the session find the sign-in; the first ends it while the second is reading it.
        first.session.interleaved = () -> firstFound.add(signIns.current(first.proxy));

        Optional<WristbandSession> secondFound = signIns.current(second.proxy);

        assertEquals(List.of(Optional.empty()), firstFound);
        assertEquals(Optional.empty(), secondFound);
        assertEquals(List.of(new SessionEnded(USER, TENANT, SessionEnded.Reason.ABSOLUTE_LIFETIME)), fired);
    }

    @Test
    void currentTellsTheObserversOnceOfAValueThatDoesNotOpen() {
        Request first = requestFor("s", signedIn(NOW));
        first.session.attributes.put(SessionStore.ATTRIBUTE, new SealedSession(new byte[] {1, 2, 3}));
        Request second = new Request();
        second.session = first.session;
        SignIns signIns = signIns();
        List<Optional<WristbandSession>> firstFound = new ArrayList<>();
        // Both requests of the session find the value; the first ends it while the second is reading it.
        first.session.interleaved = () -> firstFound.add(signIns.current(first.proxy));

        Optional<WristbandSession> secondFound = signIns.current(second.proxy);

        assertEquals(List.of(Optional.empty()), firstFound);
        assertEquals(Optional.empty(), secondFound);
        assertEquals(List.of(new SessionEnded(null, null, SessionEnded.Reason.FORGED_OR_ALTERED)), fired);
    }

    // ---- current, in a cluster: the wait for a sign-in another node has just stored

    @Test
    void currentWaitsForASignInAnnouncedByAMarkerOfItsSessionId() {
        replicated(Duration.ofSeconds(10));
        WristbandSession session = signedIn(NOW);
        Request request = requestFor("s-1", session);
        request.cookies.add(marker("s-1", NOW.plusSeconds(10)));
        request.absentFor = 2;
        SignIns signIns = signIns();

        assertEquals(Optional.of(session), signIns.current(request.proxy));

        assertEquals(3, request.sessionLookups, "asked again until the session arrived, and no more");
        assertFalse(signIns.announced(request.proxy), "found: nothing to retry");
    }

    @Test
    void currentDoesNotWaitWithoutAMarker() {
        replicated(Duration.ofSeconds(10));
        Request request = requestFor("s-1", signedIn(NOW));
        request.absentFor = 3;

        assertEquals(Optional.empty(), signIns().current(request.proxy));

        assertEquals(1, request.sessionLookups, "asked once");
    }

    @Test
    void currentDoesNotWaitWithAMarkerOfAnotherSessionId() {
        replicated(Duration.ofSeconds(10));
        Request request = requestFor("s-1", signedIn(NOW));
        request.cookies.add(marker("s-2", NOW.plusSeconds(10)));
        request.absentFor = 3;

        assertEquals(Optional.empty(), signIns().current(request.proxy));

        assertEquals(1, request.sessionLookups, "asked once");
    }

    @Test
    void currentDoesNotWaitWithAnExpiredMarker() {
        replicated(Duration.ofSeconds(10));
        Request request = requestFor("s-1", signedIn(NOW));
        request.cookies.add(marker("s-1", NOW.minusSeconds(1)));
        request.absentFor = 3;

        assertEquals(Optional.empty(), signIns().current(request.proxy));

        assertEquals(1, request.sessionLookups, "asked once");
    }

    @Test
    void currentDoesNotWaitWithoutReplication() {
        Request request = requestFor("s-1", signedIn(NOW));
        request.cookies.add(marker("s-1", NOW.plusSeconds(10)));
        request.absentFor = 3;

        assertEquals(Optional.empty(), signIns().current(request.proxy));

        assertEquals(1, request.sessionLookups, "asked once");
    }

    @Test
    void currentStopsWaitingAtTheMarkersTime() {
        replicated(Duration.ofSeconds(10));
        Instant markersTime = NOW.plusSeconds(1);
        Duration untilMarkersTime = Duration.ofMillis(50); // shorter than SignIns.WAIT_PER_REQUEST
        clock = Clock.fixed(markersTime.minus(untilMarkersTime), ZoneOffset.UTC);
        Request request = new Request();
        request.requestedSessionId = "s-1";
        request.cookies.add(marker("s-1", markersTime));
        SignIns signIns = signIns();

        long start = System.nanoTime();
        Optional<WristbandSession> found = signIns.current(request.proxy);
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(Optional.empty(), found, "the session never arrived");
        assertTrue(waited.compareTo(untilMarkersTime) >= 0, "waited until the marker's time: " + waited);
        long pollsUntilMarkersTime = untilMarkersTime.dividedBy(POLL);
        assertTrue(request.sessionLookups <= 1 + pollsUntilMarkersTime,
                "stopped at the marker's time, not at the wait per request: " + request.sessionLookups + " lookups");
    }

    @Test
    void currentWaitsForAnAnnouncedSignInOnlyBrieflyAndHasTheRequestRetried() {
        replicated(Duration.ofSeconds(10));
        Instant markersTime = NOW.plusSeconds(10);
        Request request = new Request();
        request.requestedSessionId = "s-1";
        request.cookies.add(marker("s-1", markersTime));
        SignIns signIns = signIns();

        long start = System.nanoTime();
        Optional<WristbandSession> found = signIns.current(request.proxy);
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(Optional.empty(), found, "the session never arrived");
        assertTrue(signIns.announced(request.proxy), "answered with a retry, for as long as the marker holds");
        assertTrue(request.sessionLookups > 1, "asked again while waiting");
        assertTrue(waited.compareTo(SignIns.WAIT_PER_REQUEST) >= 0,
                "waited " + SignIns.WAIT_PER_REQUEST + ": " + waited);
        assertTrue(waited.compareTo(Duration.between(NOW, markersTime)) < 0,
                "stopped long before the marker's time: " + waited);
    }

    // ---- current, in a cluster: newer tokens another node has just stored

    /** The marker cookie for {@code sessionId} that holds until {@code until} and announces tokens expiring then. */
    private static Cookie marker(String sessionId, Instant until, Instant tokensExpireAt) {
        return new Cookie(SignInMarker.NAME, cookieValue(MARKER.set(sessionId, until, NOW,
                tokensExpireAt.getEpochSecond())));
    }

    private static WristbandSession refreshed(WristbandSession session, Instant expiresAt) {
        return session.renewed(new TokenSet("access-2", "refresh-2", expiresAt), null);
    }

    /** A sign-in whose tokens the library counts expired, refreshed {@code secondsAgo} before the buffered end. */
    private static WristbandSession expiredSince(int secondsAgo) {
        return new WristbandSession(USER, TENANT, "devs4you", null, "wristband", "user@example.com",
                List.of("app:invotastic:admin"), new TokenSet("access", "refresh", NOW.minusSeconds(secondsAgo)),
                "0123456789abcdef0123456789abcdef", NOW);
    }

    @Test
    void aNodeHoldingOlderTokensThanAnnouncedGoesOnWithTheAccessTokenWristbandStillAcceptsAndDoesNotRefresh() {
        replicated(Duration.ofSeconds(10));
        WristbandSession older = expiredSince(1); // due for refresh, still good at Wristband for 59 s
        Request request = requestFor("s-1", older);
        request.cookies.add(marker("s-1", NOW.plusSeconds(10), NOW.plusSeconds(1740)));
        SignIns signIns = signIns();

        assertEquals(Optional.of(older), signIns.current(request.proxy), "no refresh: it would present a used token");
        assertFalse(signIns.announced(request.proxy));
        assertEquals(1, request.sessionLookups, "asked once");
    }

    @Test
    void currentWaitsForNewerTokensAMarkerAnnouncesWhenTheAccessTokenHasRunOut() {
        replicated(Duration.ofSeconds(10));
        WristbandSession older = expiredSince(61); // past its end at Wristband too
        WristbandSession newer = refreshed(older, NOW.plusSeconds(1740));
        Request request = requestFor("s-1", older);
        request.cookies.add(marker("s-1", NOW.plusSeconds(10), NOW.plusSeconds(1740)));
        // The other node's store arrives while this request waits: after its first lookup.
        request.session.interleaved = () -> request.session.attributes.put(SessionStore.ATTRIBUTE, SEAL.seal(newer));
        SignIns signIns = signIns();

        assertEquals(Optional.of(newer), signIns.current(request.proxy));
        assertFalse(signIns.announced(request.proxy), "found: nothing to retry");
    }

    @Test
    void currentHasTheRequestRetriedOnceWhenTheAnnouncedTokensDoNotArriveInTime() {
        replicated(Duration.ofSeconds(10));
        Request request = requestFor("s-1", expiredSince(61));
        request.cookies.add(marker("s-1", NOW.plusSeconds(10), NOW.plusSeconds(1740)));
        SignIns signIns = signIns();

        assertEquals(Optional.empty(), signIns.current(request.proxy), "the older tokens are not used");

        assertTrue(signIns.announced(request.proxy), "answered with a retry");
        assertTrue(request.sessionLookups > 1, "asked again while waiting");
        assertEquals(List.of(MARKER_DELETION), signIns.cookiesToSet(request.proxy),
                "one retry only: the tokens announced may never be stored, if another node's were stored last");
    }

    @Test
    void aMarkerOfTheTokensThisNodeHoldsIsNoReasonToWait() {
        replicated(Duration.ofSeconds(10));
        WristbandSession session = signedIn(NOW);
        Request request = requestFor("s-1", session);
        request.cookies.add(marker("s-1", NOW.plusSeconds(10), session.tokens().expiresAt()));
        SignIns signIns = signIns();

        assertEquals(Optional.of(session), signIns.current(request.proxy));
        assertEquals(1, request.sessionLookups, "asked once");
    }

    @Test
    void aMarkerWithoutGenerationIsNoReasonToWaitForASessionThatIsThere() {
        replicated(Duration.ofSeconds(10));
        WristbandSession session = signedIn(NOW);
        Request request = requestFor("s-1", session);
        request.cookies.add(marker("s-1", NOW.plusSeconds(10)));

        assertEquals(Optional.of(session), signIns().current(request.proxy));
        assertEquals(1, request.sessionLookups, "asked once");
    }

    @Test
    void aRequestWithoutMarkerIsNotRetried() {
        replicated(Duration.ofSeconds(10));
        Request request = new Request();
        request.requestedSessionId = "s-1";
        SignIns signIns = signIns();

        signIns.current(request.proxy);

        assertFalse(signIns.announced(request.proxy));
    }

    // ---- sign out

    @Test
    void signOutInvalidatesTheSession() {
        Request request = requestFor("s", signedIn(NOW));
        SignIns signIns = signIns();

        signIns.signOut(request.proxy, signIns.stored(request.proxy));

        assertTrue(request.session.invalidated);
    }

    @Test
    void signOutFiresSignedOut() {
        Request request = requestFor("s", signedIn(NOW));
        SignIns signIns = signIns();

        signIns.signOut(request.proxy, signIns.stored(request.proxy));

        assertEquals(List.of(new WristbandEvent.SignedOut(USER, TENANT)), fired);
    }

    @Test
    void signOutLogsTheCallerOutOfTheContainer() {
        Request request = requestFor("s", signedIn(NOW));
        SignIns signIns = signIns();

        signIns.signOut(request.proxy, signIns.stored(request.proxy));

        assertEquals(1, request.logouts);
    }

    @Test
    void signOutDeletesTheCsrfAndSessionCookies() {
        Request request = requestFor("s", signedIn(NOW));
        SignIns signIns = signIns();

        List<String> deletions = signIns.signOut(request.proxy, signIns.stored(request.proxy));

        assertEquals(List.of(CSRF_DELETION, SESSION_COOKIE_DELETION), deletions);
    }

    @Test
    void signOutInAReplicatedSetupAlsoDeletesTheMarker() {
        replicated(Duration.ofSeconds(10));
        Request request = requestFor("s", signedIn(NOW));
        SignIns signIns = signIns();

        List<String> deletions = signIns.signOut(request.proxy, signIns.stored(request.proxy));

        assertEquals(List.of(CSRF_DELETION, SESSION_COOKIE_DELETION, MARKER_DELETION), deletions);
    }

    @Test
    void signOutWithoutSessionDeletesOnlyTheCsrfCookieAndTellsNobody() {
        Request request = new Request();
        SignIns signIns = signIns();

        List<String> deletions = signIns.signOut(request.proxy, signIns.stored(request.proxy));

        assertEquals(List.of(CSRF_DELETION), deletions);
        assertEquals(List.of(), fired);
    }
}
