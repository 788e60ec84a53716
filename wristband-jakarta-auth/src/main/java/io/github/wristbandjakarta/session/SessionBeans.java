package io.github.wristbandjakarta.session;

import io.github.wristbandjakarta.config.ConfigKey;
import io.github.wristbandjakarta.config.WristbandConfig;
import io.github.wristbandjakarta.events.WristbandEvents;
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
    SessionStore sessionStore(WristbandConfig config, WristbandEvents events) {
        return new SessionStore(ConfigProvider.getConfig()
                .getOptionalValue(ConfigKey.SESSION_REPLICATED.key(), Boolean.class).orElse(false),
                new SessionSeal(config.sessionSecrets(), new SecureRandom()), events);
    }

    @Produces
    @Singleton
    CsrfProtection csrfProtection(WristbandConfig config) {
        return new CsrfProtection(config, new SecureRandom());
    }
}
