package io.github.wristbandjakarta.session;

import java.io.Serial;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The logins this HttpSession has started and not completed: the server-side half of each login state, whose
 * browser-side half is the sealed {@code login#…} cookie. The Callback Endpoint signs a user in only into the session
 * whose Login Endpoint started that login, so a session id planted in the browser during a login is worth nothing
 * (session fixation, OWASP Session Management Cheat Sheet "Renew the Session ID After Any Privilege Level Change").
 *
 * <p>Immutable, small and {@link Serializable}: a replicating container ships it only when a login starts or ends.
 *
 * @param entries oldest first, at most {@link #MAX} and none expired at the time of the last change
 */
public record PendingLogins(List<Entry> entries) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** As many as the login-state cookies a browser keeps (one per tab that is signing in). */
    static final int MAX = 3;

    static final PendingLogins NONE = new PendingLogins(List.of());

    /** One started login: its state and when its login-state cookie expires. */
    public record Entry(String state, Instant expiresAt) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    public PendingLogins {
        entries = List.copyOf(entries);
    }

    /** These logins and {@code state}, without the expired ones, the oldest dropped beyond {@link #MAX}. */
    PendingLogins with(String state, Instant expiresAt, Instant now) {
        List<Entry> kept = new ArrayList<>(entries.stream().filter(e -> e.expiresAt().isAfter(now)).toList());
        kept.add(new Entry(state, expiresAt));
        return new PendingLogins(kept.subList(Math.max(0, kept.size() - MAX), kept.size()));
    }

    /** Whether {@code state} was started here and has not expired; compared in constant time. */
    boolean contains(String state, Instant now) {
        byte[] wanted = state.getBytes(StandardCharsets.UTF_8);
        boolean found = false;
        for (Entry entry : entries) {
            found |= MessageDigest.isEqual(entry.state().getBytes(StandardCharsets.UTF_8), wanted)
                    && entry.expiresAt().isAfter(now);
        }
        return found;
    }

    /** These logins without {@code state}: a completed login is not accepted twice. */
    PendingLogins without(String state) {
        return new PendingLogins(entries.stream().filter(e -> !e.state().equals(state)).toList());
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }
}
