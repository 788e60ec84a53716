package io.github.wristbandjakarta.session;

import io.github.wristbandjakarta.events.WristbandEvent;
import io.github.wristbandjakarta.events.WristbandEvents;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.time.Instant;
import java.util.Collections;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Keeps the {@link WristbandSession} in the container's HttpSession under one attribute, sealed
 * ({@link SessionSeal}: a sign-in that does not open is ended with a log line). Reading never creates a
 * session; starting a login gives the session a new id (or creates it) and records the login in it
 * ({@link PendingLogins}); its callback signs the user in within that session without changing the id again;
 * signing out invalidates the whole session. A sign-in that dies on its own (absolute lifetime, refused refresh) is
 * removed at once and the rest of its HttpSession at the next sign-in, so that one user's application state never
 * passes to the next.
 *
 * <p>Why the id changes when the login starts rather than at the callback (where it changes only when the callback
 * comes with another session than the one its login started in): the browser follows the callback's redirect at
 * once, and on WildFly 39 with {@code <distributable/>} a session that a response creates (a new id is a new session)
 * is stored only after that response has been sent (Undertow's {@code responseDone()} sends it before WildFly's
 * session manager stores it; README "Clustering", "What reaches the other node when"). A session that exists before
 * the callback is found by the next request on any node, with the sign-in once the callback's changes are stored.
 */
public final class SessionStore {

    private static final Logger LOG = Logger.getLogger(SessionStore.class.getName());

    /** The attribute holding the {@link SealedSession}. */
    public static final String ATTRIBUTE = WristbandSession.class.getName();

    /** The logins started in this session and not completed ({@link PendingLogins}). */
    static final String PENDING = PendingLogins.class.getName();

    /** The request attribute of {@link #useForThisRequest}. */
    static final String REQUEST_ATTRIBUTE = ATTRIBUTE + ".request";

    /** Marks an HttpSession whose sign-in ended without a logout; the next sign-in empties it. */
    static final String ENDED = ATTRIBUTE + ".ended";

    private final boolean replicated;
    private final SessionSeal seal;
    private final WristbandEvents events;

    public SessionStore(boolean replicated, SessionSeal seal) {
        this(replicated, seal, WristbandEvents.NONE);
    }

    public SessionStore(boolean replicated, SessionSeal seal, WristbandEvents events) {
        this.replicated = replicated;
        this.seal = seal;
        this.events = events;
    }

    /**
     * Whether other cluster nodes share this session (README "Clustering"). A node reads the replicated session when
     * a request starts and not while it runs, so a refresh that races with one on another node cannot see that
     * node's new tokens before its own request ends.
     */
    public boolean replicated() {
        return replicated;
    }

    /**
     * The sign-in of this request: the one the authentication mechanism refreshed for it ({@link #useForThisRequest}),
     * else the one the HttpSession holds.
     */
    public Optional<WristbandSession> current(HttpServletRequest request) {
        if (request.getAttribute(REQUEST_ATTRIBUTE) instanceof WristbandSession refreshed) {
            return Optional.of(refreshed);
        }
        HttpSession session = request.getSession(false);
        if (session == null) {
            return Optional.empty();
        }
        try {
            Object stored = session.getAttribute(ATTRIBUTE);
            if (stored == null) {
                return Optional.empty();
            }
            Optional<SessionSeal.Opened> opened = open(stored);
            if (opened.isEmpty()) {
                endUnopened(session, stored);
                return Optional.empty();
            }
            if (opened.get().stale()) {
                resealed(session, stored, opened.get().session());
            }
            return Optional.of(opened.get().session());
        } catch (IllegalStateException invalidatedMeanwhile) {
            return Optional.empty();
        }
    }

    private Optional<SessionSeal.Opened> open(Object stored) {
        return stored instanceof SealedSession sealed ? seal.opening(sealed) : Optional.empty();
    }

