package io.github.wristbandjakarta.security;

import io.github.wristbandjakarta.config.Wristband;
import io.github.wristbandjakarta.session.SessionStore;
import io.github.wristbandjakarta.session.WristbandSession;
import io.github.wristbandjakarta.token.TokenRefresher;
import io.github.wristbandjakarta.wristband.WristbandException;
import io.github.wristbandjakarta.token.IdTokenException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The current caller's Wristband access token, for calls to other APIs on the user's behalf (README "Calling other
 * APIs"; {@link WristbandBearerFilter} adds it to outgoing Jakarta REST client calls). For a caller signed in through
 * the session: the tokens of this request's sign-in, which the mechanism refreshed at the start of the request if they
 * had expired; should they expire while the request runs, this refreshes them through the same single-flight refresher
 * and stores them. For a bearer caller (JWT strategy): the token it presented. Empty without a caller, and when a
 * refresh fails.
 */
@RequestScoped
public class WristbandAccessToken {

    private static final Logger LOG = Logger.getLogger(WristbandAccessToken.class.getName());

    /** The bearer token the mechanism accepted for this request (JWT strategy). */
    static final String PRESENTED = WristbandAccessToken.class.getName() + ".presented";

    private final HttpServletRequest request;
    private final SessionStore sessions;
    private final TokenRefresher refresher;
    private final Clock clock;

    @Inject
    public WristbandAccessToken(HttpServletRequest request, SessionStore sessions, TokenRefresher refresher,
                                @Wristband Clock clock) {
        this.request = request;
        this.sessions = sessions;
        this.refresher = refresher;
        this.clock = clock;
    }

    /** For the CDI client proxy only. */
    protected WristbandAccessToken() {
        this.request = null;
        this.sessions = null;
        this.refresher = null;
        this.clock = null;
    }

    public Optional<String> get() {
        if (request.getAttribute(PRESENTED) instanceof String presented) {
            return Optional.of(presented);
        }
        if (request.getUserPrincipal() == null) {
            return Optional.empty();
        }
        Optional<WristbandSession> current = sessions.current(request);
        if (current.isEmpty() || !current.get().userId().equals(request.getUserPrincipal().getName())) {
            return Optional.empty();
        }
        WristbandSession session = current.get();
        if (!session.tokens().isExpired(clock.instant())) {
            return Optional.of(session.tokens().accessToken());
        }
        if (!session.tokens().canRefresh()) {
            return Optional.empty();
        }
        try {
            TokenRefresher.Refreshed result = refresher.refreshShared(session.tokens(), session.userId());
            WristbandSession refreshed = session.renewed(result.tokens(), result.userInfo());
            if (result.calledWristband()) {
                sessions.replace(request, session, refreshed);
            }
            sessions.useForThisRequest(request, refreshed);
            return Optional.of(refreshed.tokens().accessToken());
        } catch (WristbandException | IdTokenException e) {
            // Logged by the refresher; the next request's authentication decides about the session.
            LOG.fine("No access token for a downstream call: the refresh failed");
            return Optional.empty();
        }
    }
}
