package io.github.wristbandjakarta.internal.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Reads the {@code wristband.*} keys by their definitions (docs/protocol.md §2.4 plus this project's keys): each key
 * parsed and checked on its own, in the definitions' order, then the rules that involve several keys
 * ({@link CrossKeyRules}). Blank values count as absent. Logged as a WARNING at start: a {@code wristband.*} name no
 * definition has, and a value that is valid but meant for tests only; never a value.
 */
public final class WristbandConfigLoader {

    private static final Logger LOG = Logger.getLogger(WristbandConfigLoader.class.getName());

    private WristbandConfigLoader() {
    }

    /**
     * The library's keys; a configured {@code wristband.*} name that is none of them is warned about.
     *
     * @param source          the value of a key, e.g. {@code key -> config.getOptionalValue(key, String.class)}
     * @param configuredNames every property name of the configuration, e.g. {@code config.getPropertyNames()}
     * @throws WristbandConfigException naming the first key that is missing or invalid
     */
    public static WristbandConfig load(Function<String, Optional<String>> source, Iterable<String> configuredNames) {
        return load(List.of(ConfigKey.values()), source, configuredNames);
    }

    /**
     * @param definitions the library's keys ({@link ConfigKey}, which the cross-key rules read) and possibly more
     */
    static WristbandConfig load(List<? extends KeyDefinition> definitions, Function<String, Optional<String>> source,
                                Iterable<String> configuredNames) {
        if (!definitions.containsAll(List.of(ConfigKey.values()))) {
            throw new IllegalArgumentException("the definitions must include every ConfigKey");
        }
        UnknownKeys.warnings(configuredNames, definitions).forEach(LOG::warning);

        Map<KeyDefinition, Object> values = new HashMap<>();
        for (KeyDefinition definition : definitions) {
            definition.spec().read(definition, text(source, definition.key()))
                    .ifPresent(value -> values.put(definition, value));
        }
        CrossKeyRules.apply(values);
        WristbandConfig config = new WristbandConfig(definitions, values);

        for (KeyDefinition definition : definitions) {
            definition.spec().warning(values.get(definition))
                    .ifPresent(warning -> LOG.warning(() -> definition.key() + " " + warning));
        }
        return config;
    }

    /** The value of a key, stripped; blank counts as absent. */
    private static Optional<String> text(Function<String, Optional<String>> source, String key) {
        Optional<String> value = source.apply(key);
        return value == null ? Optional.empty() : value.map(String::strip).filter(v -> !v.isEmpty());
    }
}
