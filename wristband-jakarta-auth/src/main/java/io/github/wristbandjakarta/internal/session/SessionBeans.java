package io.github.wristbandjakarta.internal.session;

import io.github.wristbandjakarta.api.Wristband;
import io.github.wristbandjakarta.internal.config.WristbandConfig;
import io.github.wristbandjakarta.internal.events.WristbandEvents;
import io.github.wristbandjakarta.internal.token.TokenRefresher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;

/** CDI wiring of the session package. */
@ApplicationScoped
public class SessionBeans {

    @Produces
    @Singleton
    SessionStore sessionStore(WristbandConfig config) {
        return new SessionStore(new SessionSeal(config.sessionSecrets(), new SecureRandom()));
    }

    @Produces
    @Singleton
    CsrfProtection csrfProtection(WristbandConfig config) {
        return new CsrfProtection(config, new SecureRandom());
    }

    @Produces
    @Singleton
    SignIns signIns(WristbandConfig config, SessionStore store, TokenRefresher refresher, CsrfProtection csrf,
                    WristbandEvents events, @Wristband Clock clock) {
        return new SignIns(config, store, refresher, csrf, events, clock);
    }
}