    /** The sign-in {@code session} holds, if it opens; no side effects. */
    private Optional<WristbandSession> signedIn(HttpSession session) {
        Object stored = session.getAttribute(ATTRIBUTE);
        return stored == null ? Optional.empty() : open(stored).map(SessionSeal.Opened::session);
    }

    /**
     * A value that does not open under this node's secrets: changed in the session store or by a cluster member, or
     * sealed under a secret no longer configured. Nobody is signed in by it; it is removed, once.
     */
    private void endUnopened(HttpSession session, Object stored) {
        synchronized (this) {
            if (session.getAttribute(ATTRIBUTE) != stored) {
                return;
            }
            session.setAttribute(ENDED, Boolean.TRUE);
            session.removeAttribute(ATTRIBUTE);
        }
        LOG.warning("Session ended: its sign-in does not open under this node's session secrets (altered or forged "
                + "in the session store, or sealed under a secret no longer in wristband.session.secrets)");
        events.fire(new WristbandEvent.SessionEnded(null, null, WristbandEvent.SessionEnded.Reason.FORGED_OR_ALTERED));
    }

    /**
     * Sealed under an older secret: sealed again under the first one, so that an old secret can leave the list once
     * the container's session idle timeout has passed (every session used since then has moved on).
     */
    private synchronized void resealed(HttpSession session, Object stored, WristbandSession signedIn) {
        if (session.getAttribute(ATTRIBUTE) == stored) {
            session.setAttribute(ATTRIBUTE, seal.seal(signedIn));
        }
    }

