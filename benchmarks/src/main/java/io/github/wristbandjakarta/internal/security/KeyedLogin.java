package io.github.wristbandjakarta.internal.security;

import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;

import java.util.Set;

/**
 * The login floors' {@code notifyContainerAboutLogin}, with an authentication-cache key handed over exactly as the
 * library hands its own ({@link ContainerLoginKeys#attach}), so that Open Liberty's authentication cache serves the
 * floors as it serves our WAR: the floor is the cheapest login the container offers a mechanism. Without a key,
 * Liberty would log the caller in again and insert a new cache entry on every request. Other servers ignore it. In the
 * library's package because that hand-over is no public API.
 */
public final class KeyedLogin {

    /** What a WAR holds to log its callers in this way. */
    public static final Class<?>[] CLASSES = {KeyedLogin.class, ContainerLoginKeys.class};

    private KeyedLogin() {
    }

    public static AuthenticationStatus notify(HttpMessageContext context, String caller, Set<String> groups) {
        ContainerLoginKeys.attach(context, "bench-floor:" + caller);
        return context.notifyContainerAboutLogin(caller, groups);
    }
}
