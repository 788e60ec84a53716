package io.github.wristbandjakarta.security;

import io.github.wristbandjakarta.config.WristbandConfig;
import io.github.wristbandjakarta.events.WristbandEvent;
import io.github.wristbandjakarta.events.WristbandEvent.SessionEnded;
import io.github.wristbandjakarta.events.WristbandEvents;
import io.github.wristbandjakarta.session.SessionStore;
import io.github.wristbandjakarta.session.WristbandSession;
import io.github.wristbandjakarta.token.IdTokenException;
import io.github.wristbandjakarta.token.TokenRefresher;
import io.github.wristbandjakarta.wristband.InvalidGrantException;
import io.github.wristbandjakarta.wristband.WristbandException;
import io.github.wristbandjakarta.wristband.WristbandUnavailableException;
import jakarta.servlet.http.HttpServletRequest;

import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Refreshes a signed-in session's expired tokens for a request, through the single-flight {@link TokenRefresher}, and
 * stores them; or ends the sign-in when Wristband refuses. Used by the mechanism at the start of a request and by
 * {@link WristbandAccessToken} when the tokens expire while a request runs.
 */
final class SessionRefresh {

    private static final Logger LOG = Logger.getLogger(SessionRefresh.class.getName());

    private final WristbandConfig config;
    private final SessionStore sessions;
    private final TokenRefresher refresher;
    private final WristbandEvents events;
    private final Clock clock;

    SessionRefresh(WristbandConfig config, SessionStore sessions, TokenRefresher refresher, WristbandEvents events,
                   Clock clock) {
        this.config = config;
        this.sessions = sessions;
        this.refresher = refresher;
        this.events = events;
        this.clock = clock;
    }

    /**
     * @return the session with new tokens, or empty when there is no user for this request: the session was
     *         ended (Wristband refused the refresh token), or Wristband is unreachable (the session is kept for
     *         the next request to try again)
     */
    Optional<WristbandSession> refresh(HttpServletRequest request, WristbandSession session) {
        if (!session.tokens().canRefresh()) {
            end(request, session, SessionEnded.Reason.TOKENS_EXPIRED,
                    "Session ended: tokens expired and there is no refresh token");
            return Optional.empty();
        }
        try {
            TokenRefresher.Refreshed result = refresher.refreshShared(session.tokens(), session.userId());
            WristbandSession refreshed = session.renewed(result.tokens(), result.userInfo());
            if (result.calledWristband()) {
                // One request per node stores the new tokens; those that shared its call find them stored.
                sessions.replace(request, session, refreshed);
                events.fire(new WristbandEvent.TokensRefreshed(session.userId(), session.tenantId()));
            }
            // Whoever stored them, this request goes on with these (the Token Endpoint hands them out).
            sessions.useForThisRequest(request, refreshed);
            return Optional.of(refreshed);
        } catch (WristbandUnavailableException e) {
            // Logged once by the refresher; the session stays for the next try.
            return Optional.empty();
        } catch (InvalidGrantException e) {
            if (sessions.replicated()) {
                return keptOrEnded(request, session);
            }
            end(request, session, SessionEnded.Reason.REFRESH_REFUSED, null); // logged once by the refresher
            return Optional.empty();
        } catch (WristbandException | IdTokenException e) {
            end(request, session, SessionEnded.Reason.REFRESH_REFUSED, null); // logged once by the refresher
            return Optional.empty();
        }
    }

    /**
     * A refresh refused in a cluster (wristband.session.replicated). Another node may have refreshed this session with
     * the same refresh token a moment ago, and Wristband, rotating refresh tokens, refuses the second use although the
     * user is fine. That node's tokens reach this one through the container's session replication, but only with a
     * later request: a node reads the replicated session when a request starts. Until then the session is kept and
     * requests go on with the access token they have, as long as it is still valid at Wristband (the expiration
     * buffer); a refresh token that is really dead ends the session once that access token has expired. The refresher
     * remembers the refusal for its grace period, so this node does not ask Wristband again with that refresh token.
     */
    private Optional<WristbandSession> keptOrEnded(HttpServletRequest request, WristbandSession session) {
        if (clock.instant().isBefore(session.tokens().expiresAt().plus(config.tokenExpirationBuffer()))) {
            LOG.fine("Token refresh refused while the access token is still valid; session kept "
                    + "(a concurrent refresh on another cluster node may have rotated the refresh token)");
            return Optional.of(session);
        }
        end(request, session, SessionEnded.Reason.REFRESH_REFUSED,
                "Token refresh refused and the access token has expired: session ended");
        return Optional.empty();
    }

    /**
     * Ends the sign-in {@code dead} for {@code reason}: the request that ends it (not those that find it ended by
     * another) logs {@code logLine} (null: already logged) and tells the observers.
     */
    void end(HttpServletRequest request, WristbandSession dead, SessionEnded.Reason reason, String logLine) {
        if (sessions.end(request, dead)) {
            if (logLine != null) {
                LOG.info(logLine);
            }
            events.fire(new SessionEnded(dead.userId(), dead.tenantId(), reason));
        }
    }
}
