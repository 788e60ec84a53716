package io.github.wristbandjakarta.servers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The MicroProfile Config every deployment of the tests and benchmarks starts from. */
public final class DeploymentConfig {

    private DeploymentConfig() {
    }

    /**
     * The keys every deployment sets: the client, Wristband's application origin (an emulator), the application's
     * own login and callback URLs ({@code appUrl} of a path in the application), no auto-configuration, the demo's
     * role mapping. A mutable map in insertion order, for the caller's own keys.
     */
    public static Map<String, String> of(String clientId, String clientSecret, String applicationOrigin,
                                         UnaryOperator<String> appUrl) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("wristband.client-id", clientId);
        config.put("wristband.client-secret", clientSecret);
        config.put("wristband.application-vanity-domain", applicationOrigin);
        config.put("wristband.login-url", appUrl.apply("/api/auth/login"));
        config.put("wristband.redirect-uri", appUrl.apply("/api/auth/callback"));
        config.put("wristband.auto-configure-enabled", "false");
        config.put("wristband.role-mapping", "app:demo:admin=admin, app:demo:user=user");
        return config;
    }
}
