package io.github.wristbandjakarta.login;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code state} of every callback this node has accepted, until its login-state cookie would have expired: a
 * login state is accepted once, so a sealed login-state cookie that was copied cannot be replayed with another
 * authorization code (RFC 9700 §4.7: the state binds one authorization response to one browser). Per node, in
 * memory; bounded at {@value #MAX} states, beyond which the oldest, nearest to their expiry, are forgotten first.
 */
final class ConsumedStates {

    static final int MAX = 20_000;

    private final Map<String, Instant> consumed = new LinkedHashMap<>();

    /** @return true the first time {@code state} is seen (before {@code expiresAt}), false for a replay */
    synchronized boolean consume(String state, Instant expiresAt, Instant now) {
        Iterator<Map.Entry<String, Instant>> oldest = consumed.entrySet().iterator();
        while (oldest.hasNext() && !oldest.next().getValue().isAfter(now)) {
            oldest.remove();
        }
        if (consumed.containsKey(state)) {
            return false;
        }
        consumed.put(state, expiresAt);
        if (consumed.size() > MAX) {
            Iterator<String> eldest = consumed.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        return true;
    }

    synchronized int size() {
        return consumed.size();
    }
}
