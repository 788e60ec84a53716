package io.github.wristbandjakarta.internal.security;

import io.github.wristbandjakarta.internal.session.WristbandSession;
import jakarta.servlet.ServletRequest;

import java.util.Optional;

/**
 * The sign-in the mechanism found for a request to the Session or Token Endpoint, handed to the endpoint as a request
 * attribute instead of through the container's login. Those endpoints answer from the session alone; making the user
 * the container's caller there (JASPI and JAAS on Open Liberty, Elytron's identity on WildFly) cost more than the rest
 * of the request (docs/benchmarks.md, case container-login-floor). A request attribute is set by server code only: a
 * client cannot supply one.
 */
public final class SignedInRequest {

    private static final String ATTRIBUTE = SignedInRequest.class.getName();

    private SignedInRequest() {
    }

    static void hold(ServletRequest request, WristbandSession session) {
        request.setAttribute(ATTRIBUTE, session);
    }

    /** The sign-in the mechanism handed over for this request, if it did. */
    public static Optional<WristbandSession> of(ServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof WristbandSession session
                ? Optional.of(session) : Optional.empty();
    }
}
