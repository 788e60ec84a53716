package io.github.wristbandjakarta.internal.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.util.Collections;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Where a sign-in lives: one sealed attribute ({@link SessionSeal}) of the container's HttpSession. Storage only;
 * {@link SignIns} decides when a sign-in begins, changes and ends, and tells the application. Reading never creates a
 * session, and nothing before the callback does either: a login start keeps its state in the browser's sealed
 * login-state cookie (docs/protocol.md §9.7).
 *
 * <p>A sign-in that dies on its own (absolute lifetime, refused refresh, a value that does not open) is removed at
 * once and the rest of its HttpSession at the next sign-in, so that one user's application state never passes to the
 * next.
 */
public final class SessionStore {

    private static final Logger LOG = Logger.getLogger(SessionStore.class.getName());

    /** The attribute holding the {@link SealedSession}. */
    public static final String ATTRIBUTE = WristbandSession.class.getName();

    /** The request attribute of {@link #useForThisRequest}. */
    static final String REQUEST_ATTRIBUTE = ATTRIBUTE + ".request";

    /** Marks an HttpSession whose sign-in ended without a logout; the next sign-in empties it. */
    static final String ENDED = ATTRIBUTE + ".ended";

    private final SessionSeal seal;
    private final SessionFlush flush = new SessionFlush();

    public SessionStore(SessionSeal seal) {
        this.seal = seal;
    }

    /** What the HttpSession of a request holds. */
    sealed interface Read {
        /** No HttpSession, or one without a sign-in. */
        Read NONE = new None();

        record None() implements Read {
        }

        record SignedIn(WristbandSession session) implements Read {
        }

        /** A value that did not open: removed by this very request, which tells the application. */
        record Unopened() implements Read {
        }
    }

    /**
     * The sign-in of this request: the one refreshed for it ({@link #useForThisRequest}), else the one the HttpSession
     * holds. Asks the container for the session on every call: a node that has not seen a session yet may have it at
     * the next call.
     */
    Read read(HttpServletRequest request) {
        if (request.getAttribute(REQUEST_ATTRIBUTE) instanceof WristbandSession refreshed) {
            return new Read.SignedIn(refreshed);
        }
        HttpSession session = request.getSession(false);
        if (session == null) {
            return Read.NONE;
        }
        try {
            Object stored = session.getAttribute(ATTRIBUTE);
            if (stored == null) {
                return Read.NONE;
            }
            Optional<SessionSeal.Opened> opened = open(stored);
            if (opened.isEmpty()) {
                return endUnopened(session, stored) ? new Read.Unopened() : Read.NONE;
            }
            if (opened.get().stale()) {
                resealed(session, stored, opened.get().session());
            }
            return new Read.SignedIn(opened.get().session());
        } catch (IllegalStateException invalidatedMeanwhile) {
            return Read.NONE;
        }
    }

