package io.github.wristbandjakarta.internal.token;

import io.github.wristbandjakarta.internal.token.FakeWristband.Answer;
import io.github.wristbandjakarta.internal.token.FakeWristband.MutableClock;
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

import static io.github.wristbandjakarta.internal.token.FakeWristband.JWKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Wristband's signing keys: fetched lazily, refetched at most once per cooldown, kept through outages. */
class JwksCacheTest {

    private FakeWristband stub;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private JwksCache cache;

    @BeforeEach
    void start() throws IOException {
        stub = new FakeWristband();
        cache = new JwksCache(FakeWristband.client(FakeWristband.config(stub.baseConfig())),
                Duration.ofSeconds(10), Duration.ofSeconds(5), clock);
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private static List<String> kids(List<JsonWebKey> keys) {
        return keys.stream().map(JsonWebKey::getKeyId).toList();
    }

    @Test
    void keysAreFetchedOnFirstUseOnly() {
        assertEquals(0, stub.count(JWKS));
        assertEquals(List.of("k1"), kids(cache.keys()));
        cache.keys();
        assertEquals(1, stub.count(JWKS));
    }

    @Test
    void secondRefreshWithinCooldownMakesNoCall() {
        assertTrue(cache.refresh());
        clock.advance(Duration.ofSeconds(9));
        assertFalse(cache.refresh());
        assertEquals(1, stub.count(JWKS));
    }

    @Test
    void refreshAfterCooldownFetchesAgain() {
        cache.keys();
        clock.advance(Duration.ofSeconds(10));
        stub.published.add(FakeWristband.newKey("k2"));
        assertTrue(cache.refresh());
        assertEquals(2, stub.count(JWKS));
        assertEquals(List.of("k1", "k2"), kids(cache.keys()));
    }

    @Test
    void lastGoodKeysAreKeptWhenTheFetchFails() {
        cache.keys();
        clock.advance(Duration.ofMinutes(1));
        stub.answer(JWKS, Answer.json(500, "{}"));
        assertFalse(cache.refresh());
        assertEquals(2, stub.count(JWKS));
        assertEquals(List.of("k1"), kids(cache.keys()));
    }

    @Test
    void aFailedFetchIsLoggedWithItsReason() {
        cache.keys();
        clock.advance(Duration.ofMinutes(1));
        stub.answer(JWKS, Answer.json(500, "{}"));
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
        stub.answer(JWKS, Answer.json(200, "{\"keys\":\"nope\"}"));
        assertFalse(cache.refresh());
        assertEquals(List.of("k1"), kids(cache.keys()));
    }

    @Test
    void failedFirstFetchGivesNoKeys() {
        stub.answer(JWKS, Answer.json(503, "{}"));
        assertEquals(List.of(), cache.keys());
    }

    @Test
    void aFailedFirstFetchIsNotRepeatedWithinTheCooldown() {
        stub.answer(JWKS, Answer.json(503, "{}"));
        cache.keys();
        clock.advance(Duration.ofSeconds(9));
        assertEquals(List.of(), cache.keys());
        assertEquals(1, stub.count(JWKS), "the failure is remembered for the cooldown");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of("k1"), kids(cache.keys()));
        assertEquals(2, stub.count(JWKS));
    }

    @Test
    void requestsArrivingTogetherShareOneFetch() throws Exception {
        stub.answer(JWKS, Answer.json(200, stub.jwksJson()).delayed(300));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<JsonWebKey>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(cache::keys));
            }
            for (Future<List<JsonWebKey>> result : results) {
                assertEquals(List.of("k1"), kids(result.get(10, TimeUnit.SECONDS)));
            }
            assertEquals(1, stub.count(JWKS));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRequestWaitsForAnotherRequestsFetchNoLongerThanTheRequestTimeout() throws Exception {
        JwksCache impatient = new JwksCache(FakeWristband.client(FakeWristband.config(stub.baseConfig())),
                Duration.ofSeconds(10), Duration.ofMillis(200), clock);
        stub.answer(JWKS, Answer.json(200, stub.jwksJson()).delayed(3_000));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<List<JsonWebKey>> fetching = pool.submit(impatient::keys);
            while (stub.count(JWKS) == 0) {
                Thread.onSpinWait();
            }
            long started = System.nanoTime();
            assertEquals(List.of(), impatient.keys(), "no keys yet, and no second fetch");
            assertTrue(System.nanoTime() - started < 2_000_000_000L, "gave up well before the fetch's 3 s");
            assertEquals(List.of("k1"), kids(fetching.get(10, TimeUnit.SECONDS)));
            assertEquals(1, stub.count(JWKS));
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
        assertEquals(3, stub.count(JWKS));
    }
}
