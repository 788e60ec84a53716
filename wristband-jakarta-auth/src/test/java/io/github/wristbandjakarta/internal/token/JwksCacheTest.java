package io.github.wristbandjakarta.internal.token;

import io.github.wristbandjakarta.emulator.Endpoint;
import io.github.wristbandjakarta.emulator.ScriptedAnswer;
import io.github.wristbandjakarta.emulator.TokenMinter;
import io.github.wristbandjakarta.emulator.WristbandEmulator;
import io.github.wristbandjakarta.testing.Emulators;
import io.github.wristbandjakarta.testing.TestClock;
import io.github.wristbandjakarta.testing.TestConfig;

import org.jose4j.jwk.JsonWebKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Wristband's signing keys: fetched lazily, refetched at most once per cooldown, kept through outages. */
class JwksCacheTest {

    private WristbandEmulator wristband;
    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    private JwksCache cache;

    @BeforeEach
    void start() throws IOException {
        wristband = Emulators.start();
        cache = new JwksCache(TestConfig.client(TestConfig.config(TestConfig.baseConfig(wristband))),
                Duration.ofSeconds(10), Duration.ofSeconds(5), clock);
    }

    @AfterEach
    void stop() {
        wristband.close();
    }

    private static List<String> kids(List<JsonWebKey> keys) {
        return keys.stream().map(JsonWebKey::getKeyId).toList();
    }

    @Test
    void keysAreFetchedOnFirstUseOnly() {
        assertEquals(0, wristband.calls(Endpoint.JWKS));
        assertEquals(List.of("k1"), kids(cache.keys()));
        cache.keys();
        assertEquals(1, wristband.calls(Endpoint.JWKS));
    }

    @Test
    void secondRefreshWithinCooldownMakesNoCall() {
        assertTrue(cache.refresh());
        clock.advance(Duration.ofSeconds(9));
        assertFalse(cache.refresh());
        assertEquals(1, wristband.calls(Endpoint.JWKS));
    }

    @Test
    void refreshAfterCooldownFetchesAgain() {
        cache.keys();
        clock.advance(Duration.ofSeconds(10));
        wristband.publishKeys(List.of(Emulators.KEY, TokenMinter.newKey("k2")));
        assertTrue(cache.refresh());
        assertEquals(2, wristband.calls(Endpoint.JWKS));
        assertEquals(List.of("k1", "k2"), kids(cache.keys()));
    }

    @Test
    void lastGoodKeysAreKeptWhenTheFetchFails() {
        cache.keys();
        clock.advance(Duration.ofMinutes(1));
        wristband.script(Endpoint.JWKS, ScriptedAnswer.json(500, "{}"));
        assertFalse(cache.refresh());
        assertEquals(2, wristband.calls(Endpoint.JWKS));
        assertEquals(List.of("k1"), kids(cache.keys()));
    }

    @Test
    void aFailedFetchIsLoggedWithItsReason() {
        cache.keys();
        clock.advance(Duration.ofMinutes(1));
        wristband.script(Endpoint.JWKS, ScriptedAnswer.json(500, "{}"));
        List<String> logged = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(new SimpleFormatter().formatMessage(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(JwksCache.class.getName());
        logger.addHandler(handler);
        try {
            cache.refresh();
        } finally {
            logger.removeHandler(handler);
        }
        assertEquals(1, logged.size(), logged.toString());
        assertTrue(logged.get(0).contains("keeping the last good key set: "), logged.get(0));
        assertTrue(logged.get(0).contains("500"), "the reason, formatted: " + logged.get(0));
    }

    @Test
    void lastGoodKeysAreKeptWhenTheAnswerIsGarbage() {
        cache.keys();
        clock.advance(Duration.ofMinutes(1));
        wristband.script(Endpoint.JWKS, ScriptedAnswer.json(200, "{\"keys\":\"nope\"}"));
        assertFalse(cache.refresh());
        assertEquals(List.of("k1"), kids(cache.keys()));
    }

    @Test
    void failedFirstFetchGivesNoKeys() {
        wristband.script(Endpoint.JWKS, ScriptedAnswer.json(503, "{}"));
        assertEquals(List.of(), cache.keys());
    }

    @Test
    void aFailedFirstFetchIsNotRepeatedWithinTheCooldown() {
        wristband.script(Endpoint.JWKS, ScriptedAnswer.json(503, "{}"));
        cache.keys();
        clock.advance(Duration.ofSeconds(9));
        assertEquals(List.of(), cache.keys());
        assertEquals(1, wristband.calls(Endpoint.JWKS), "the failure is remembered for the cooldown");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of("k1"), kids(cache.keys()));
        assertEquals(2, wristband.calls(Endpoint.JWKS));
    }

    @Test
    void requestsArrivingTogetherShareOneFetch() throws Exception {
        wristband.script(Endpoint.JWKS, ScriptedAnswer.json(200, Emulators.jwksJson(Emulators.KEY)).delayed(Duration.ofMillis(300)));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<JsonWebKey>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(cache::keys));
            }
            for (Future<List<JsonWebKey>> result : results) {
                assertEquals(List.of("k1"), kids(result.get(10, TimeUnit.SECONDS)));
            }
            assertEquals(1, wristband.calls(Endpoint.JWKS));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRequestWaitsForAnotherRequestsFetchNoLongerThanTheRequestTimeout() throws Exception {
        JwksCache impatient = new JwksCache(TestConfig.client(TestConfig.config(TestConfig.baseConfig(wristband))),
                Duration.ofSeconds(10), Duration.ofMillis(200), clock);
        wristband.script(Endpoint.JWKS, ScriptedAnswer.json(200, Emulators.jwksJson(Emulators.KEY)).delayed(Duration.ofMillis(3_000)));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<List<JsonWebKey>> fetching = pool.submit(impatient::keys);
            while (wristband.calls(Endpoint.JWKS) == 0) {
                Thread.onSpinWait();
            }
            long started = System.nanoTime();
            assertEquals(List.of(), impatient.keys(), "no keys yet, and no second fetch");
            assertTrue(System.nanoTime() - started < 2_000_000_000L, "gave up well before the fetch's 3 s");
            assertEquals(List.of("k1"), kids(fetching.get(10, TimeUnit.SECONDS)));
            assertEquals(1, wristband.calls(Endpoint.JWKS));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aKeyIdNeverSeenMayFetchOnceInsideTheCooldown() {
        cache.keys();
        clock.advance(Duration.ofSeconds(11));
        assertTrue(cache.refresh(), "a bad signature refetched");
        clock.advance(Duration.ofSeconds(2));
        assertTrue(cache.refreshForKeyId("k2"), "Wristband rotated a new key in right after");
        assertFalse(cache.refreshForKeyId("k2"), "once per key id");
        assertFalse(cache.refreshForKeyId("k3"), "and once per cooldown");
        assertEquals(3, wristband.calls(Endpoint.JWKS));
    }
}
