package io.github.wristbandjakarta.security;

import io.github.wristbandjakarta.config.Wristband;
import io.github.wristbandjakarta.config.WristbandConfig;
import io.github.wristbandjakarta.events.WristbandEvents;
import io.github.wristbandjakarta.session.SessionStore;
import io.github.wristbandjakarta.session.WristbandSession;
import io.github.wristbandjakarta.token.TokenRefresher;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.time.Clock;
import java.util.Optional;

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

    /** The bearer token the mechanism accepted for this request (JWT strategy). */
    static final String PRESENTED = WristbandAccessToken.class.getName() + ".presented";

    private final HttpServletRequest request;
    private final SessionStore sessions;
    private final SessionRefresh refreshes;
    private final Clock clock;

    @Inject
    public WristbandAccessToken(HttpServletRequest request, WristbandConfig config, SessionStore sessions,
                                TokenRefresher refresher, WristbandEvents events, @Wristband Clock clock) {
        this.request = request;
        this.sessions = sessions;
        this.refreshes = new SessionRefresh(config, sessions, refresher, events, clock);
        this.clock = clock;
    }

    /** For the CDI client proxy only. */
    protected WristbandAccessToken() {
        this.request = null;
        this.sessions = null;
        this.refreshes = null;
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
        // Expired while this request ran: refreshed as the mechanism refreshes (or the sign-in ended).
        return refreshes.refresh(request, session).map(refreshed -> refreshed.tokens().accessToken());
    }
}
