package io.github.wristbandjakarta.wristband;

import io.github.wristbandjakarta.config.WristbandConfig;

/**
 * Resolves the auto-configurable values (spec §2.3): when every value needed is configured, or
 * auto-configuration is off, from the configuration alone; otherwise lazily from Wristband's SDK
 * configuration on first use, 3 attempts 100 ms apart, cached for the life of the application, concurrent
 * first calls sharing one fetch, a failure not cached.
 */
public final class ConfigurationResolver {

    public ConfigurationResolver(WristbandConfig config, WristbandClient client) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * @throws WristbandException code {@code sdk_config_error} when the fetch failed 3 times
     *                            ("Failed to fetch SDK configuration after 3 attempts: …") or a resolved
     *                            value breaks a rule of spec §2.2
     */
    public ResolvedConfiguration resolve() {
        throw new UnsupportedOperationException("TODO");
    }
}
