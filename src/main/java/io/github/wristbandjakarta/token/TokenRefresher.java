package io.github.wristbandjakarta.token;

import io.github.wristbandjakarta.config.WristbandConfig;
import io.github.wristbandjakarta.wristband.TokenResponse;
import io.github.wristbandjakarta.wristband.WristbandClient;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Refreshes expired tokens with one call to Wristband per refresh token, however many requests of the same
 * session arrive together: the first request calls Wristband, the others wait for its answer. A successful
 * answer stays available for a short grace period, so that a request that read the session just before the
 * refresh was stored gets the new tokens instead of replaying a refresh token Wristband may have rotated.
 */
public final class TokenRefresher {

    /** How long a refresh result answers late requests that still hold the old refresh token. */
    static final Duration GRACE = Duration.ofSeconds(60);

    private final WristbandConfig config;
    private final WristbandClient client;
    private final IdTokenValidator idTokens;
    private final Clock clock;
    private final ConcurrentMap<String, Flight> flights = new ConcurrentHashMap<>();

    public TokenRefresher(WristbandConfig config, WristbandClient client, IdTokenValidator idTokens, Clock clock) {
        this.config = config;
        this.client = client;
        this.idTokens = idTokens;
        this.clock = clock;
    }

    /**
     * New tokens for {@code current}, whose refresh token must be present.
     *
     * @param subject the session's user id; a refreshed ID token must name the same user
     * @throws io.github.wristbandjakarta.wristband.InvalidGrantException        the refresh token is dead
     * @throws io.github.wristbandjakarta.wristband.WristbandException           another 4xx: dead as well
     * @throws io.github.wristbandjakarta.wristband.WristbandUnavailableException 5xx/timeouts 3 times
     * @throws IdTokenException the refreshed ID token failed validation
     */
    public TokenSet refresh(TokenSet current, String subject) {
        return refreshShared(current, subject).tokens();
    }

    /**
     * New tokens and whether this caller is the one that called Wristband for them: the others shared its call (or
     * its remembered answer), so that only one request per node stores the new tokens in the session.
     */
    public record Refreshed(TokenSet tokens, boolean calledWristband) {
    }

    /** As {@link #refresh}, telling whether this call is the one that called Wristband. */
    public Refreshed refreshShared(TokenSet current, String subject) {
        if (!current.canRefresh()) {
            throw new IllegalArgumentException("Refresh token must be a valid string");
        }
        forgetOldFlights();
        Flight mine = new Flight(new CompletableFuture<>());
        Flight flight = flights.putIfAbsent(current.refreshToken(), mine);
        if (flight != null && flight.expired(clock.instant())) {
            // A refresh token Wristband does not rotate comes back once the tokens it gave have expired too:
            // a remembered answer that is itself expired is no answer.
            flights.remove(current.refreshToken(), flight);
            flight = flights.putIfAbsent(current.refreshToken(), mine);
        }
        if (flight == null) {
            flight = mine;
            try {
                mine.future.complete(callWristband(current, subject));
            } catch (RuntimeException e) {
                // Failures are not remembered: the next request tries again (or ends the session).
                flights.remove(current.refreshToken(), mine);
                mine.future.completeExceptionally(e);
            } finally {
                mine.completedAtMillis = clock.millis();
            }
        }
        try {
            return new Refreshed(flight.future.join(), flight == mine);
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private TokenSet callWristband(TokenSet current, String subject) {
        TokenResponse response = client.refresh(current.refreshToken());
        if (response.idToken() != null) {
            idTokens.validateRefreshed(response.idToken(), subject);
        }
        return TokenSet.from(response, config.tokenExpirationBuffer(), clock, current.refreshToken());
    }

    private void forgetOldFlights() {
        long oldest = clock.millis() - GRACE.toMillis();
        flights.values().removeIf(f -> f.completedAtMillis != 0 && f.completedAtMillis < oldest);
    }

    /** Calls in flight or answered within the grace period; for tests. */
    int flightsRemembered() {
        return flights.size();
    }

    private static final class Flight {
        final CompletableFuture<TokenSet> future;
        volatile long completedAtMillis;

        Flight(CompletableFuture<TokenSet> future) {
            this.future = future;
        }

        boolean expired(java.time.Instant now) {
            TokenSet answer = future.isDone() && !future.isCompletedExceptionally() ? future.getNow(null) : null;
            return answer != null && answer.isExpired(now);
        }
    }
}
