package io.github.wristbandjakarta.bench.container;

import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;

import javax.security.auth.Subject;
import java.util.Hashtable;
import java.util.Set;

/**
 * The login floors' {@code notifyContainerAboutLogin}, with an authentication-cache key for the caller as the library
 * hands one with each of its logins (its security/ContainerLoginKeys), so that Open Liberty's authentication cache
 * serves the floors as it serves our WAR: the floor is the cheapest login the container offers a mechanism. Without a
 * key, Liberty would log the caller in again and insert a new cache entry on every request. Other servers ignore it.
 */
public final class KeyedLogin {

    /** Liberty's {@code AttributeNameConstants.WSCREDENTIAL_CACHE_KEY}. */
    private static final String CACHE_KEY = "com.ibm.wsspi.security.cred.cacheKey";

    private KeyedLogin() {
    }

    static AuthenticationStatus notify(HttpMessageContext context, String caller, Set<String> groups) {
        Subject subject = context.getClientSubject();
        if (subject != null) {
            Hashtable<String, Object> credentials = new Hashtable<>();
            credentials.put(CACHE_KEY, "bench-floor:" + caller);
            subject.getPrivateCredentials().add(credentials);
        }
        return context.notifyContainerAboutLogin(caller, groups);
    }
}
