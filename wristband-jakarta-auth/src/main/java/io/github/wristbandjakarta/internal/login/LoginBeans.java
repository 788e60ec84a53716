package io.github.wristbandjakarta.internal.login;

import io.github.wristbandjakarta.api.Wristband;
import io.github.wristbandjakarta.internal.config.WristbandConfig;
import io.github.wristbandjakarta.internal.token.IdTokenValidator;
import io.github.wristbandjakarta.internal.wristband.ConfigurationResolver;
import io.github.wristbandjakarta.internal.wristband.TenantHosts;
import io.github.wristbandjakarta.internal.wristband.WristbandClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;

/** CDI wiring of the login package. */
@ApplicationScoped
public class LoginBeans {

    @Produces
    @Singleton
    LoginStateCookies loginStateCookies(WristbandConfig config) {
        return new LoginStateCookies(config.dangerouslyDisableSecureCookies(), config.loginStateHostPrefix());
    }

    @Produces
    @Singleton
    ReturnUrlPolicy returnUrlPolicy(WristbandConfig config) {
        return new ReturnUrlPolicy(config.returnUrlAllowedOrigins());
    }

    @Produces
    @Singleton
    LoginStateCodec loginStateCodec(WristbandConfig config) {
        return new LoginStateCodec(config.loginStateSecret());
    }

    @Produces
    @Singleton
    LoginFlow loginFlow(WristbandConfig config, ConfigurationResolver resolver, TenantHosts hosts,
                        LoginStateCodec codec, LoginStateCookies cookies, ReturnUrlPolicy returnUrls, @Wristband Clock clock) {
        return new LoginFlow(config, resolver, hosts, codec, cookies, returnUrls, clock, new SecureRandom());
    }

    @Produces
    @Singleton
    CallbackFlow callbackFlow(WristbandConfig config, ConfigurationResolver resolver, WristbandClient wristband,
                              IdTokenValidator idTokens, LoginStateCodec codec, LoginStateCookies cookies,
                              @Wristband Clock clock) {
        return new CallbackFlow(config, resolver, wristband, idTokens, codec, cookies, clock);
    }

    @Produces
    @Singleton
    LogoutFlow logoutFlow(WristbandConfig config, ConfigurationResolver resolver, TenantHosts hosts,
                          WristbandClient wristband, LoginStateCookies cookies) {
        return new LogoutFlow(config, resolver, hosts, wristband, cookies);
    }
}
