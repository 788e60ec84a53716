package io.github.wristbandjakarta.session;

import io.github.wristbandjakarta.config.WristbandConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;

import java.security.SecureRandom;

/** CDI wiring of the session package. */
@ApplicationScoped
public class SessionBeans {

    @Produces
    @Singleton
    SessionStore sessionStore(WristbandConfig config) {
        return new SessionStore(ConfigProvider.getConfig()
                .getOptionalValue(SessionStore.REPLICATED, Boolean.class).orElse(false),
                new SessionSeal(config.sessionSecrets(), new SecureRandom()));
    }

    @Produces
    @Singleton
    CsrfProtection csrfProtection(WristbandConfig config) {
        return new CsrfProtection(config, new SecureRandom());
    }
}