    /** The sign-in this request holds, if any; for code outside the library's own flow (tests, tools). */
    public Optional<WristbandSession> current(HttpServletRequest request) {
        return read(request) instanceof Read.SignedIn signedIn ? Optional.of(signedIn.session()) : Optional.empty();
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
     *
     * @return whether this request removed it
     */
    private boolean endUnopened(HttpSession session, Object stored) {
        synchronized (this) {
            if (session.getAttribute(ATTRIBUTE) != stored) {
                return false;
            }
            session.setAttribute(ENDED, Boolean.TRUE);
            session.removeAttribute(ATTRIBUTE);
        }
        LOG.warning("Session ended: its sign-in does not open under this node's session secrets (altered or forged "
                + "in the session store, or sealed under a secret no longer in wristband.session.secrets)");
        return true;
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
     * Stores a completed sign-in under a session id that nobody knew before this request (OWASP Session Management
     * Cheat Sheet, "Renew the Session ID After Any Privilege Level Change"): the browser's session gets a new id, or a
     * new session is created, never under an id the browser proposed. Whatever the browser sent (a cookie planted from
     * a sibling host included) names no signed-in session afterwards. The application state of another user's or an
     * ended sign-in is emptied first; that of an anonymous visitor or of the same user is kept.
     *
     * @return the session now holding the sign-in
     */
    HttpSession begin(HttpServletRequest request, WristbandSession signedIn) {
        HttpSession existing = request.getSession(false);
        if (existing != null) {
            try {
                synchronized (this) {
                    if (heldAnotherSignIn(existing, signedIn.userId())) {
                        for (String name : Collections.list(existing.getAttributeNames())) {
                            existing.removeAttribute(name);
                        }
                    }
                    request.changeSessionId();
                    existing.setAttribute(ATTRIBUTE, seal.seal(signedIn));
                    flush.flush(existing);
                    return existing;
                }
            } catch (IllegalStateException invalidatedMeanwhile) {
                // Signed out by a parallel request: a new session follows.
            }
        }
        HttpSession created = created(request);
        created.setAttribute(ATTRIBUTE, seal.seal(signedIn));
        flush.flush(created);
        return created;
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
     * This request's sign-in, with the tokens just refreshed (or received from another request's refresh): the Token
     * Endpoint hands out these, not the ones the HttpSession held when the request began, which a request that shared
     * another's refresh would otherwise still read there.
     */
    void useForThisRequest(HttpServletRequest request, WristbandSession refreshed) {
        request.setAttribute(REQUEST_ATTRIBUTE, refreshed);
    }

    /**
     * Replaces {@code previous} by {@code next} unless another request already stored newer tokens or the same.
     *
     * @return whether {@code next} has been written to the container's session store already, before the answer
     *         (Open Liberty: {@link SessionFlush}); false where the container writes it after the answer, or it was
     *         not stored
     */
    boolean replace(HttpServletRequest request, WristbandSession previous, WristbandSession next) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return false;
        }
        try {
            synchronized (this) {
                Optional<WristbandSession> stored = signedIn(session);
                if (stored.isPresent() && (stored.get().tokens().expiresAt().isAfter(next.tokens().expiresAt())
                        || stored.get().equals(next))) {
                    // Newer tokens, or these very tokens stored by a request that shared the same refresh: setting
                    // the attribute again would only make a replicating container ship the same value again.
                    return false;
                }
                if (stored.isEmpty()) {
                    // Not when nothing is stored: the sign-in ended meanwhile and stays ended.
                    return false;
                }
                session.setAttribute(ATTRIBUTE, seal.seal(next));
                // The other nodes must read these tokens, not the previous ones: Wristband may have rotated the
                // refresh token, and a node presenting the previous one is refused.
                return flush.flush(session);
            }
        } catch (IllegalStateException invalidatedMeanwhile) {
            // The user signed out while the refresh was running: nothing to keep.
            return false;
        }
    }

    /**
     * Ends the sign-in {@code dead} that this request found in the session (absolute lifetime reached, refresh
     * refused): the user is signed out at once and the HttpSession is marked, to be emptied at the next sign-in
     * (or invalidated by a logout or the container's idle timeout). It is not invalidated here because this runs in
     * the container's authentication step, often for several requests of the session at once, and WildFly fails a
     * request with a 500 when several invalidate one session together, and leaves Weld's conversation context active
     * on the thread when one invalidates it there. A session that meanwhile holds another sign-in is left alone.
     *
     * @return whether this request ended it (false when another request of the session got there first)
     */
    boolean end(HttpServletRequest request, WristbandSession dead) {
        request.removeAttribute(REQUEST_ATTRIBUTE);
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
                flush.flush(session);
                return true;
            }
        } catch (IllegalStateException invalidatedMeanwhile) {
            // Signed out meanwhile.
            return false;
        }
    }

    /**
     * Signs out: invalidates the whole session, whoever is in it.
     *
     * @return whether there was a session to invalidate
     */
    boolean invalidate(HttpServletRequest request) {
        request.removeAttribute(REQUEST_ATTRIBUTE);
        HttpSession session = request.getSession(false);
        if (session == null) {
            return false;
        }
        try {
            session.invalidate();
        } catch (IllegalStateException alreadyInvalidated) {
            // Nothing left to end.
        }
        return true;
    }
}
