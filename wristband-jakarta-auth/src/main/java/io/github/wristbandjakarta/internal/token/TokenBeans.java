package io.github.wristbandjakarta.internal.token;

import io.github.wristbandjakarta.api.Wristband;
import io.github.wristbandjakarta.internal.config.WristbandConfig;
import io.github.wristbandjakarta.internal.events.WristbandEvents;
import io.github.wristbandjakarta.internal.wristband.WristbandClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** CDI wiring of the token package: one JWKS cache, validator and refresher per application. */
@ApplicationScoped
public class TokenBeans {

    @Produces
    @Singleton
    @Wristband
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    JwksCache jwksCache(WristbandConfig config, WristbandClient client, @Wristband Clock clock) {
        return new JwksCache(client, config.jwksRefreshCooldown(), config.requestTimeout(), clock);
    }

    @Produces
    @Singleton
    IdTokenValidator idTokenValidator(WristbandConfig config, JwksCache jwks, @Wristband Clock clock) {
        return new IdTokenValidator(config, jwks, clock);
    }

    @Produces
    @Singleton
    AccessTokenValidator accessTokenValidator(WristbandConfig config, JwksCache jwks, @Wristband Clock clock) {
        return new AccessTokenValidator(config, jwks, clock);
    }

    @Produces
    @Singleton
    TokenRefresher tokenRefresher(WristbandConfig config, WristbandClient client, IdTokenValidator idTokens,
                                  @Wristband Clock clock, WristbandEvents events) {
        return new TokenRefresher(config, client, idTokens, clock, events);
    }
}
