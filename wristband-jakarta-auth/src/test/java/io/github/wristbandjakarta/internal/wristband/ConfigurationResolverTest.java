package io.github.wristbandjakarta.internal.wristband;

import io.github.wristbandjakarta.emulator.Endpoint;
import io.github.wristbandjakarta.emulator.ScriptedAnswer;
import io.github.wristbandjakarta.emulator.WristbandEmulator;
import io.github.wristbandjakarta.testing.Emulators;
import io.github.wristbandjakarta.testing.TestClock;
import io.github.wristbandjakarta.testing.TestConfig;
import io.github.wristbandjakarta.api.WristbandCallObserver;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.github.wristbandjakarta.testing.Emulators.always;
import static io.github.wristbandjakarta.testing.Emulators.onlyRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigurationResolverTest {

    private static final String SDK_FLAT = "{\"loginUrl\":\"https://app.example/api/auth/login\","
            + "\"redirectUri\":\"https://app.example/api/auth/callback\",\"loginUrlTenantDomainSuffix\":null,"
            + "\"customApplicationLoginPageUrl\":\"https://app.example/discover\","
            + "\"isApplicationCustomDomainActive\":true}";
    private static final String SDK_SUBDOMAINS = "{\"loginUrl\":\"https://{tenant_name}.app.example/api/auth/login\","
            + "\"redirectUri\":\"https://{tenant_name}.app.example/api/auth/callback\","
            + "\"loginUrlTenantDomainSuffix\":\"app.example\",\"customApplicationLoginPageUrl\":null,"
            + "\"isApplicationCustomDomainActive\":false}";
    private static final String SDK_NULLS = "{\"loginUrl\":\"https://app.example/api/auth/login\","
            + "\"redirectUri\":\"https://app.example/api/auth/callback\",\"loginUrlTenantDomainSuffix\":null,"
            + "\"customApplicationLoginPageUrl\":null,\"isApplicationCustomDomainActive\":null}";

    private WristbandEmulator wristband;
    private Map<String, String> values;
    private RecordingSleeper sleeper;
    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));

    @BeforeEach
    void start() throws IOException {
        wristband = Emulators.start("client-id", "client-secret");
        values = TestConfig.clientConfig(wristband);
        sleeper = new RecordingSleeper();
    }

    @AfterEach
    void stop() {
        wristband.close();
    }

    private ConfigurationResolver resolver() {
        return resolver(sleeper);
    }

    /** @param pauses the pauses between the fetch's attempts */
    private ConfigurationResolver resolver(WristbandClient.Sleeper pauses) {
        var config = TestConfig.config(values);
        return new ConfigurationResolver(config,
                new WristbandClient(config, TestConfig.httpClient(), sleeper, WristbandCallObserver.NONE), pauses,
                clock);
    }



    private static ScriptedAnswer ok(String body) {
        return ScriptedAnswer.json(200, body);
    }

    private static ScriptedAnswer serverError() {
        return ScriptedAnswer.json(500, "{}");
    }

    // docs/protocol.md §8.1 item 6

    @Test
    void sdkValuesAreUsed() {
        wristband.script(Endpoint.SDK_CONFIGURATION, ok(SDK_FLAT));
        assertEquals(new ResolvedConfiguration("https://app.example/api/auth/login",
                "https://app.example/api/auth/callback", Optional.empty(), true,
                Optional.of("https://app.example/discover")), resolver().resolve());
        assertEquals("GET /api/v1/clients/client-id/sdk-configuration", onlyRequest(wristband).requestLine());
    }

    @Test
    void manualValuesWin() {
        values.put("wristband.login-url", "https://mine.example/login");
        values.put("wristband.redirect-uri", "https://mine.example/callback");
        values.put("wristband.application-custom-domain-active", "false");
        wristband.script(Endpoint.SDK_CONFIGURATION, ok(SDK_FLAT));
        ResolvedConfiguration resolved = resolver().resolve();
        assertEquals("https://mine.example/login", resolved.loginUrl());
        assertEquals("https://mine.example/callback", resolved.redirectUri());
        assertFalse(resolved.applicationCustomDomainActive());
        assertEquals(Optional.of("https://app.example/discover"), resolved.customApplicationLoginPageUrl());
    }

    @Test
    void nullSdkValuesBecomeDefaults() {
        wristband.script(Endpoint.SDK_CONFIGURATION, ok(SDK_NULLS));
        ResolvedConfiguration resolved = resolver().resolve();
        assertEquals(Optional.empty(), resolved.customApplicationLoginPageUrl());
        assertEquals(Optional.empty(), resolved.parseTenantFromRootDomain());
        assertFalse(resolved.applicationCustomDomainActive());
        assertFalse(resolved.usesTenantSubdomains());
    }

    @Test
    void tenantDomainSuffixBecomesRootDomain() {
        wristband.script(Endpoint.SDK_CONFIGURATION, ok(SDK_SUBDOMAINS));
        ResolvedConfiguration resolved = resolver().resolve();
        assertEquals(Optional.of("app.example"), resolved.parseTenantFromRootDomain());
        assertTrue(resolved.usesTenantSubdomains());
    }

    @Test
    void manualRootDomainWins() {
        values.put("wristband.parse-tenant-from-root-domain", "mine.example");
        wristband.script(Endpoint.SDK_CONFIGURATION, ok(SDK_SUBDOMAINS));
        assertEquals(Optional.of("mine.example"), resolver().resolve().parseTenantFromRootDomain());
    }

    // docs/protocol.md §8.1 item 7 and the resolved-value rules

    @Test
    void missingLoginUrlFailsOnFirstResolve() {
        always(wristband, Endpoint.SDK_CONFIGURATION, ok("{\"redirectUri\":\"https://app.example/callback\"}"));
        ConfigurationResolver resolver = resolver();
        assertEquals(0, wristband.requests().size());
        WristbandException e = assertThrows(WristbandException.class, resolver::resolve);
        assertEquals("sdk_config_error", e.code());
        assertEquals("SDK configuration response missing required field: loginUrl", e.description());
    }

    @Test
    void missingRedirectUriFailsWithDotNetMessage() {
        always(wristband, Endpoint.SDK_CONFIGURATION, ok("{\"loginUrl\":\"https://app.example/login\",\"redirectUri\":null}"));
        WristbandException e = assertThrows(WristbandException.class, () -> resolver().resolve());
        assertEquals("sdk_config_error", e.code());
        assertEquals("The [RedirectUri] could not be resolved. Provide it explicitly in your SDK config or ensure "
                + "your Wristband OAuth2 Client has a single redirect URI configured.", e.description());
    }

    @Test
    void manualRedirectUriCoversSdkNull() {
        values.put("wristband.redirect-uri", "https://app.example/mine");
        wristband.script(Endpoint.SDK_CONFIGURATION, ok("{\"loginUrl\":\"https://app.example/login\",\"redirectUri\":null}"));
        assertEquals("https://app.example/mine", resolver().resolve().redirectUri());
    }

    @Test
    void resolvedLoginUrlWithoutPlaceholderIsRejectedWhenRootDomainResolved() {
        always(wristband, Endpoint.SDK_CONFIGURATION, ok("{\"loginUrl\":\"https://app.example/login\","
                + "\"redirectUri\":\"https://{tenant_name}.app.example/callback\","
                + "\"loginUrlTenantDomainSuffix\":\"app.example\"}"));
        WristbandException e = assertThrows(WristbandException.class, () -> resolver().resolve());
        assertEquals("sdk_config_error", e.code());
        assertEquals("The resolved [loginUrl] must contain the \"{tenant_name}\" or \"{tenant_domain}\" placeholder "
                + "when using the [parseTenantFromRootDomain] config.", e.description());
    }

    @Test
    void resolvedRedirectUriWithPlaceholderIsRejectedWithoutRootDomain() {
        always(wristband, Endpoint.SDK_CONFIGURATION, ok("{\"loginUrl\":\"https://app.example/login\","
                + "\"redirectUri\":\"https://{tenant_domain}.app.example/callback\"}"));
        WristbandException e = assertThrows(WristbandException.class, () -> resolver().resolve());
        assertEquals("The resolved [redirectUri] cannot contain the \"{tenant_name}\" or \"{tenant_domain}\" "
                + "placeholder when the [parseTenantFromRootDomain] is absent.", e.description());
    }

    // docs/protocol.md §8.1 item 8

    @Test
    void fetchSucceedsOnFirstAttempt() {
        wristband.script(Endpoint.SDK_CONFIGURATION, ok(SDK_FLAT));
        resolver().resolve();
        assertEquals(1, wristband.requests().size());
        assertEquals(List.of(), sleeper.pauses());
    }

    @Test
    void fetchSucceedsOnSecondAttempt() {
        wristband.script(Endpoint.SDK_CONFIGURATION, serverError(), ok(SDK_FLAT));
        resolver().resolve();
        assertEquals(2, wristband.requests().size());
        assertEquals(List.of(Duration.ofMillis(100)), sleeper.pauses());
    }

    @Test
    void fetchSucceedsOnThirdAttempt() {
        wristband.script(Endpoint.SDK_CONFIGURATION, serverError(), new ScriptedAnswer(200, "garbage", null, Map.of(), Duration.ofMillis(0)), ok(SDK_FLAT));
        resolver().resolve();
        assertEquals(3, wristband.requests().size());
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(100)), sleeper.pauses());
    }

    @Test
    void fetchFailsAfterThreeAttempts() {
        always(wristband, Endpoint.SDK_CONFIGURATION, serverError());
        WristbandException e = assertThrows(WristbandException.class, () -> resolver().resolve());
        assertEquals("sdk_config_error", e.code());
        assertEquals("Failed to fetch SDK configuration after 3 attempts: "
                + "unexpected_error: The sdk-configuration endpoint answered 500", e.description());
        assertEquals(3, wristband.requests().size());
    }

    @Test
    void defaultSleeperWaits100MillisecondsBetweenAttempts() {
        always(wristband, Endpoint.SDK_CONFIGURATION, serverError());
        var config = TestConfig.config(values);
        ConfigurationResolver resolver = new ConfigurationResolver(config,
                new WristbandClient(config, TestConfig.httpClient(), WristbandCallObserver.NONE), clock);
        long start = System.nanoTime();
        assertThrows(WristbandException.class, resolver::resolve);
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(200));
    }

    // docs/protocol.md §8.1 item 9

    @Test
    void oneFetchForManyCalls() {
        wristband.script(Endpoint.SDK_CONFIGURATION, ok(SDK_FLAT));
        ConfigurationResolver resolver = resolver();
        ResolvedConfiguration first = resolver.resolve();
        for (int i = 0; i < 5; i++) {
            assertSame(first, resolver.resolve());
        }
        assertEquals(1, wristband.requests().size());
    }

    @Test
    void concurrentCallsShareOneFetch() throws Exception {
        wristband.script(Endpoint.SDK_CONFIGURATION, new ScriptedAnswer(200, SDK_FLAT, null, Map.of(), Duration.ofMillis(300)));
        ConfigurationResolver resolver = resolver();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ResolvedConfiguration>> results = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return resolver.resolve();
                }));
            }
            go.countDown();
            List<ResolvedConfiguration> resolved = Collections.synchronizedList(new ArrayList<>());
            for (Future<ResolvedConfiguration> result : results) {
                resolved.add(result.get(10, TimeUnit.SECONDS));
            }
            assertEquals(1, wristband.requests().size());
            assertTrue(resolved.stream().allMatch(r -> r == resolved.get(0)));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentCallersAllSeeASharedFailure() throws Exception {
        wristband.script(Endpoint.SDK_CONFIGURATION, new ScriptedAnswer(500, "{}", null, Map.of(), Duration.ofMillis(300)));
        always(wristband, Endpoint.SDK_CONFIGURATION, serverError());
        ConfigurationResolver resolver = resolver();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> codes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                codes.add(pool.submit(() -> {
                    go.await();
                    try {
                        resolver.resolve();
                        return "resolved";
                    } catch (WristbandException e) {
                        return e.code();
                    }
                }));
            }
            go.countDown();
            for (Future<String> code : codes) {
                assertEquals("sdk_config_error", code.get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // Ours (docs/protocol.md §2.5): a failure is kept for wristband.jwks.refresh-cooldown, a wait is bounded

    @Test
    void aFailedFetchIsAnsweredAgainWithoutAskingWristbandWithinTheCooldown() {
        always(wristband, Endpoint.SDK_CONFIGURATION, serverError());
        ConfigurationResolver resolver = resolver();
        WristbandException first = assertThrows(WristbandException.class, resolver::resolve);
        clock.advance(Duration.ofSeconds(9));

        WristbandException again = assertThrows(WristbandException.class, resolver::resolve);

        assertEquals("sdk_config_error", again.code());
        assertEquals(first.description(), again.description());
        assertEquals(3, wristband.requests().size());
    }

    @Test
    void aFailedFetchIsRepeatedWhenTheCooldownEnds() {
        wristband.script(Endpoint.SDK_CONFIGURATION, serverError(), serverError(), serverError(), ok(SDK_FLAT));
        ConfigurationResolver resolver = resolver();
        assertThrows(WristbandException.class, resolver::resolve);

        clock.advance(Duration.ofSeconds(10).minusMillis(1));
        assertThrows(WristbandException.class, resolver::resolve);
        clock.advance(Duration.ofMillis(1));
        ResolvedConfiguration resolved = resolver.resolve();

        assertEquals("https://app.example/api/auth/login", resolved.loginUrl());
        assertEquals(4, wristband.requests().size());
    }

    @Test
    void withACooldownOfZeroTheNextCallFetchesAgainAfterAFailure() {
        values.put("wristband.jwks.refresh-cooldown", "0");
        wristband.script(Endpoint.SDK_CONFIGURATION, serverError(), serverError(), serverError(), ok(SDK_FLAT));
        ConfigurationResolver resolver = resolver();
        assertThrows(WristbandException.class, resolver::resolve);
        assertEquals("https://app.example/api/auth/login", resolver.resolve().loginUrl());
        assertEquals(4, wristband.requests().size());
    }

    @Test
    void aCallerWaitingForAnotherCallersFetchGivesUpAfterTheRequestTimeout() throws Exception {
        values.put("wristband.http.request-timeout", "PT0.3S");
        always(wristband, Endpoint.SDK_CONFIGURATION, serverError());
        // The fetch's pause after its first failed attempt lasts until the test ends: the fetch never finishes.
        CountDownLatch pausing = new CountDownLatch(1);
        CountDownLatch endOfTest = new CountDownLatch(1);
        ConfigurationResolver resolver = resolver(duration -> {
            pausing.countDown();
            endOfTest.await();
        });
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<ResolvedConfiguration> fetch = pool.submit(resolver::resolve);
            assertTrue(pausing.await(10, TimeUnit.SECONDS), "the fetch never paused");

            Future<String> waiter = pool.submit(() -> {
                try {
                    resolver.resolve();
                    return "resolved";
                } catch (WristbandException e) {
                    return e.code();
                }
            });

            assertEquals("sdk_config_error", waiter.get(10, TimeUnit.SECONDS));
            assertFalse(fetch.isDone(), "the fetch was still running when the waiter gave up");
        } finally {
            endOfTest.countDown();
            pool.shutdownNow();
        }
    }

    // No fetch when nothing comes from Wristband

    @Test
    void autoConfigureDisabledNeverFetches() {
        values.put("wristband.auto-configure-enabled", "false");
        values.put("wristband.login-url", "https://app.example/login");
        values.put("wristband.redirect-uri", "https://app.example/callback");
        ResolvedConfiguration resolved = resolver().resolve();
        assertEquals(new ResolvedConfiguration("https://app.example/login", "https://app.example/callback",
                Optional.empty(), false, Optional.empty()), resolved);
        assertEquals(0, wristband.requests().size());
    }

    @Test
    void everyValueConfiguredNeverFetches() {
        values.put("wristband.login-url", "https://{tenant_name}.app.example/login");
        values.put("wristband.redirect-uri", "https://{tenant_name}.app.example/callback");
        values.put("wristband.parse-tenant-from-root-domain", "app.example");
        values.put("wristband.application-custom-domain-active", "true");
        values.put("wristband.custom-application-login-page-url", "https://app.example/discover");
        ResolvedConfiguration resolved = resolver().resolve();
        assertTrue(resolved.applicationCustomDomainActive());
        assertEquals(Optional.of("app.example"), resolved.parseTenantFromRootDomain());
        assertEquals(0, wristband.requests().size());
    }
}
