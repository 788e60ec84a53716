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
     * Replaces {@code previous} by {@code next} unless another request already stored newer tokens.
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
                        && current.tokens().expiresAt().isAfter(next.tokens().expiresAt())) {
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
