package io.github.wristbandjakarta.config;

import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the {@code wristband.*} keys and validates them (spec §2.2 plus this project's keys).
 * Blank values count as absent.
 */
public final class WristbandConfigLoader {

    private WristbandConfigLoader() {
    }

    /**
     * @param source the value of a key, e.g. {@code key -> config.getOptionalValue(key, String.class)}
     * @throws WristbandConfigException naming the first key that is missing or invalid
     */
    public static WristbandConfig load(Function<String, Optional<String>> source) {
        throw new UnsupportedOperationException("TODO");
    }
}
