package io.github.wristbandjakarta.it.ee11;

import io.github.wristbandjakarta.api.Wristband;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition.BasicAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanismHandler;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The EE 11 host's choice of mechanism per request (Jakarta Security 4.0, "Authentication Mechanism Handler"): Basic
 * for its machine clients under /machine, the library's for everything else, its own endpoints included: the recipe
 * of docs/extension-points.md, as a host writes it.
 *
 * <p>{@code @Alternative @Priority(APPLICATION)}: an enabled alternative wins the resolution of the {@code @Default}
 * handler over the server's own default handler, which the server may register beside it (WildFly's Jakarta Security
 * does, Open Liberty's does not once the application has one). Routed on the servlet path, which the container has
 * decoded and normalised and mapped already, never on the raw request URI.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class PathMechanismHandler implements HttpAuthenticationMechanismHandler {

    @Inject
    @BasicAuthenticationMechanism
    HttpAuthenticationMechanism machines;

    @Inject
    @Wristband
    HttpAuthenticationMechanism wristband;

    private HttpAuthenticationMechanism of(HttpServletRequest request) {
        return MachineServlet.PATH.equals(request.getServletPath()) ? machines : wristband;
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) throws AuthenticationException {
        return of(request).validateRequest(request, response, context);
    }

    @Override
    public AuthenticationStatus secureResponse(HttpServletRequest request, HttpServletResponse response,
                                               HttpMessageContext context) throws AuthenticationException {
        return of(request).secureResponse(request, response, context);
    }

    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        of(request).cleanSubject(request, response, context);
    }
}
