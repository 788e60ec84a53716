package io.github.wristbandjakarta.internal.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.logging.Logger;

/**
 * Loads {@link WristbandConfig} once from MicroProfile Config and fails the deployment on a bad value; the one class
 * of the library that reads MicroProfile Config.
 */
@ApplicationScoped
public class WristbandConfigProducer {

    private static final Logger LOG = Logger.getLogger(WristbandConfigProducer.class.getName());

    // @Singleton rather than a normal scope: the class is final and cannot be proxied.
    @Produces
    @Singleton
    public WristbandConfig wristbandConfig() {
        Config config = ConfigProvider.getConfig();
        WristbandConfig loaded = WristbandConfigLoader.load(key -> config.getOptionalValue(key, String.class),
                config.getPropertyNames());
        LOG.info(() -> "Wristband configuration loaded: " + loaded);
        return loaded;
    }

    /**
     * Touching the configuration when the application starts makes a bad value stop the deployment with
     * the loader's message, instead of failing the first login.
     */
    void validateAtDeployment(@Observes @Initialized(ApplicationScoped.class) Object event, WristbandConfig config) {
        config.clientId();
    }
}
