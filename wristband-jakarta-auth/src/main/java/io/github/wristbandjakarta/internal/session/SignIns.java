package io.github.wristbandjakarta.internal.session;

import io.github.wristbandjakarta.internal.config.LogSafe;
import io.github.wristbandjakarta.internal.config.WristbandConfig;
import io.github.wristbandjakarta.api.WristbandEvent;
import io.github.wristbandjakarta.api.WristbandEvent.SessionEnded;
import io.github.wristbandjakarta.internal.events.WristbandEvents;
import io.github.wristbandjakarta.internal.login.CallbackResult;
import io.github.wristbandjakarta.internal.token.IdTokenException;
import io.github.wristbandjakarta.internal.token.TokenRefresher;
import io.github.wristbandjakarta.internal.wristband.InvalidGrantException;
import io.github.wristbandjakarta.internal.wristband.WristbandException;
import io.github.wristbandjakarta.internal.wristband.WristbandUnavailableException;
import jakarta.servlet.ServletException;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * The one owner of a sign-in's life (docs/protocol.md §9.7, §9.8). Every other class goes through it: the Callback
 * Endpoint to begin one, the authentication mechanism and the access-token accessor to use it, the Logout Endpoint to
 * end it. It is the only writer of the sign-in into the HttpSession and the only source of the lifecycle events
 * ({@code SignedIn}, {@code TokensRefreshed}, {@code SessionEnded}, {@code SignedOut}).
 *
 * <ol>
 *   <li><b>Begin</b> (the callback, after every check of the login state and the tokens): a new CSRF token, the sign-in
 *       stored under a session id nobody knew before this request ({@link SessionStore#begin}), the container's idle
 *       timeout capped to the absolute lifetime, {@code SignedIn}; the answer's cookies: the CSRF token and, in a
 *       cluster, the {@link SignInMarker}.</li>
 *   <li><b>Current</b> (any request): the sign-in of the request; in a cluster, one the node does not hold yet but that
 *       a valid marker announces is waited for briefly, and else {@link #announced} for a retry of the request, for as
 *       long as the marker holds; past its absolute lifetime it ends; with expired tokens it is refreshed through the
 *       single-flight {@link TokenRefresher} (on WildFly, in a cluster, the answer's marker announcing the new tokens),
 *       or ended when Wristband refuses, or kept when Wristband is unreachable (the request goes on while Wristband
 *       still accepts the access token); unless a marker announces newer tokens that another node has just stored:
 *       then the request goes on with the access token while Wristband accepts it, and else waits for them.</li>
 *   <li><b>End</b>, with a reason (lifetime, tokens expired, refresh refused, a value that does not open):
 *       {@code SessionEnded}, told by the request that ended it.</li>
 *   <li><b>Sign out</b> (the Logout Endpoint): the HttpSession invalidated, the container's caller logged out,
 *       {@code SignedOut}, and the deletions of every cookie the sign-in set.</li>
 * </ol>
 *
 * <p>Nothing before the callback is kept on the server: a login start lives in its sealed login-state cookie, as with
 * the official SDKs.
 */
public final class SignIns {

    private static final Logger LOG = Logger.getLogger(SignIns.class.getName());

    /** How often a node that waits for a replicated sign-in asks the container again. */
    private static final Duration POLL = Duration.ofMillis(10);

    /**
     * How long one request waits for a replicated sign-in before it is answered with a retry ({@link #announced}):
     * WildFly 39 answers every lookup of a session that one request makes with what its first lookup found, so a
     * request that started before the session arrived never sees it (its session manager keeps a request's missing
     * session until the request ends); the next request does.
     */
    static final Duration WAIT_PER_REQUEST = Duration.ofMillis(200);

    /**
     * How long one request waits for newer tokens a marker announces before it is answered with its one retry
     * ({@link #newerSoon}): longer than WildFly took to store a session on the other node in 800 sign-ins on a loaded
     * 2-core machine (356 ms, docs/clustering.md), since the retry is the only one.
     */
    static final Duration NEWER_TOKENS_WAIT = Duration.ofMillis(500);

    /** The request attribute that {@link #announced} reads. */
    private static final String ANNOUNCED = SignIns.class.getName() + ".announced";

    /** The request attribute that {@link #cookiesToSet} reads. */
    private static final String MARKER_TO_SET = SignIns.class.getName() + ".marker";

    /**
     * Requests of one node that may wait for a replicated sign-in at once; beyond them a request is retried at once
     * ({@link #announced}), so that waits never take all of a server's worker threads.
     */
    static final int MAX_WAITING = 16;

    /** A completed sign-in: the user, and the cookies the callback's answer sets. */
    public record Begun(WristbandSession session, List<String> setCookies) {
        public Begun {
            setCookies = List.copyOf(setCookies);
        }
    }

    private final WristbandConfig config;
    private final SessionStore store;
    private final TokenRefresher refresher;
    private final CsrfProtection csrf;
    private final WristbandEvents events;
    private final Clock clock;
    private final SignInMarker marker;
    private final Semaphore waiting = new Semaphore(MAX_WAITING);

    public SignIns(WristbandConfig config, SessionStore store, TokenRefresher refresher, CsrfProtection csrf,
                   WristbandEvents events, Clock clock) {
        this.config = config;
        this.store = store;
        this.refresher = refresher;
        this.csrf = csrf;
        this.events = events;
        this.clock = clock;
        this.marker = SignInMarker.of(config.sessionSecrets(), !config.dangerouslyDisableSecureCookies());
    }

    /** 1. Begins the sign-in the callback completed. */
    public Begun begin(HttpServletRequest request, CallbackResult.Completed completed) {
        Instant now = clock.instant();
        String csrfToken = csrf.newToken();
        WristbandSession session = WristbandSession.from(completed, csrfToken, now);
        HttpSession stored = store.begin(request, session);
        capIdleTimeout(stored);
        LOG.info("Callback completed: user " + LogSafe.clean(session.userId()) + " signed in to tenant "
                + LogSafe.clean(session.tenantName()));
        events.fire(new WristbandEvent.SignedIn(session.userId(), session.tenantId(), session.tenantName(),
                completed.customState()));
        List<String> cookies = new ArrayList<>();
        if (csrf.enabled()) {
            cookies.add(csrf.setCookie(csrfToken));
        }
        if (waitsForReplication()) {
            cookies.add(marker.set(stored.getId(), now.plus(config.sessionReplicationWait()), now,
                    generation(session)));
        }
        return new Begun(session, cookies);
    }

    /**
     * 2. The sign-in of this request, fit for use: within its absolute lifetime, with tokens that have not expired (or
     * the ones Wristband could not renew right now, never ended for that). Empty when there is none, or it ended.
     */
    public Optional<WristbandSession> current(HttpServletRequest request) {
        Optional<WristbandSession> found = read(request, true);
        if (found.isEmpty()) {
            return found;
        }
        WristbandSession session = found.get();
        refresher.forgetExpired();
        Instant now = clock.instant();
        if (!now.isBefore(session.authenticatedAt().plus(config.sessionAbsoluteLifetime()))) {
            end(request, session, SessionEnded.Reason.ABSOLUTE_LIFETIME, "Session ended: absolute lifetime reached");
            return Optional.empty();
        }
        if (!session.tokens().isExpired(now)) {
            return Optional.of(session);
        }
        Optional<SignInMarker.Announcement> newerElsewhere = waitsForReplication()
                ? announcedNewer(request, session) : Optional.empty();
        if (newerElsewhere.isPresent()) {
            // Another node has just refreshed this session, and its store has not reached this node yet: a refresh
            // here would present a refresh token Wristband may have rotated.
            if (stillGoodAtWristband(session)) {
                return Optional.of(session); // the access token it has is still accepted: go on with it
            }
            Optional<WristbandSession> newer = newerSoon(request, session, newerElsewhere.get());
            if (newer.isEmpty() || !newer.get().tokens().isExpired(now)) {
                return newer;
            }
            session = newer.get();
        }
        return refresh(request, session);
    }

    /**
     * The sign-in as the HttpSession holds it, whatever its tokens' or lifetime's state: what the Logout Endpoint
     * revokes and signs out.
     */
    public Optional<WristbandSession> stored(HttpServletRequest request) {
        return read(request, false);
    }

    /**
     * The sign-in the HttpSession holds (with {@code awaitAnnounced}, one announced by a marker that arrives soon),
     * telling the application when the request found a value that does not open and removed it.
     */
    private Optional<WristbandSession> read(HttpServletRequest request, boolean awaitAnnounced) {
        SessionStore.Read read = store.read(request);
        if (awaitAnnounced && read instanceof SessionStore.Read.None) {
            read = replicatedSoon(request);
        }
        if (read instanceof SessionStore.Read.Unopened) {
            events.fire(new SessionEnded(null, null, SessionEnded.Reason.FORGED_OR_ALTERED));
        }
        return read instanceof SessionStore.Read.SignedIn signedIn ? Optional.of(signedIn.session())
                : Optional.empty();
    }

    /**
     * 4. Signs out whoever this request's HttpSession holds ({@code signedIn}, as {@link #stored} found it).
     *
     * @return the deletions of the cookies the sign-in set, for the answer
     */
    public List<String> signOut(HttpServletRequest request, Optional<WristbandSession> signedIn) {
        boolean hadSession = store.invalidate(request);
        signedIn.ifPresent(s -> events.fire(new WristbandEvent.SignedOut(s.userId(), s.tenantId())));
        try {
            request.logout();
        } catch (ServletException e) {
            LOG.log(Level.FINE, "Container logout failed", e);
        }
        List<String> deletions = new ArrayList<>(List.of(csrf.deleteCookie()));
        if (hadSession) {
            deletions.add(deleteSessionCookie(request));
        }
        if (waitsForReplication()) {
            deletions.add(marker.delete());
        }
        return deletions;
    }

    /**
     * The cookies this request's answer must set because of what {@link #current} did: after a refresh that called
     * Wristband, in a cluster, the {@link SignInMarker} announcing the new tokens' generation; with a retry for tokens
     * that did not arrive, its deletion.
     */
    public List<String> cookiesToSet(HttpServletRequest request) {
        return request.getAttribute(MARKER_TO_SET) instanceof String setCookie ? List.of(setCookie) : List.of();
    }

    /**
     * Whether this request, for which {@link #current} found nobody, names a session whose sign-in another node has
     * just stored (a valid marker) and this node does not hold yet: the caller answers it with a retry of the same
     * request, which finds the session once it has arrived, for as long as the marker holds
     * ({@code wristband.session.replication-wait}).
     */
    public boolean announced(HttpServletRequest request) {
        return request.getAttribute(ANNOUNCED) != null;
    }

    private boolean waitsForReplication() {
        return config.sessionReplicated() && !config.sessionReplicationWait().isZero();
    }

    /**
     * A sign-in this node does not hold yet, for a request whose marker says another node has just stored it
     * (docs/clustering.md "What reaches the other node when"): asked for again until it arrives, {@link #WAIT_PER_REQUEST}
     * has passed or the marker's time has come; if it has not arrived, the request is {@link #announced} for a retry.
     * Nothing is waited for without a valid marker of this very session id.
     */
    private SessionStore.Read replicatedSoon(HttpServletRequest request) {
        if (!waitsForReplication()) {
            return SessionStore.Read.NONE;
        }
        String requested = request.getRequestedSessionId();
        String value = requested == null ? null : cookie(request, SignInMarker.NAME);
        if (value == null) {
            return SessionStore.Read.NONE;
        }
        Optional<Instant> until = marker.holdsUntil(value, requested, clock.instant());
        if (until.isEmpty()) {
            return SessionStore.Read.NONE;
        }
        return awaitStored(request, until.get(), WAIT_PER_REQUEST, read -> !(read instanceof SessionStore.Read.None))
                .orElse(SessionStore.Read.NONE);
    }

    /**
     * Asks the container again, every {@link #POLL}, for what this request's session holds until {@code arrived} holds
     * for it, {@code longest} has passed or the marker's time {@code until} has come; if it has not arrived, the request
     * is {@link #announced} for a retry. At most {@link #MAX_WAITING} requests of a node wait at once: beyond them a
     * request is retried at once, holding no thread.
     */
    private Optional<SessionStore.Read> awaitStored(HttpServletRequest request, Instant until, Duration longest,
                                                    Predicate<SessionStore.Read> arrived) {
        if (!waiting.tryAcquire()) {
            request.setAttribute(ANNOUNCED, Boolean.TRUE);
            return Optional.empty();
        }
        Duration untilMarkersTime = Duration.between(clock.instant(), until);
        Duration bound = untilMarkersTime.compareTo(longest) < 0 ? untilMarkersTime : longest;
        long deadline = System.nanoTime() + bound.toNanos();
        try {
            while (System.nanoTime() - deadline < 0) {
                Thread.sleep(POLL.toMillis());
                SessionStore.Read read = store.read(request);
                if (arrived.test(read)) {
                    return Optional.of(read);
                }
            }
            request.setAttribute(ANNOUNCED, Boolean.TRUE);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            waiting.release();
        }
    }

    /** The generation a marker announces for {@code session}'s tokens: their expiry, in epoch seconds. */
    private static long generation(WristbandSession session) {
        return Math.max(1, session.tokens().expiresAt().getEpochSecond());
    }

    /**
     * What the request's marker announces when it names newer tokens than this node holds for the session: another
     * node has just refreshed them, and its store has not reached this node yet.
     */
    private Optional<SignInMarker.Announcement> announcedNewer(HttpServletRequest request, WristbandSession session) {
        String value = cookie(request, SignInMarker.NAME);
        if (value == null) {
            return Optional.empty();
        }
        return marker.announcement(value, request.getRequestedSessionId(), clock.instant())
                .filter(a -> a.generation() > generation(session));
    }

    /**
     * The newer tokens a marker announces, asked for again until they arrive or {@link #NEWER_TOKENS_WAIT} has passed;
     * if they have not arrived, the request is {@link #announced} for one retry, which finds them once they have (the
     * same as for a sign-in: {@link #replicatedSoon}). Presenting the older refresh token instead would make Wristband,
     * when it rotates refresh tokens, refuse it. One retry only: its answer deletes the marker, because the tokens it
     * announces may never be stored (two nodes refreshed the session at once, and the other one's tokens were stored
     * last), and the session goes on with the tokens it has.
     */
    private Optional<WristbandSession> newerSoon(HttpServletRequest request, WristbandSession older,
                                                 SignInMarker.Announcement announcement) {
        Optional<WristbandSession> newer = awaitStored(request, announcement.until(), NEWER_TOKENS_WAIT,
                read -> read instanceof SessionStore.Read.SignedIn signedIn
                        && generation(signedIn.session()) > generation(older))
                .map(read -> ((SessionStore.Read.SignedIn) read).session());
        if (newer.isEmpty() && announced(request)) {
            request.setAttribute(MARKER_TO_SET, marker.delete());
        }
        return newer;
    }

    private static String cookie(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(name)) {
                return cookie.getValue();
            }
        }
        return null;
    }

    /**
     * Refreshes the expired tokens of {@code session} through the single-flight refresher and stores them (only the
     * request that called Wristband stores them and tells the application; those that shared its call use them).
     *
     * @return the session with new tokens; the session as it is when Wristband could not be reached but its access
     *         token is still good there (within the expiration buffer: the request goes on with it, the sign-in stays
     *         for a later try); or empty when there is no user for this request: the sign-in ended (Wristband
     *         refused), or Wristband could not be reached and the access token has really expired (the sign-in stays
     *         for the next request to try)
     */
    private Optional<WristbandSession> refresh(HttpServletRequest request, WristbandSession session) {
        if (!session.tokens().canRefresh()) {
            end(request, session, SessionEnded.Reason.TOKENS_EXPIRED,
                    "Session ended: tokens expired and there is no refresh token");
            return Optional.empty();
        }
        try {
            TokenRefresher.Refreshed result = refresher.refreshShared(session.tokens(), session.userId());
            WristbandSession refreshed = session.renewed(result.tokens(), result.userInfo());
            if (result.calledWristband()) {
                boolean storedBeforeAnswer = store.replace(request, session, refreshed);
                events.fire(new WristbandEvent.TokensRefreshed(session.userId(), session.tenantId()));
                if (!storedBeforeAnswer) {
                    announce(request, refreshed);
                }
            }
            store.useForThisRequest(request, refreshed);
            return Optional.of(refreshed);
        } catch (WristbandUnavailableException e) {
            // Logged once by the refresher; the sign-in stays for a later try (docs/protocol.md §7.3).
            return stillGoodAtWristband(session) ? Optional.of(session) : Optional.empty();
        } catch (InvalidGrantException e) {
            if (config.sessionReplicated()) {
                return keptOrEnded(request, session);
            }
            end(request, session, SessionEnded.Reason.REFRESH_REFUSED, null); // logged once by the refresher
            return Optional.empty();
        } catch (WristbandException | IdTokenException e) {
            end(request, session, SessionEnded.Reason.REFRESH_REFUSED, null); // logged once by the refresher
            return Optional.empty();
        }
    }

    /**
     * A refresh refused in a cluster. Another node may have refreshed this session with the same refresh token a
     * moment ago, and Wristband, rotating refresh tokens, refuses the second use although the user is fine. That
     * node's tokens reach this one through the container's session replication, but only with a later request: a node
     * reads the replicated session when a request starts. Until then the sign-in is kept and requests go on with the
     * access token they have, as long as it is still valid at Wristband (the expiration buffer); a refresh token that
     * is really dead ends the sign-in once that access token has expired. The refresher remembers the refusal for its
     * grace period, so this node does not ask Wristband again with that refresh token.
     */
    private Optional<WristbandSession> keptOrEnded(HttpServletRequest request, WristbandSession session) {
        if (stillGoodAtWristband(session)) {
            LOG.fine("Token refresh refused while the access token is still valid; session kept "
                    + "(a concurrent refresh on another cluster node may have rotated the refresh token)");
            return Optional.of(session);
        }
        end(request, session, SessionEnded.Reason.REFRESH_REFUSED,
                "Token refresh refused and the access token has expired: session ended");
        return Optional.empty();
    }

    /**
     * In a cluster whose container stores a request's session changes after its answer (WildFly), the marker for this
     * request's answer that announces the refreshed tokens to the other nodes ({@link #cookiesToSet}).
     */
    private void announce(HttpServletRequest request, WristbandSession refreshed) {
        HttpSession session = request.getSession(false);
        if (!waitsForReplication() || session == null) {
            return;
        }
        Instant now = clock.instant();
        request.setAttribute(MARKER_TO_SET, marker.set(session.getId(), now.plus(config.sessionReplicationWait()), now,
                generation(refreshed)));
    }

    /**
     * Whether the session's access token is still accepted by Wristband: the library counts it expired one
     * expiration buffer before Wristband does, so that it is refreshed before it runs out.
     */
    private boolean stillGoodAtWristband(WristbandSession session) {
        return session.tokens().acceptedByWristband(clock.instant(), config.tokenExpirationBuffer());
    }

    /**
     * 3. Ends the sign-in {@code dead} for {@code reason}: the request that ends it (not those that find it ended by
     * another) logs {@code logLine} (null: already logged) and tells the application.
     */
    private void end(HttpServletRequest request, WristbandSession dead, SessionEnded.Reason reason, String logLine) {
        if (store.end(request, dead)) {
            if (logLine != null) {
                LOG.info(logLine);
            }
            events.fire(new SessionEnded(dead.userId(), dead.tenantId(), reason));
        }
    }

    /**
     * The container may keep an idle session no longer than the absolute lifetime, so that it never outlives it in
     * memory or in a replicated cache ({@link #current} checks the lifetime on every request as well).
     */
    private void capIdleTimeout(HttpSession session) {
        long absolute = config.sessionAbsoluteLifetime().toSeconds();
        try {
            int idle = session.getMaxInactiveInterval();
            if (idle <= 0 || idle > absolute) {
                session.setMaxInactiveInterval((int) Math.min(Integer.MAX_VALUE, Math.max(1, absolute)));
            }
        } catch (IllegalStateException invalidatedMeanwhile) {
            // Signed out by a parallel request.
        }
    }

    private static String deleteSessionCookie(HttpServletRequest request) {
        SessionCookieConfig cookie = request.getServletContext().getSessionCookieConfig();
        String name = cookie.getName() != null ? cookie.getName() : "JSESSIONID";
        String path = cookie.getPath() != null ? cookie.getPath()
                : request.getContextPath().isEmpty() ? "/" : request.getContextPath();
        return name + "=; Path=" + path + "; Max-Age=0; HttpOnly; SameSite=Lax"
                + (request.isSecure() || cookie.isSecure() ? "; Secure" : "");
    }
}
