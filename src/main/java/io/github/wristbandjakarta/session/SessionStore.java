package io.github.wristbandjakarta.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.util.Collections;
import java.util.Optional;

/**
 * Keeps the {@link WristbandSession} in the container's HttpSession under one attribute. Reading never creates
 * a session; signing in rotates the session id; signing out invalidates the whole session. A sign-in that dies
 * on its own (absolute lifetime, refused refresh) is removed at once and the rest of its HttpSession at the next
 * sign-in, so that one user's application state never passes to the next.
 */
public final class SessionStore {

    public static final String ATTRIBUTE = WristbandSession.class.getName();

    /** Marks an HttpSession whose sign-in ended without a logout; the next sign-in starts a new HttpSession. */
    static final String ENDED = ATTRIBUTE + ".ended";

    /** MicroProfile Config key: {@code true} when the container replicates the HttpSession across cluster nodes. */
    public static final String REPLICATED = "wristband.session.replicated";

    private final boolean replicated;

    public SessionStore() {
        this(false);
    }

    public SessionStore(boolean replicated) {
        this.replicated = replicated;
    }

    /**
     * Whether other cluster nodes share this session (README "Clustering"). A node reads the replicated session when
     * a request starts and not while it runs, so a refresh that races with one on another node cannot see that
     * node's new tokens before its own request ends.
     */
    public boolean replicated() {
        return replicated;
    }

    public Optional<WristbandSession> current(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return Optional.empty();
        }
        try {
            return session.getAttribute(ATTRIBUTE) instanceof WristbandSession signedIn
                    ? Optional.of(signedIn) : Optional.empty();
        } catch (IllegalStateException invalidatedMeanwhile) {
            return Optional.empty();
        }
    }

    /** Stores the new sign-in under a fresh session id, so that a session id known before login is worthless. */
    public void start(HttpServletRequest request, WristbandSession signedIn) {
        HttpSession existing = request.getSession(false);
        if (existing != null) {
            try {
                if (heldAnotherSignIn(existing, signedIn.userId())) {
                    // The application state in it belongs to an ended sign-in or to another user. Emptied rather than
                    // invalidated: WildFly's session manager never forgets a request that invalidates its session
                    // and then creates one, and waits a minute for it when the application stops.
                    for (String name : Collections.list(existing.getAttributeNames())) {
                        existing.removeAttribute(name);
                    }
                }
                // Anonymous state (what the visitor did before signing in) or the same user's is kept.
                request.changeSessionId();
            } catch (IllegalStateException invalidatedMeanwhile) {
                // Signed out by a parallel request: a new session follows.
            }
        }
        request.getSession(true).setAttribute(ATTRIBUTE, signedIn);
    }

    private static boolean heldAnotherSignIn(HttpSession session, String userId) {
        return session.getAttribute(ENDED) != null
                || session.getAttribute(ATTRIBUTE) instanceof WristbandSession previous
                && !previous.userId().equals(userId);
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
                Object stored = session.getAttribute(ATTRIBUTE);
                if (stored instanceof WristbandSession current
                        && (current.tokens().expiresAt().isAfter(next.tokens().expiresAt()) || current.equals(next))) {
                    // Newer tokens, or these very tokens stored by a request that shared the same refresh: setting
                    // the attribute again would only make a replicating container ship the same value again.
                    return;
                }
                if (stored instanceof WristbandSession) {
                    // Not when nothing is stored: the sign-in ended meanwhile and stays ended.
                    session.setAttribute(ATTRIBUTE, next);
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
                if (!dead.equals(session.getAttribute(ATTRIBUTE))) {
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
