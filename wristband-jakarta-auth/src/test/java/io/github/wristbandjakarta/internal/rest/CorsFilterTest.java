package io.github.wristbandjakarta.internal.rest;

import io.github.wristbandjakarta.internal.config.ConfigKey;
import io.github.wristbandjakarta.internal.config.WristbandConfig;
import io.github.wristbandjakarta.internal.config.WristbandConfigLoader;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Where the CORS filter is mapped: the auth endpoints and the API paths, not every request of the application. */
class CorsFilterTest {

    private static WristbandConfig config(String... pairs) {
        Map<String, String> values = new HashMap<>(Map.of(ConfigKey.CLIENT_ID.key(), "clientId",
                ConfigKey.CLIENT_SECRET.key(), "a-client-secret-of-at-least-32-characters",
                ConfigKey.APPLICATION_VANITY_DOMAIN.key(), "app.us.wristband.dev",
                ConfigKey.CORS_ALLOWED_ORIGINS.key(), "https://spa.example.com"));
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return WristbandConfigLoader.load(key -> Optional.ofNullable(values.get(key)), values.keySet());
    }

    @Test
    void theDefaultsMapTheAuthPathAndTheApiPrefix() {
        assertEquals(List.of("/api/auth/*", "/api/*"), List.copyOf(CorsFilter.urlPatterns(config())));
    }

    @Test
    void everyApiPrefixEndingWithASlashIsAPathPrefixPattern() {
        assertEquals(List.of("/auth/*", "/api/*", "/rest/v1/*"), List.copyOf(CorsFilter.urlPatterns(config(
                ConfigKey.AUTH_PATH.key(), "/auth", ConfigKey.API_PATH_PREFIX.key(), "/api/, /rest/v1/"))));
    }

    @Test
    void aPrefixThatNoPatternTellsMapsEveryRequest() {
        // "/rest" also takes "/restful/x", which no URL pattern but "/*" covers.
        assertEquals(List.of("/*"), List.copyOf(CorsFilter.urlPatterns(config(
                ConfigKey.API_PATH_PREFIX.key(), "/api/, /rest"))));
    }
}
