package io.github.wristbandjakarta.wristband;

import io.github.wristbandjakarta.config.ConfigRules;
import io.github.wristbandjakarta.config.WristbandConfig;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Resolves the auto-configurable values (docs/protocol.md §2.5): when every value needed is configured, or
 * auto-configuration is off, from the configuration alone; otherwise lazily from Wristband's SDK
 * configuration on first use, 3 attempts 100 ms apart, cached for the life of the application, concurrent
 * first calls sharing one fetch, a failure not cached.
 */
public final class ConfigurationResolver {

    private static final Logger LOG = Logger.getLogger(ConfigurationResolver.class.getName());

    static final int FETCH_ATTEMPTS = 3;
    static final Duration FETCH_DELAY = Duration.ofMillis(100);
    private static final String CODE = "sdk_config_error";
    private static final String PLACEHOLDERS = "\"{tenant_name}\" or \"{tenant_domain}\"";

    private final WristbandConfig config;
    private final WristbandClient client;
    private final WristbandClient.Sleeper sleeper;
    /** Set once resolved; never reset. */
    private volatile ResolvedConfiguration resolved;
    /** The fetch in progress, shared by concurrent first callers; cleared when it fails. */
    private final AtomicReference<CompletableFuture<ResolvedConfiguration>> inFlight = new AtomicReference<>();

    public ConfigurationResolver(WristbandConfig config, WristbandClient client) {
        this(config, client, WristbandClient.THREAD_SLEEP);
    }

    ConfigurationResolver(WristbandConfig config, WristbandClient client, WristbandClient.Sleeper sleeper) {
        this.config = config;
        this.client = client;
        this.sleeper = sleeper;
        if (!needsFetch(config)) {
            // Nothing comes from Wristband: resolve now, without I/O (the loader already checked these rules).
            this.resolved = resolveWith(null);
        }
    }

    /**
     * @throws WristbandException code {@code sdk_config_error} when the fetch failed 3 times
     *                            ("Failed to fetch SDK configuration after 3 attempts: …") or a resolved
     *                            value breaks a rule of docs/protocol.md §2.4
     */
    public ResolvedConfiguration resolve() {
        ResolvedConfiguration done = resolved;
        if (done != null) {
            return done;
        }
        CompletableFuture<ResolvedConfiguration> mine = new CompletableFuture<>();
        CompletableFuture<ResolvedConfiguration> current = inFlight.compareAndExchange(null, mine);
        if (current != null) {
            return await(current);
        }
        try {
            ResolvedConfiguration result = resolveWith(fetch());
            resolved = result;
            mine.complete(result);
            return result;
        } catch (RuntimeException e) {
            // Clear before completing so that whoever comes after the failure fetches again.
            inFlight.compareAndSet(mine, null);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private static boolean needsFetch(WristbandConfig config) {
        return config.autoConfigureEnabled()
                && (config.loginUrl().isEmpty()
                || config.redirectUri().isEmpty()
                || config.parseTenantFromRootDomain().isEmpty()
                || config.applicationCustomDomainActive().isEmpty()
                || config.customApplicationLoginPageUrl().isEmpty());
    }

    private static ResolvedConfiguration await(CompletableFuture<ResolvedConfiguration> shared) {
        try {
            return shared.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof WristbandException w) {
                // A fresh exception per waiter, so that each stack trace shows its own caller.
                throw new WristbandException(w.code(), w.description(), w);
            }
            throw new WristbandException(CODE, "Failed to resolve the SDK configuration", e.getCause());
        }
    }

    private SdkConfiguration fetch() {
        WristbandException last = null;
        for (int attempt = 1; attempt <= FETCH_ATTEMPTS; attempt++) {
            if (attempt > 1) {
                try {
                    sleeper.sleep(FETCH_DELAY);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new WristbandException(CODE, "Interrupted while fetching the SDK configuration", e);
                }
            }
            try {
                SdkConfiguration sdk = client.sdkConfiguration();
                LOG.fine(() -> "Fetched Wristband SDK configuration");
                return sdk;
            } catch (WristbandException e) {
                last = e;
                LOG.log(Level.FINE, "SDK configuration fetch attempt {0} failed: {1}",
                        new Object[] {attempt, e.getMessage()});
            }
        }
        throw new WristbandException(CODE,
                "Failed to fetch SDK configuration after " + FETCH_ATTEMPTS + " attempts: " + last.getMessage(), last);
    }

    /** Manual value, else Wristband's (blank counting as absent), else the default; then docs/protocol.md §2.4 rule 8. */
    private ResolvedConfiguration resolveWith(SdkConfiguration sdk) {
        String loginUrl = config.loginUrl().orElse(sdk == null ? null : blankToNull(sdk.loginUrl()));
        String redirectUri = config.redirectUri().orElse(sdk == null ? null : blankToNull(sdk.redirectUri()));
        Optional<String> rootDomain = config.parseTenantFromRootDomain()
                .or(() -> Optional.ofNullable(sdk == null ? null : blankToNull(sdk.loginUrlTenantDomainSuffix())));
        boolean customDomainActive = config.applicationCustomDomainActive()
                .orElse(sdk != null && sdk.isApplicationCustomDomainActive());
        Optional<String> customLoginPage = config.customApplicationLoginPageUrl()
                .or(() -> Optional.ofNullable(sdk == null ? null : blankToNull(sdk.customApplicationLoginPageUrl())));

        if (loginUrl == null) {
            throw new WristbandException(CODE, "SDK configuration response missing required field: loginUrl");
        }
        if (redirectUri == null) {
            throw new WristbandException(CODE, "The [RedirectUri] could not be resolved. Provide it explicitly in "
                    + "your SDK config or ensure your Wristband OAuth2 Client has a single redirect URI configured.");
        }
        checkPlaceholder("loginUrl", loginUrl, rootDomain.isPresent());
        checkPlaceholder("redirectUri", redirectUri, rootDomain.isPresent());
        return new ResolvedConfiguration(loginUrl, redirectUri, rootDomain, customDomainActive, customLoginPage);
    }

    private static void checkPlaceholder(String name, String url, boolean usesRootDomain) {
        boolean hasPlaceholder = ConfigRules.containsTenantPlaceholder(url);
        if (usesRootDomain && !hasPlaceholder) {
            throw new WristbandException(CODE, "The resolved [" + name + "] must contain the " + PLACEHOLDERS
                    + " placeholder when using the [parseTenantFromRootDomain] config.");
        }
        if (!usesRootDomain && hasPlaceholder) {
            throw new WristbandException(CODE, "The resolved [" + name + "] cannot contain the " + PLACEHOLDERS
                    + " placeholder when the [parseTenantFromRootDomain] is absent.");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
