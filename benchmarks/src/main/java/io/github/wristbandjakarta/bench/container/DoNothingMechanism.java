package io.github.wristbandjakarta.bench.container;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Case container-mechanism-floor: the baseline WAR plus an authentication mechanism that does nothing. The container calls a WAR's
 * mechanism on every request, public ones too; this measures what that costs before any code of ours runs.
 */
@ApplicationScoped
public class DoNothingMechanism implements HttpAuthenticationMechanism {

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        return context.doNothing();
    }
}