    /**
     * The Login Endpoint starts the login {@code state} (its login-state cookie expiring at {@code expiresAt}): the
     * session gets an id nobody knew before (a new session, or the existing one under a new id, its attributes kept)
     * and records the login. A session id the browser sent for a session that does not exist is never adopted.
     */
    public void prepareLogin(HttpServletRequest request, String state, Instant expiresAt, Instant now) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            try {
                request.changeSessionId();
            } catch (IllegalStateException invalidatedMeanwhile) {
                session = null;
            }
        }
        if (session == null) {
            session = created(request);
        }
        session.setAttribute(PENDING, pending(session).with(state, expiresAt, now));
    }

    /**
     * Completes the login {@code state}: the sign-in replaces whatever sign-in the session held; the application state
     * of another user's or an ended sign-in is emptied first, that of an anonymous visitor or of the same user is kept.
     *
     * <p>In the session where this login started (it holds {@code state}: only the Login Endpoint puts a state there,
     * right after giving the session an id nobody knew) the sign-in is stored under the id the login start gave it,
     * and nothing else happens to the session. That holds even while the container still calls the session new: on
     * WildFly the request that created it may not have been stored yet when the callback arrives on the same node
     * under load (README "Clustering"), and a new id there would be a session stored only after this response, which
     * the browser's next request, on another node, would not find. Otherwise (logins
     * started in parallel tabs without a session, each creating its own; cookies lost; the session expired during the
     * login) the session gets a new id here, as it would have at the login start, or a new session is created.
     */
    public void start(HttpServletRequest request, WristbandSession signedIn, String state, Instant now) {
        HttpSession existing = request.getSession(false);
        if (existing != null) {
            try {
                synchronized (this) {
                    PendingLogins pending = pending(existing);
                    boolean startedHere = pending.contains(state, now);
                    if (heldAnotherSignIn(existing, signedIn.userId())) {
                        for (String name : Collections.list(existing.getAttributeNames())) {
                            if (!name.equals(PENDING)) {
                                existing.removeAttribute(name);
                            }
                        }
                    }
                    PendingLogins rest = pending.without(state);
                    if (rest.isEmpty()) {
                        existing.removeAttribute(PENDING);
                    } else if (rest.entries().size() != pending.entries().size()) {
                        existing.setAttribute(PENDING, rest);
                    }
                    if (!startedHere) {
                        request.changeSessionId();
                    }
                    existing.setAttribute(ATTRIBUTE, seal.seal(signedIn));
                    return;
                }
            } catch (IllegalStateException invalidatedMeanwhile) {
                // Signed out by a parallel request: a new session follows.
            }
        }
        created(request).setAttribute(ATTRIBUTE, seal.seal(signedIn));
    }

    /**
     * A new session, never under the id the browser asked for: WildFly's distributable session manager creates a
     * session under the requested id when no session has it, and that id may have been planted. (Changing the id of a
     * session the container did not adopt that way would only send the browser a second session cookie.)
     */
    private static HttpSession created(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        String requested = request.getRequestedSessionId();
        if (requested != null && requested.contains(session.getId())) {
            request.changeSessionId();
        }
        return session;
    }

    private static PendingLogins pending(HttpSession session) {
        return session.getAttribute(PENDING) instanceof PendingLogins pending ? pending : PendingLogins.NONE;
    }

    private boolean heldAnotherSignIn(HttpSession session, String userId) {
        if (session.getAttribute(ENDED) != null) {
            return true;
        }
        if (session.getAttribute(ATTRIBUTE) == null) {
            return false;
        }
        // A value that does not open counts as another user's.
        return signedIn(session).map(previous -> !previous.userId().equals(userId)).orElse(true);
    }

    /**
     * This request's sign-in, with the tokens the mechanism has just refreshed (or received from another request's
     * refresh): the Token Endpoint hands out these, not the ones the HttpSession held when the request began, which a
     * request that shared another's refresh would otherwise still read there.
     */
    public void useForThisRequest(HttpServletRequest request, WristbandSession refreshed) {
        request.setAttribute(REQUEST_ATTRIBUTE, refreshed);
    }

    /**
     * Replaces {@code previous} by {@code next} unless another request already stored newer tokens or the same.
     */
    public void replace(HttpServletRequest request, WristbandSession previous, WristbandSession next) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return;
        }
        try {
            synchronized (this) {
                Optional<WristbandSession> stored = signedIn(session);
                if (stored.isPresent() && (stored.get().tokens().expiresAt().isAfter(next.tokens().expiresAt())
                        || stored.get().equals(next))) {
                    // Newer tokens, or these very tokens stored by a request that shared the same refresh: setting
                    // the attribute again would only make a replicating container ship the same value again.
                    return;
                }
                if (stored.isPresent()) {
                    // Not when nothing is stored: the sign-in ended meanwhile and stays ended.
                    session.setAttribute(ATTRIBUTE, seal.seal(next));
                }
            }
        } catch (IllegalStateException invalidatedMeanwhile) {
            // The user signed out while the refresh was running: nothing to keep.
        }
    }

    /**
     * Ends the sign-in {@code dead} that this request found in the session (absolute lifetime reached, refresh
     * refused): the user is signed out at once and the HttpSession is marked, to be emptied at the next sign-in
     * (or invalidated by a logout or the container's idle timeout). It is not invalidated here because this runs in the container's
     * authentication step, often for several requests of the session at once, and WildFly fails a request with a
     * 500 when several invalidate one session together, and leaves Weld's conversation context active on the
     * thread when one invalidates it there. A session that meanwhile holds another sign-in is left alone.
     *
     * @return whether this request ended it (false when another request of the session got there first)
     */
    public boolean end(HttpServletRequest request, WristbandSession dead) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return false;
        }
        try {
            synchronized (this) {
                if (!signedIn(session).map(dead::equals).orElse(false)) {
                    return false;
                }
                session.setAttribute(ENDED, Boolean.TRUE);
                session.removeAttribute(ATTRIBUTE);
                return true;
            }
        } catch (IllegalStateException invalidatedMeanwhile) {
            // Signed out meanwhile.
            return false;
        }
    }

    /** Signs out: invalidates the whole session, whoever is in it. */
    public void end(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            try {
                session.invalidate();
            } catch (IllegalStateException alreadyInvalidated) {
                // Nothing left to end.
            }
        }
    }
}
