package io.github.wristbandjakarta.bench.container;

import io.github.wristbandjakarta.internal.security.KeyedLogin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.util.Set;

/**
 * Case container-session-login-floor: container-login-floor's mechanism, but the caller comes from the container's session, as with any session-based
 * mechanism: one {@code String} attribute (immutable to every server), put there at the visitor's first request, read
 * at each one after. Its WAR is {@code <distributable/>} like ours, so container-session-login-floor ÷
 * container-login-floor is what the container's session costs an authenticated request before any code of ours,
 * and signed-in-endpoint ÷ container-session-login-floor is our share beyond it.
 */
@ApplicationScoped
public class SessionCallerMechanism implements HttpAuthenticationMechanism {

    static final String ATTRIBUTE = "bench.caller";
    /** The same caller as FixedCallerMechanism's, so that both floors answer alike. */
    static final String CALLER = "bench-caller";

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(ATTRIBUTE) instanceof String caller) {
            return KeyedLogin.notify(context, caller, Set.of("user"));
        }
        request.getSession(true).setAttribute(ATTRIBUTE, CALLER);
        return KeyedLogin.notify(context, CALLER, Set.of("user"));
    }
}
