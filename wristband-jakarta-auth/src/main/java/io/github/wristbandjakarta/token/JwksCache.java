package io.github.wristbandjakarta.token;

import io.github.wristbandjakarta.wristband.WristbandClient;
import io.github.wristbandjakarta.wristband.WristbandException;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.lang.JoseException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Wristband's signing keys. Fetched on first use; fetched again when a token names a key we do not know or
 * fails its signature check, at most once per cooldown; the last good key set is kept when Wristband cannot be
 * reached, so that a JWKS outage does not end logins that the keys we have can still verify.
 */
public final class JwksCache {

    private static final Logger LOG = Logger.getLogger(JwksCache.class.getName());

    private final WristbandClient client;
    private final Duration cooldown;
    private final Clock clock;

    private final Object lock = new Object();
    private volatile List<JsonWebKey> keys;
    private Instant lastFetch = Instant.MIN;

    public JwksCache(WristbandClient client, Duration cooldown, Clock clock) {
        this.client = client;
        this.cooldown = cooldown;
        this.clock = clock;
    }

    /** The current keys, fetched if there are none yet. */
    public List<JsonWebKey> keys() {
        List<JsonWebKey> current = keys;
        if (current != null) {
            return current;
        }
        synchronized (lock) {
            if (keys == null) {
                fetch();
            }
            return keys == null ? List.of() : keys;
        }
    }

    /**
     * Fetches the key set again unless that was done within the cooldown.
     *
     * @return whether the key set may have changed
     */
    public boolean refresh() {
        synchronized (lock) {
            if (keys != null && clock.instant().isBefore(lastFetch.plus(cooldown))) {
                return false;
            }
            return fetch();
        }
    }

    private boolean fetch() {
        lastFetch = clock.instant();
        try {
            keys = List.copyOf(new JsonWebKeySet(client.jwks()).getJsonWebKeys());
            return true;
        } catch (WristbandException | JoseException e) {
            LOG.log(Level.WARNING, "Could not fetch the JWKS from Wristband; keeping the last good key set: {0}",
                    e.getMessage());
            return false;
        }
    }
}
