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
import java.util.logging.Logger;

/**
 * Refreshes expired tokens with one call to Wristband per refresh token, however many requests of the same
 * session arrive together: the first request calls Wristband, the others wait for its answer. A successful
 * answer stays available for a short grace period, so that a request that read the session just before the
 * refresh was stored gets the new tokens instead of replaying a refresh token Wristband may have rotated.
 * A refusal (invalid_grant, another 4xx, a refreshed ID token that fails validation) is remembered as well;
 * only "Wristband unavailable" is forgotten at once, so that the next request tries again.
 */
public final class TokenRefresher {

    private static final Logger LOG = Logger.getLogger(TokenRefresher.class.getName());

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
        Flight flight;
        while (true) {
            flight = flights.putIfAbsent(current.refreshToken(), mine);
            if (flight == null || !expiredResult(flight)) {
                break;
            }
            // A remembered result whose access token has expired meanwhile (a refresh token Wristband does not
            // rotate, short token lifetimes) answers nobody: forget it and refresh again.
            flights.remove(current.refreshToken(), flight);
        }
        if (flight == null) {
            flight = mine;
            // Logged here, by the one request that called Wristband, so that a refresh is one log line however
            // many requests waited for it.
            try {
                mine.future.complete(callWristband(current, subject));
                LOG.info("Tokens refreshed");
            } catch (RuntimeException e) {
                if (e instanceof io.github.wristbandjakarta.wristband.WristbandUnavailableException) {
                    // Not remembered: the next request tries again.
                    flights.remove(current.refreshToken(), mine);
                    LOG.warning("Token refresh failed, Wristband unavailable; session kept for a later try: "
                            + e.getMessage());
                } else {
                    // A refusal is remembered for the grace period: the refresh token is dead, and requests that
                    // read the session before it was ended get the same answer without calling Wristband again.
                    LOG.info("Token refresh refused: " + e.getMessage());
                }
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

    private boolean expiredResult(Flight flight) {
        CompletableFuture<TokenSet> future = flight.future;
        if (!future.isDone() || future.isCompletedExceptionally()) {
            return false;
        }
        return future.join().isExpired(clock.instant());
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
    }
}
