package io.github.wristbandjakarta.internal.wristband;

import io.github.wristbandjakarta.internal.config.ConfigRules;
import io.github.wristbandjakarta.internal.config.WristbandConfig;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Resolves the auto-configurable values (docs/protocol.md §2.5): when every value needed is configured, or
 * auto-configuration is off, from the configuration alone; otherwise lazily from Wristband's SDK configuration on
 * first use, 3 attempts 100 ms apart, cached for the life of the application, concurrent first calls sharing one
 * fetch.
 *
 * <p>Unlike the official SDKs, which fetch again at the next call after a failure, a failure is kept for
 * {@code wristband.jwks.refresh-cooldown} (10 s by default) from when the fetch failed, and answered again to every
 * call within it without asking Wristband. The first calls are anonymous (a login start, a readiness poll), so
 * without this every such request during an outage would cost Wristband 3 calls; with it they cost at most one
 * fetch per cooldown, the bound the library already puts on the JWKS fetches that tokens can cause, and a Wristband
 * that is back is used at most one cooldown later. A cooldown of {@code 0} (tests only) keeps no failure.
 *
 * <p>A call that finds another call's fetch running waits for it at most {@code wristband.http.request-timeout}, the
 * longest one call to Wristband may take, and then fails as a failed fetch does (code {@code sdk_config_error}),
 * without ending that fetch or counting as its failure: a hanging Wristband holds each request no longer than one
 * timeout, though the fetch itself may take its 3 attempts.
 */
public final class ConfigurationResolver {

    private static final Logger LOG = Logger.getLogger(ConfigurationResolver.class.getName());

    static final int FETCH_ATTEMPTS = 3;
    static final Duration FETCH_DELAY = Duration.ofMillis(100);
    private static final String CODE = "sdk_config_error";

    private final WristbandConfig config;
    private final WristbandClient client;
    private final WristbandClient.Sleeper sleeper;
    private final Clock clock;
    /** How long a failed fetch is answered again without a new one. */
    private final Duration failureCooldown;
    /** How long a call waits for another call's fetch. */
    private final Duration maxWait;

    private final Object lock = new Object();
    /** Set once resolved; never reset. Written under lock, read without it. */
    private volatile ResolvedConfiguration resolved;
    /** Guarded by lock: the fetch in progress, shared by concurrent callers; null when none is running. */
    private CompletableFuture<ResolvedConfiguration> inFlight;
    /** Guarded by lock: the last fetch's failure and when it failed; null when none has failed. */
    private Failure lastFailure;

    private record Failure(WristbandException exception, Instant at) {
    }

    /** @param clock when a fetch failed and whether its cooldown has ended ({@code @Wristband} clock) */
    public ConfigurationResolver(WristbandConfig config, WristbandClient client, Clock clock) {
        this(config, client, WristbandClient.THREAD_SLEEP, clock);
    }

    ConfigurationResolver(WristbandConfig config, WristbandClient client, WristbandClient.Sleeper sleeper,
                          Clock clock) {
        this.config = config;
        this.client = client;
        this.sleeper = sleeper;
        this.clock = clock;
        this.failureCooldown = config.jwksRefreshCooldown();
        this.maxWait = config.requestTimeout();
        if (!needsFetch(config)) {
            // Nothing comes from Wristband: resolve now, without I/O (the loader already checked these rules).
            this.resolved = resolveWith(null);
        }
    }

    /**
     * @throws WristbandException code {@code sdk_config_error} when the fetch failed 3 times
     *                            ("Failed to fetch SDK configuration after 3 attempts: …") or a resolved
     *                            value breaks a rule of docs/protocol.md §2.4, now or within the cooldown before,
     *                            or when another call's fetch did not end within the request timeout
     */
    public ResolvedConfiguration resolve() {
        ResolvedConfiguration done = resolved;
        if (done != null) {
            return done;
        }
        CompletableFuture<ResolvedConfiguration> mine;
        CompletableFuture<ResolvedConfiguration> theirs;
        synchronized (lock) {
            if (resolved != null) {
                return resolved;
            }
            theirs = inFlight;
            mine = null;
            if (theirs == null) {
                Failure last = lastFailure;
                if (last != null && clock.instant().isBefore(last.at().plus(failureCooldown))) {
                    throw again(last.exception());
                }
                mine = new CompletableFuture<>();
                inFlight = mine;
            }
        }
        return mine != null ? fetchAndResolve(mine) : await(theirs);
    }

    private ResolvedConfiguration fetchAndResolve(CompletableFuture<ResolvedConfiguration> mine) {
        try {
            ResolvedConfiguration result = resolveWith(fetch());
            synchronized (lock) {
                resolved = result;
                inFlight = null;
            }
            mine.complete(result);
            return result;
        } catch (WristbandException e) {
            synchronized (lock) {
                // From when it failed, not when it began: a fetch that timed out 3 times took 3 request timeouts.
                lastFailure = new Failure(e, clock.instant());
                inFlight = null;
            }
            mine.completeExceptionally(e);
            throw e;
        } catch (RuntimeException | Error e) {
            // Not an answer of Wristband's, so not kept; it reaches the waiters instead of leaving them to time out.
            synchronized (lock) {
                inFlight = null;
            }
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** A fresh exception per caller, so that each stack trace shows its own caller. */
    private static WristbandException again(WristbandException failure) {
        return new WristbandException(failure.code(), failure.description(), failure);
    }

    private static boolean needsFetch(WristbandConfig config) {
        return config.autoConfigureEnabled()
                && (config.loginUrl().isEmpty()
                || config.redirectUri().isEmpty()
                || config.parseTenantFromRootDomain().isEmpty()
                || config.applicationCustomDomainActive().isEmpty()
                || config.customApplicationLoginPageUrl().isEmpty());
    }

    private ResolvedConfiguration await(CompletableFuture<ResolvedConfiguration> shared) {
        try {
            return shared.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WristbandException w) {
                throw again(w);
            }
            throw new WristbandException(CODE, "Failed to resolve the SDK configuration", e.getCause());
        } catch (TimeoutException e) {
            throw new WristbandException(CODE, "Gave up after " + maxWait
                    + " waiting for another request's fetch of the SDK configuration", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WristbandException(CODE, "Interrupted while waiting for the SDK configuration", e);
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
            throw new WristbandException(CODE, "The resolved [" + name + "] must contain the "
                    + ConfigRules.TENANT_PLACEHOLDERS
                    + " placeholder when using the [parseTenantFromRootDomain] config.");
        }
        if (!usesRootDomain && hasPlaceholder) {
            throw new WristbandException(CODE, "The resolved [" + name + "] cannot contain the "
                    + ConfigRules.TENANT_PLACEHOLDERS
                    + " placeholder when the [parseTenantFromRootDomain] is absent.");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
