package io.github.wristbandjakarta.testing;

import io.github.wristbandjakarta.api.WristbandCallObserver;
import io.github.wristbandjakarta.emulator.WristbandEmulator;
import io.github.wristbandjakarta.internal.config.ConfigKey;
import io.github.wristbandjakarta.internal.config.WristbandConfig;
import io.github.wristbandjakarta.internal.config.WristbandConfigLoader;
import io.github.wristbandjakarta.internal.wristband.WristbandClient;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The library's configuration and Wristband client for unit tests, pointed at an emulator (see {@link Emulators}). */
public final class TestConfig {

    public static final String LOGIN_STATE_SECRET = "7ffdbecc-ab7d-4134-9307-2dfcc52f7475";

    private TestConfig() {
    }

    /**
     * Auto-configuration off, query-parameter tenants, the client values of docs/protocol.md §10, the emulator's
     * origin as the application vanity domain.
     */
    public static Map<String, String> baseConfig(WristbandEmulator wristband) {
        Map<String, String> values = new HashMap<>();
        values.put(ConfigKey.CLIENT_ID.key(), wristband.client().clientId());
        values.put(ConfigKey.CLIENT_SECRET.key(), wristband.client().clientSecret());
        values.put(ConfigKey.LOGIN_STATE_SECRET.key(), LOGIN_STATE_SECRET);
        values.put(ConfigKey.APPLICATION_VANITY_DOMAIN.key(), wristband.applicationOrigin());
        values.put(ConfigKey.LOGIN_URL.key(), "https://localhost:6001/api/auth/login");
        values.put(ConfigKey.REDIRECT_URI.key(), "https://localhost:6001/api/auth/callback");
        values.put(ConfigKey.AUTO_CONFIGURE_ENABLED.key(), "false");
        values.put(ConfigKey.HTTP_REQUEST_TIMEOUT.key(), "5");
        return values;
    }

    /**
     * Only what a Wristband client needs: the client, a login-state secret, the vanity domain as
     * {@code http://127.0.0.1:port} (auto-configuration at its default).
     */
    public static Map<String, String> clientConfig(WristbandEmulator wristband) {
        Map<String, String> values = new HashMap<>();
        values.put("wristband.client-id", wristband.client().clientId());
        values.put("wristband.client-secret", wristband.client().clientSecret());
        values.put("wristband.login-state-secret", "login-state-secret-of-32-characters");
        values.put("wristband.application-vanity-domain", "http://127.0.0.1:" + wristband.port());
        values.put("wristband.http.request-timeout", "5");
        return values;
    }

    public static WristbandConfig config(Map<String, String> values) {
        return WristbandConfigLoader.load(key -> Optional.ofNullable(values.get(key)), values.keySet());
    }

    public static WristbandClient client(WristbandConfig config) {
        return new WristbandClient(config, httpClient(), WristbandCallObserver.NONE);
    }

    /** HTTP/1.1, no redirects followed, a 2 s connect timeout. */
    public static HttpClient httpClient() {
        return HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }
}
