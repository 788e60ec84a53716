package io.github.wristbandjakarta.internal.token;

import io.github.wristbandjakarta.internal.config.LogSafe;
import io.github.wristbandjakarta.internal.config.WristbandConfig;
import io.github.wristbandjakarta.api.WristbandEvent.RefreshFailed;
import io.github.wristbandjakarta.internal.events.WristbandEvents;
import io.github.wristbandjakarta.internal.wristband.TokenResponse;
import io.github.wristbandjakarta.internal.wristband.UserInfo;
import io.github.wristbandjakarta.internal.wristband.WristbandClient;
import io.github.wristbandjakarta.internal.wristband.WristbandException;
import io.github.wristbandjakarta.internal.wristband.WristbandUnavailableException;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Refreshes expired tokens with one call to Wristband per refresh token, however many requests of the same
 * session arrive together: the first request calls Wristband, the others wait for its answer. A successful
 * answer stays available for a short grace period, so that a request that read the session just before the
 * refresh was stored gets the new tokens instead of replaying a refresh token Wristband may have rotated.
 * A refusal (invalid_grant, another 4xx, a refreshed ID token that fails validation) is remembered as well.
 * "Wristband unavailable" is remembered only for {@link #UNAVAILABLE_PAUSE}, and only for a session whose access token
 * is still good at Wristband (within the expiration buffer), which goes on with it meanwhile: so that while Wristband
 * is down, each such session asks it once per pause instead of with every request. A session whose access token has
 * really expired tries again with its next request.
 */
public final class TokenRefresher {

    private static final Logger LOG = Logger.getLogger(TokenRefresher.class.getName());

    /** How long a refresh result answers late requests that still hold the old refresh token. */
    static final Duration GRACE = Duration.ofSeconds(60);
    /**
     * How long a session whose access token is still good waits before it asks an unavailable Wristband again: a
     * sixth of the default expiration buffer (60 s), so that a short outage costs such a session a few calls at most.
     */
    public static final Duration UNAVAILABLE_PAUSE = Duration.ofSeconds(10);
    /** How often {@link #forgetExpired()} looks for results past their grace period. */
    static final Duration PRUNE_INTERVAL = Duration.ofSeconds(10);

    private final WristbandConfig config;
    private final WristbandClient client;
    private final IdTokenValidator idTokens;
    private final Clock clock;
    private final WristbandEvents events;
    private final ConcurrentMap<String, Flight> flights = new ConcurrentHashMap<>();
    private volatile long lastPrunedMillis;

    /** @param events told of each call to Wristband that brought no tokens ({@link RefreshFailed}) */
    public TokenRefresher(WristbandConfig config, WristbandClient client, IdTokenValidator idTokens, Clock clock,
                          WristbandEvents events) {
        this.config = config;
        this.client = client;
        this.idTokens = idTokens;
        this.clock = clock;
        this.events = events;
    }

    /**
     * New tokens and whether this caller is the one that called Wristband for them: the others shared its call (or
     * its remembered answer), so that only one request per node stores the new tokens in the session.
     */
    public record Refreshed(TokenSet tokens, UserInfo userInfo, boolean calledWristband) {
    }

    /**
     * What one call to Wristband renewed: the tokens, and the user as userinfo describes them now (roles and email may
     * have changed since the login), or null when userinfo could not be read this time.
     */
    private record Renewal(TokenSet tokens, UserInfo userInfo) {
    }

    /**
     * New tokens for {@code current}, whose refresh token must be present, and whether this call is the one that
     * called Wristband for them.
     *
     * @param subject the session's user id; a refreshed ID token, and userinfo read after the refresh, must name the
     *                same user
     * @throws io.github.wristbandjakarta.internal.wristband.InvalidGrantException        the refresh token is dead
     * @throws io.github.wristbandjakarta.internal.wristband.WristbandException           another 4xx: dead as well
     * @throws io.github.wristbandjakarta.internal.wristband.WristbandUnavailableException 5xx/timeouts 3 times
     * @throws IdTokenException the refreshed ID token failed validation, or userinfo names another user
     */
    public Refreshed refreshShared(TokenSet current, String subject) {
        if (!current.canRefresh()) {
            throw new IllegalArgumentException("Refresh token must be a valid string");
        }
        forgetOldFlights();
        Flight mine = new Flight(new CompletableFuture<>());
        Flight flight;
        while (true) {
            flight = flights.putIfAbsent(current.refreshToken(), mine);
            if (flight == null || !(expiredResult(flight) || retryDue(flight, current))) {
                break;
            }
            // A remembered result whose access token has expired meanwhile (a refresh token Wristband does not
            // rotate, short token lifetimes) answers nobody, nor does an unavailability that is due for a retry:
            // forget it and refresh again.
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
                if (e instanceof WristbandUnavailableException) {
                    // Remembered for the pause, which only sessions whose access token is still good observe
                    // (retryDue): the others try again with their next request.
                    mine.unavailable = true;
                    LOG.warning("Token refresh failed, Wristband unavailable; session kept for a later try: "
                            + LogSafe.clean(e.getMessage()));
                    events.fire(new RefreshFailed(subject, RefreshFailed.Reason.UNAVAILABLE));
                } else {
                    // A refusal is remembered for the grace period: the refresh token is dead, and requests that
                    // read the session before it was ended get the same answer without calling Wristband again.
                    LOG.info("Token refresh refused: " + LogSafe.clean(e.getMessage()));
                    events.fire(new RefreshFailed(subject, RefreshFailed.Reason.REFUSED));
                }
                mine.completedAtMillis = clock.millis();
                mine.future.completeExceptionally(e);
            } catch (Error e) {
                // Not remembered either; the requests waiting on this call get the same Error, never wait forever.
                flights.remove(current.refreshToken(), mine);
                mine.future.completeExceptionally(e);
                throw e;
            } finally {
                mine.completedAtMillis = clock.millis();
            }
            Renewal renewal = await(mine);
            return new Refreshed(renewal.tokens(), renewal.userInfo(), true);
        }
        Renewal renewal = await(flight);
        return new Refreshed(renewal.tokens(), renewal.userInfo(), false);
    }

    /**
     * Another request's call, waited for no longer than that call can take: its attempts, each bounded by the
     * request timeout ({@link WristbandClient#refresh}), and their pauses.
     */
    private Renewal await(Flight flight) {
        long bound = config.requestTimeout().multipliedBy(WristbandClient.REFRESH_ATTEMPTS + 1).toMillis();
        try {
            return flight.future.get(bound, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new WristbandUnavailableException("The token refresh of another request did not finish in "
                    + bound + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WristbandUnavailableException("Interrupted while waiting for a token refresh", e);
        }
    }

    /**
     * Refreshes the tokens, then reads userinfo with the new access token, so that a role removed (or an email
     * changed) at Wristband applies from this refresh on: one more call to Wristband per refresh. A userinfo that
     * cannot be read keeps the roles the session has (the new tokens must be kept: Wristband may have rotated the
     * refresh token) and is tried again at the next refresh; one that names another user ends the session.
     */
    private Renewal callWristband(TokenSet current, String subject) {
        TokenResponse response = client.refresh(current.refreshToken());
        if (response.idToken() != null) {
            idTokens.validateRefreshed(response.idToken(), subject);
        }
        TokenSet tokens = TokenSet.from(response, config.tokenExpirationBuffer(), clock, current.refreshToken());
        UserInfo userInfo;
        try {
            userInfo = client.userInfo(tokens.accessToken());
        } catch (WristbandException e) {
            LOG.warning("Userinfo could not be read after a token refresh; roles kept until the next refresh: "
                    + LogSafe.clean(e.getMessage()));
            return new Renewal(tokens, null);
        }
        if (!userInfo.userId().equals(subject)) {
            throw new IdTokenException("userinfo after a refresh names another user");
        }
        return new Renewal(tokens, userInfo);
    }

    /**
     * Whether {@code flight} failed because Wristband was unavailable and {@code current}'s session should ask
     * again: its access token has really expired (no longer good within the expiration buffer), or the pause since
     * that failure is over.
     */
    private boolean retryDue(Flight flight, TokenSet current) {
        if (!flight.unavailable || !flight.future.isDone()) {
            return false;
        }
        boolean reallyExpired = !current.acceptedByWristband(clock.instant(), config.tokenExpirationBuffer());
        return reallyExpired || clock.millis() - flight.completedAtMillis >= UNAVAILABLE_PAUSE.toMillis();
    }

    private boolean expiredResult(Flight flight) {
        CompletableFuture<Renewal> future = flight.future;
        if (!future.isDone() || future.isCompletedExceptionally()) {
            return false;
        }
        return future.join().tokens().isExpired(clock.instant());
    }

    /**
     * Forgets the results (and so the token copies) whose grace period is over. Called for every signed-in request
     * (the authentication mechanism), not only with the next refresh: without one, results would stay in memory. It
     * looks at the flights at most once per {@link #PRUNE_INTERVAL}, so that requests pay a clock read.
     */
    public void forgetExpired() {
        long now = clock.millis();
        if (now - lastPrunedMillis >= PRUNE_INTERVAL.toMillis()) {
            lastPrunedMillis = now;
            forgetOldFlights();
        }
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
        final CompletableFuture<Renewal> future;
        volatile long completedAtMillis;
        /** Set before the future fails when the call found Wristband unavailable. */
        volatile boolean unavailable;

        Flight(CompletableFuture<Renewal> future) {
            this.future = future;
        }
    }
}
