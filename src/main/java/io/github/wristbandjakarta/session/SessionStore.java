package io.github.wristbandjakarta.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.util.Optional;

/**
 * Keeps the {@link WristbandSession} in the container's HttpSession under one attribute. Reading never creates
 * a session; signing in rotates the session id; signing out invalidates the whole session.
 */
public final class SessionStore {

    public static final String ATTRIBUTE = WristbandSession.class.getName();

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
            request.changeSessionId();
        }
        request.getSession(true).setAttribute(ATTRIBUTE, signedIn);
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
                if (stored == null || stored instanceof WristbandSession) {
                    session.setAttribute(ATTRIBUTE, next);
                }
            }
        } catch (IllegalStateException invalidatedMeanwhile) {
            // The user signed out while the refresh was running: nothing to keep.
        }
    }

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
