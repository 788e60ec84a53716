package io.github.wristbandjakarta.bench.container;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.util.Set;

/**
 * Case b0s: b0's mechanism, but the caller comes from the container's session, as with any session-based
 * mechanism: one {@code String} attribute (immutable to every server), put there at the visitor's first request, read
 * at each one after. Its WAR is {@code <distributable/>} like ours, so b0s ÷ b0 is what the container's session costs
 * an authenticated request before any code of ours, and b1 ÷ b0s is our share beyond it.
 */
@ApplicationScoped
public class SessionCallerMechanism implements HttpAuthenticationMechanism {

    static final String ATTRIBUTE = "bench.caller";
    /** The same caller as b0's, so that b0 and b0s answer alike. */
    static final String CALLER = "bench-caller";

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(ATTRIBUTE) instanceof String caller) {
            return context.notifyContainerAboutLogin(caller, Set.of("user"));
        }
        request.getSession(true).setAttribute(ATTRIBUTE, CALLER);
        return context.notifyContainerAboutLogin(CALLER, Set.of("user"));
    }
}
