package io.github.wristbandjakarta.internal.token;

import io.github.wristbandjakarta.internal.config.LogSafe;
import io.github.wristbandjakarta.internal.wristband.WristbandClient;
import io.github.wristbandjakarta.internal.wristband.WristbandException;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.lang.JoseException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Wristband's signing keys. Fetched on first use; fetched again when a token names a key we do not know or fails its
 * signature check. One request fetches, the others wait for its answer no longer than the request timeout, and no
 * lock is held across the HTTP call. Fetches, failed ones too, happen at most once per cooldown, with one exception:
 * a key id never seen before (a key Wristband has just rotated in) may fetch once inside the cooldown. The last good
 * key set is kept when Wristband cannot be reached, so that a JWKS outage does not end logins that the keys we have
 * can still verify.
 */
public final class JwksCache {

    private static final Logger LOG = Logger.getLogger(JwksCache.class.getName());
    /** Key ids remembered as tried, so that each new one gets its one fetch inside a cooldown. */
    static final int MAX_KEY_IDS_TRIED = 64;

    private final WristbandClient client;
    private final Duration cooldown;
    private final Duration maxWait;
    private final Clock clock;

    private final Object lock = new Object();
    /** The last good key set and when it was fetched; null until a fetch succeeds. */
    private volatile KeySet held;
    /** Guarded by lock: the last fetch, successful or not; the last fetch made for a new key id; the one running. */
    private Instant lastFetch = Instant.MIN;
    private Instant lastNewKeyIdFetch = Instant.MIN;
    private CompletableFuture<Boolean> running;
    private final Set<String> keyIdsTried = new LinkedHashSet<>();

    /**
     * @param cooldown the least time between two fetches ({@code wristband.jwks-refresh-cooldown})
     * @param maxWait  how long a request waits for another request's fetch ({@code wristband.http.request-timeout})
     */
    public JwksCache(WristbandClient client, Duration cooldown, Duration maxWait, Clock clock) {
        this.client = client;
        this.cooldown = cooldown;
        this.maxWait = maxWait;
        this.clock = clock;
    }

    /**
     * A key set as fetched.
     *
     * @param fetchedAt when the fetch that brought it succeeded
     */
    public record KeySet(List<JsonWebKey> keys, Instant fetchedAt) {
    }

    /** The current keys, fetched if there are none yet (and no fetch failed within the cooldown). */
    public List<JsonWebKey> keys() {
        return keySet().map(KeySet::keys).orElse(List.of());
    }

    /** As {@link #keys()}, with the time they were fetched: empty while no fetch has succeeded. */
    public Optional<KeySet> keySet() {
        KeySet current = held;
        if (current == null) {
            fetchShared(null);
            current = held;
        }
        return Optional.ofNullable(current);
    }

    /**
     * Fetches the key set again unless that was done within the cooldown.
     *
     * @return whether the key set may have changed
     */
    public boolean refresh() {
        return fetchShared(null);
    }

    /**
     * As {@link #refresh()}, for a token whose key id is not in the key set: a key id never tried before may fetch
     * once inside the cooldown (at most one such fetch per cooldown), so that a login right after another refetch
     * still finds a key Wristband has just rotated in.
     */
    public boolean refreshForKeyId(String keyId) {
        return fetchShared(keyId);
    }

    private boolean fetchShared(String newKeyId) {
        CompletableFuture<Boolean> mine;
        CompletableFuture<Boolean> theirs;
        synchronized (lock) {
            theirs = running;
            mine = null;
            if (theirs == null) {
                Instant now = clock.instant();
                boolean coolingDown = now.isBefore(lastFetch.plus(cooldown));
                if (coolingDown && !newKeyIdMayFetch(newKeyId, now)) {
                    return false;
                }
                lastFetch = now;
                mine = new CompletableFuture<>();
                running = mine;
            }
        }
        if (mine != null) {
            boolean changed = false;
            try {
                changed = fetch();
            } finally {
                synchronized (lock) {
                    running = null;
                }
                mine.complete(changed);
            }
            return changed;
        }
        try {
            return theirs.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Guarded by lock. */
    private boolean newKeyIdMayFetch(String keyId, Instant now) {
        if (keyId == null || keyIdsTried.contains(keyId) || now.isBefore(lastNewKeyIdFetch.plus(cooldown))) {
            return false;
        }
        keyIdsTried.add(keyId);
        if (keyIdsTried.size() > MAX_KEY_IDS_TRIED) {
            keyIdsTried.remove(keyIdsTried.iterator().next());
        }
        lastNewKeyIdFetch = now;
        return true;
    }

    private boolean fetch() {
        try {
            List<JsonWebKey> fetched = List.copyOf(new JsonWebKeySet(client.jwks()).getJsonWebKeys());
            held = new KeySet(fetched, clock.instant());
            return true;
        } catch (WristbandException | JoseException e) {
            LOG.log(Level.WARNING, "Could not fetch the JWKS from Wristband; keeping the last good key set: {0}",
                    LogSafe.clean(e.getMessage()));
            return false;
        }
    }
}
