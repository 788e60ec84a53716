package io.github.wristbandjakarta.internal.login;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code state} of every callback whose code this node has exchanged, until its login-state cookie would have
 * expired: a login state signs in once, so a sealed login-state cookie that was copied cannot be replayed with another
 * authorization code (RFC 9700 §4.7: the state binds one authorization response to one browser). Only an exchanged
 * code records its state: a callback that ends before (an {@code error=}, a refused code) costs a real sign-in's
 * round trip to Wristband nothing and cannot push real states out. Per node, in memory; bounded at {@value #MAX}
 * states, beyond which the oldest, nearest to their expiry, are forgotten first.
 */
final class ConsumedStates {

    static final int MAX = 20_000;

    private final Map<String, Instant> consumed = new LinkedHashMap<>();

    /** Whether {@code state} has signed in already (and its login state has not expired yet). */
    synchronized boolean isConsumed(String state, Instant now) {
        forgetExpired(now);
        return consumed.containsKey(state);
    }

    /** @return true the first time {@code state} is seen (before {@code expiresAt}), false for a replay */
    synchronized boolean consume(String state, Instant expiresAt, Instant now) {
        forgetExpired(now);
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

    private void forgetExpired(Instant now) {
        Iterator<Map.Entry<String, Instant>> oldest = consumed.entrySet().iterator();
        while (oldest.hasNext() && !oldest.next().getValue().isAfter(now)) {
            oldest.remove();
        }
    }

    synchronized int size() {
        return consumed.size();
    }
}
