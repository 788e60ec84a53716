package io.github.wristbandjakarta.security;

import io.github.wristbandjakarta.session.SignIns;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Optional;

/**
 * The current caller's Wristband access token, for calls to other APIs on the user's behalf (docs/extension-points.md
 * "Calling other APIs with the user's token"; {@link WristbandBearerFilter} adds it to outgoing Jakarta REST client calls). For a caller signed in through
 * the session: the tokens of this request's sign-in, which the mechanism refreshed at the start of the request if they
 * had expired; should they expire while the request runs, {@link SignIns} refreshes them as it did then. For a bearer
 * caller (JWT strategy): the token it presented. Empty without a caller, and when a refresh fails.
 */
@RequestScoped
public class WristbandAccessToken {

    /** The bearer token the mechanism accepted for this request (JWT strategy). */
    static final String PRESENTED = WristbandAccessToken.class.getName() + ".presented";

    private final HttpServletRequest request;
    private final SignIns signIns;

    @Inject
    public WristbandAccessToken(HttpServletRequest request, SignIns signIns) {
        this.request = request;
        this.signIns = signIns;
    }

    /** For the CDI client proxy only. */
    protected WristbandAccessToken() {
        this.request = null;
        this.signIns = null;
    }

    public Optional<String> get() {
        if (request.getAttribute(PRESENTED) instanceof String presented) {
            return Optional.of(presented);
        }
        if (request.getUserPrincipal() == null) {
            return Optional.empty();
        }
        // The same checks as at the start of the request: the absolute lifetime, and a refresh should the tokens have
        // expired while the request ran (or the sign-in ends).
        return signIns.current(request)
                .filter(session -> session.userId().equals(request.getUserPrincipal().getName()))
                .map(session -> session.tokens().accessToken());
    }
}
