package io.github.wristbandjakarta.bench.container;

import io.github.wristbandjakarta.internal.security.KeyedLogin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.Set;

/**
 * Case container-login-floor: the baseline WAR plus a mechanism that makes every request the same caller, without a session or any
 * check: the container's own cost of an authenticated request ({@code notifyContainerAboutLogin}), the floor under
 * every signed-in case.
 */
@ApplicationScoped
public class FixedCallerMechanism implements HttpAuthenticationMechanism {

    static final String CALLER = "bench-caller";

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        return KeyedLogin.notify(context, CALLER, Set.of("user"));
    }
}
