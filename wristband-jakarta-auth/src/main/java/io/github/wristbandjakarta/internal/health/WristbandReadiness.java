package io.github.wristbandjakarta.internal.health;

import io.github.wristbandjakarta.api.Wristband;
import io.github.wristbandjakarta.internal.token.JwksCache;
import io.github.wristbandjakarta.internal.wristband.ConfigurationResolver;
import io.github.wristbandjakarta.internal.wristband.WristbandException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * MicroProfile Health readiness check {@value #NAME}: up when the application can sign users in, that is when
 * <ol>
 *   <li>its configuration is complete: every value configured, or the missing ones resolved from Wristband's SDK
 *       configuration (docs/protocol.md §2.5; resolved here if no request has needed them yet), and</li>
 *   <li>Wristband's signing keys can be had: a key set fetched now or earlier, the last good one kept through an
 *       outage ({@link JwksCache}), with its age.</li>
 * </ol>
 * A check that finds something missing asks Wristband for it, as the first request would; the JWKS, and the SDK
 * configuration after a failed fetch, at most once per {@code wristband.jwks.refresh-cooldown}, so a load balancer
 * polling this does not poll Wristband. The data carries no
 * secret: states, a count and an age (as {@code String} and {@code long}: the only value types MicroProfile Health's
 * data carries; Liberty fails on an {@code Integer}, WildFly drops it).
 *
 * <p>Only deployed where the server provides MicroProfile Health: the library's {@code beans.xml} excludes this
 * package otherwise (docs/health-checks.md).
 */
@Readiness
@ApplicationScoped
public class WristbandReadiness implements HealthCheck {

    /** The name of both of the library's checks. */
    public static final String NAME = "wristband";

    private final ConfigurationResolver configuration;
    private final JwksCache jwks;
    private final Clock clock;

    @Inject
    public WristbandReadiness(ConfigurationResolver configuration, JwksCache jwks, @Wristband Clock clock) {
        this.configuration = configuration;
        this.jwks = jwks;
        this.clock = clock;
    }

    /** For the CDI client proxy only. */
    protected WristbandReadiness() {
        this.configuration = null;
        this.jwks = null;
        this.clock = null;
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, Object> data = new LinkedHashMap<>();
        boolean configured = configured(data);
        boolean keys = signingKeys(data);
        return new HealthCheckResponse(NAME, configured && keys ? HealthCheckResponse.Status.UP
                : HealthCheckResponse.Status.DOWN, Optional.of(data));
    }

    private boolean configured(Map<String, Object> data) {
        try {
            configuration.resolve();
            data.put("configuration", "complete");
            return true;
        } catch (WristbandException e) {
            // The code only (sdk_config_error): the description is in the server log, where the resolver put it.
            data.put("configuration", "incomplete: " + e.code());
            return false;
        }
    }

    private boolean signingKeys(Map<String, Object> data) {
        Optional<JwksCache.KeySet> keySet = jwks.keySet();
        if (keySet.isEmpty()) {
            data.put("signingKeys", 0L);
            return false;
        }
        data.put("signingKeys", (long) keySet.get().keys().size());
        data.put("signingKeysAgeSeconds",
                Math.max(0, Duration.between(keySet.get().fetchedAt(), clock.instant()).toSeconds()));
        return !keySet.get().keys().isEmpty();
    }
}
