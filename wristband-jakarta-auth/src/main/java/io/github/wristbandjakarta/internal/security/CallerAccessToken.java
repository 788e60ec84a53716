package io.github.wristbandjakarta.internal.security;

import io.github.wristbandjakarta.api.WristbandAccessToken;
import io.github.wristbandjakarta.internal.session.SignIns;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.net.URI;
import java.util.Optional;

/**
 * The library's {@link WristbandAccessToken}: for a caller signed in through the session, the tokens of this request's
 * sign-in, through {@link SignIns} (which checks the absolute lifetime and refreshes expired tokens, as at the start of
 * the request); for a bearer caller, the token the mechanism accepted.
 */
@RequestScoped
public class CallerAccessToken implements WristbandAccessToken {

    /** The bearer token the mechanism accepted for this request (JWT strategy). */
    static final String PRESENTED = CallerAccessToken.class.getName() + ".presented";

    private final HttpServletRequest request;
    private final SignIns signIns;
    private final BearerDestinations destinations;

    @Inject
    public CallerAccessToken(HttpServletRequest request, SignIns signIns, BearerDestinations destinations) {
        this.request = request;
        this.signIns = signIns;
        this.destinations = destinations;
    }

    /** For the CDI client proxy only. */
    protected CallerAccessToken() {
        this.request = null;
        this.signIns = null;
        this.destinations = null;
    }

    @Override
    public Optional<String> get() {
        if (request.getAttribute(PRESENTED) instanceof String presented) {
            return Optional.of(presented);
        }
        if (request.getUserPrincipal() == null) {
            return Optional.empty();
        }
        return signIns.current(request)
                .filter(session -> session.userId().equals(request.getUserPrincipal().getName()))
                .map(session -> session.tokens().accessToken());
    }

    @Override
    public Optional<String> forCallTo(URI target) {
        return destinations.allows(target) ? get() : Optional.empty();
    }
}
