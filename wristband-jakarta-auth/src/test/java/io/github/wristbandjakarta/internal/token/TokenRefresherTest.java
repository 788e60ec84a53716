package io.github.wristbandjakarta.internal.token;

import io.github.wristbandjakarta.emulator.Tampering;
import io.github.wristbandjakarta.emulator.Endpoint;
import io.github.wristbandjakarta.emulator.Fault;
import io.github.wristbandjakarta.emulator.ScriptedAnswer;
import io.github.wristbandjakarta.emulator.RecordedRequest;
import io.github.wristbandjakarta.emulator.TokenMinter;
import io.github.wristbandjakarta.emulator.WristbandEmulator;
import io.github.wristbandjakarta.testing.Emulators;
import io.github.wristbandjakarta.testing.TestClock;
import io.github.wristbandjakarta.testing.TestConfig;

import io.github.wristbandjakarta.internal.config.ConfigKey;
import io.github.wristbandjakarta.internal.config.WristbandConfig;
import io.github.wristbandjakarta.api.WristbandEvent;
import io.github.wristbandjakarta.internal.events.WristbandEvents;
import io.github.wristbandjakarta.internal.token.TokenRefresher.Refreshed;
import io.github.wristbandjakarta.internal.wristband.InvalidGrantException;
import io.github.wristbandjakarta.internal.wristband.WristbandClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.github.wristbandjakarta.testing.Emulators.USER_ID;
import static io.github.wristbandjakarta.testing.Emulators.tokenJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Refresh (docs/protocol.md §7, §8.5) with single flight per refresh token (§9.4). */
class TokenRefresherTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private WristbandEmulator wristband;
    private final TestClock clock = new TestClock(NOW);
    private TokenRefresher refresher;
    private final TokenSet expired = new TokenSet("old-access", "old-refresh", NOW);
    private final List<WristbandEvent> fired = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        wristband = Emulators.start();
        WristbandConfig config = TestConfig.config(TestConfig.baseConfig(wristband));
        WristbandClient client = TestConfig.client(config);
        refresher = new TokenRefresher(config, client,
                new IdTokenValidator(config, new JwksCache(client, config.jwksRefreshCooldown(), config.requestTimeout(), clock), clock), clock,
                new WristbandEvents(fired::add));
    }

    @AfterEach
    void stop() {
        wristband.close();
    }

    @Test
    void refreshPostsTheRefreshTokenWithBasicAuth() {
        wristband.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(200, tokenJson("new-access", null, "new-refresh", 1800)));
        refresher.refreshShared(expired, USER_ID);
        RecordedRequest request = wristband.requests(Endpoint.TOKEN_REFRESH).get(0);
        assertEquals("grant_type=refresh_token&refresh_token=old-refresh", request.body());
        assertEquals("Basic " + Base64.getEncoder().encodeToString(
                "clientId:clientSecret".getBytes(StandardCharsets.UTF_8)), request.header("Authorization"));
    }

    @Test
    void refreshReturnsNewTokensWithBufferApplied() {
        wristband.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(200, tokenJson("new-access", null, "new-refresh", 1800)));
        assertEquals(new TokenSet("new-access", "new-refresh", NOW.plusSeconds(1740)),
                refresher.refreshShared(expired, USER_ID).tokens());
    }

    @Test
    void refreshKeepsThePreviousRefreshTokenWhenTheResponseOmitsOne() {
        wristband.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(200, tokenJson("new-access", null, null, 1800)));
        assertEquals("old-refresh", refresher.refreshShared(expired, USER_ID).tokens().refreshToken());
    }

    /**
     * {@code threads} requests refreshing {@link #expired} at once, while Wristband takes its time to answer the first
     * call and refuses any replay of the refresh token.
     */
    private List<Refreshed> refreshedTogether(int threads) throws Exception {
        wristband.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(200, tokenJson("new-access", null, "new-refresh", 1800)).delayed(Duration.ofMillis(200)));
        wristband.fault(Endpoint.TOKEN_REFRESH, new Fault.Status(400, "{\"error\":\"invalid_grant\",\"error_description\":\"replayed\"}"));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Refreshed>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return refresher.refreshShared(expired, USER_ID);
                }));
            }
            go.countDown();
            List<Refreshed> results = new ArrayList<>();
            for (Future<Refreshed> future : futures) {
                results.add(future.get(10, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twentyConcurrentRefreshesMakeOneCall() throws Exception {
        List<Refreshed> results = refreshedTogether(20);

        TokenSet first = results.get(0).tokens();
        for (Refreshed result : results) {
            assertSame(first, result.tokens());
        }
        assertEquals(new TokenSet("new-access", "new-refresh", NOW.plusSeconds(1740)), first);
        assertEquals(1, wristband.calls(Endpoint.TOKEN_REFRESH));
    }

    @Test
    void ofConcurrentRefreshesOnlyTheOneThatCalledWristbandIsToldSo() throws Exception {
        List<Refreshed> results = refreshedTogether(20);

        assertEquals(1, results.stream().filter(Refreshed::calledWristband).count(),
                "one request per node stores the new tokens");
    }

    /** The clock of a refresher whose Wristband call, once answered, meets {@code trouble} on its calling thread. */
    private final class TroubledClock extends java.time.Clock {
        private volatile Thread caller;
        private final Runnable trouble;

        TroubledClock(Runnable trouble) {
            this.trouble = trouble;
        }

        @Override
        public Instant instant() {
            if (Thread.currentThread() == caller && wristband.calls(Endpoint.TOKEN_REFRESH) > 0) {
                trouble.run();
            }
            return clock.instant();
        }

        @Override
        public java.time.ZoneId getZone() {
            return clock.getZone();
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    private TokenRefresher refresherWith(java.time.Clock troubled, String requestTimeoutSeconds) {
        java.util.Map<String, String> values = TestConfig.baseConfig(wristband);
        values.put(io.github.wristbandjakarta.internal.config.ConfigKey.HTTP_REQUEST_TIMEOUT.key(), requestTimeoutSeconds);
        WristbandConfig config = TestConfig.config(values);
        WristbandClient client = TestConfig.client(config);
        return new TokenRefresher(config, client,
                new IdTokenValidator(config, new JwksCache(client, config.jwksRefreshCooldown(), config.requestTimeout(), clock), clock),
                troubled, WristbandEvents.NONE);
    }

    @Test
    void anErrorInTheSharedCallReachesTheRequestsWaitingOnItInsteadOfBlockingThem() throws Exception {
        wristband.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(200, tokenJson("new-access", null, "new-refresh", 1800)).delayed(Duration.ofMillis(300)));
        TroubledClock troubled = new TroubledClock(() -> {
            throw new AssertionError("an Error inside the refresh");
        });
        TokenRefresher refresher = refresherWith(troubled, "5");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch calling = new CountDownLatch(1);
            Future<Refreshed> first = pool.submit(() -> {
                troubled.caller = Thread.currentThread();
                calling.countDown();
                return refresher.refreshShared(expired, USER_ID);
            });
            calling.await();
            while (wristband.calls(Endpoint.TOKEN_REFRESH) == 0 && !first.isDone()) {
                Thread.onSpinWait();
            }
            Future<Refreshed> waiting = pool.submit(() -> refresher.refreshShared(expired, USER_ID));

            java.util.concurrent.ExecutionException failed = assertThrows(
                    java.util.concurrent.ExecutionException.class, () -> waiting.get(10, TimeUnit.SECONDS));
            assertEquals("an Error inside the refresh", failed.getCause().getMessage());
            assertEquals(0, refresher.flightsRemembered(), "a failed call is not remembered");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRequestWaitsForAnotherRequestsRefreshNoLongerThanThatCanTake() throws Exception {
        // Request timeout 1 s, 3 attempts and their pauses: a waiter gives up after 4 s.
        wristband.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(200, tokenJson("new-access", null, "new-refresh", 1800)));
        CountDownLatch release = new CountDownLatch(1);
        TroubledClock troubled = new TroubledClock(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        TokenRefresher refresher = refresherWith(troubled, "1");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Refreshed> stuck = pool.submit(() -> {
                troubled.caller = Thread.currentThread();
                return refresher.refreshShared(expired, USER_ID);
            });
            while (wristband.calls(Endpoint.TOKEN_REFRESH) == 0) {
                Thread.onSpinWait();
            }
            Future<Refreshed> waiting = pool.submit(() -> refresher.refreshShared(expired, USER_ID));

            java.util.concurrent.ExecutionException failed = assertThrows(
                    java.util.concurrent.ExecutionException.class, () -> waiting.get(10, TimeUnit.SECONDS));
            assertEquals(io.github.wristbandjakarta.internal.wristband.WristbandUnavailableException.class,
                    failed.getCause().getClass());
            release.countDown();
            assertEquals("new-access", stuck.get(10, TimeUnit.SECONDS).tokens().accessToken());
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void lateCallWithinGracePeriodGetsTheRememberedResult() {
        wristband.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(200, tokenJson("new-access", null, "new-refresh", 1800)));
        wristband.fault(Endpoint.TOKEN_REFRESH, new Fault.Status(400, "{\"error\":\"invalid_grant\"}"));
        TokenSet first = refresher.refreshShared(expired, USER_ID).tokens();
        clock.advance(Duration.ofSeconds(30));
        assertSame(first, refresher.refreshShared(expired, USER_ID).tokens());
        assertEquals(1, wristband.calls(Endpoint.TOKEN_REFRESH));
    }

    @Test
    void theCallThatReachedWristbandIsToldItDid() {
        wristband.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(200, tokenJson("new-access", null, "new-refresh", 1800)));
        assertTrue(refresher.refreshShared(expired, USER_ID).calledWristband());
    }

    @Test
    void aLateCallAnsweredFromTheRememberedResultIsToldItDidNotCallWristband() {
        wristband.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(200, tokenJson("new-access", null, "new-refresh", 1800)));
        refresher.refreshShared(expired, USER_ID);
        clock.advance(Duration.ofSeconds(30));
        assertFalse(refresher.refreshShared(expired, USER_ID).calledWristband(),
                "the first call stored the tokens already");
    }

    @Test
    void aRefreshReadsUserinfoWithTheNewAccessToken() {
        wristband.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(200, tokenJson("new-access", null, "new-refresh", 1800)));
        Refreshed refreshed = refresher.refreshShared(expired, USER_ID);

        assertEquals(USER_ID, refreshed.userInfo().userId());
        assertEquals("Bearer new-access", wristband.requests(Endpoint.USERINFO).get(0).header("Authorization"));
    }

    @Test
    void aUserinfoThatCannotBeReadLeavesTheUserUnknownAndKeepsTheNewTokens() {
        wristband.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(200, tokenJson("new-access", null, "new-refresh", 1800)));
        wristband.fault(Endpoint.USERINFO, new Fault.Status(503, "{}"));
        Refreshed refreshed = refresher.refreshShared(expired, USER_ID);

        assertNull(refreshed.userInfo());
        assertEquals("new-refresh", refreshed.tokens().refreshToken());
    }

    @Test
    void aUserinfoNamingAnotherUserIsRefused() {
        wristband.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(200, tokenJson("new-access", null, "new-refresh", 1800)));
        wristband.fault(Endpoint.USERINFO, new Fault.Status(200, Emulators.userInfoJson("someone-else")));
        assertThrows(IdTokenException.class, () -> refresher.refreshShared(expired, USER_ID));
    }

    @Test
    void aRememberedResultWhoseTokensExpiredMeanwhileIsNotReused() {
        // Wristband does not rotate: the refresh token stays "old-refresh", the flight key stays the same.
        wristband.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(200, tokenJson("short-access", null, null, 62)),
                ScriptedAnswer.json(200, tokenJson("next-access", null, null, 1800)));
        TokenSet first = refresher.refreshShared(expired, USER_ID).tokens();
        assertEquals("old-refresh", first.refreshToken());
        clock.advance(Duration.ofSeconds(3)); // 62 s less the 60 s buffer: expired again, within the grace period

        assertEquals("next-access", refresher.refreshShared(first, USER_ID).tokens().accessToken());
        assertEquals(2, wristband.calls(Endpoint.TOKEN_REFRESH));
    }

    @Test
    void aRememberedResultIsForgottenAfterItsGracePeriodWithoutAnotherRefresh() {
        wristband.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(200, tokenJson("new-access", null, "new-refresh", 1800)));
        refresher.refreshShared(expired, USER_ID);
        assertEquals(1, refresher.flightsRemembered());

        clock.advance(TokenRefresher.GRACE.plusSeconds(1));
        refresher.forgetExpired();

        assertEquals(0, refresher.flightsRemembered(), "no token copy outlives the grace period");
    }

    @Test
    void callAfterGracePeriodCallsWristbandAgain() {
        wristband.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(200, tokenJson("new-access", null, "new-refresh", 1800)),
                ScriptedAnswer.json(200, tokenJson("newer-access", null, "newer-refresh", 1800)));
        refresher.refreshShared(expired, USER_ID);
        clock.advance(TokenRefresher.GRACE.plusSeconds(1));
        assertEquals("newer-access", refresher.refreshShared(expired, USER_ID).tokens().accessToken());
        assertEquals(2, wristband.calls(Endpoint.TOKEN_REFRESH));
    }

    @Test
    void refusalIsRememberedForTheGracePeriod() {
        wristband.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"expired\"}"),
                ScriptedAnswer.json(200, tokenJson("new-access", null, "new-refresh", 1800)));
        InvalidGrantException e = assertThrows(InvalidGrantException.class,
                () -> refresher.refreshShared(expired, USER_ID));
        assertEquals("invalid_grant", e.code());
        assertThrows(InvalidGrantException.class, () -> refresher.refreshShared(expired, USER_ID));
        assertEquals(1, wristband.calls(Endpoint.TOKEN_REFRESH), "a dead refresh token is not replayed");
    }

    /** Wristband unavailable for one refresh (its three attempts), then answering new tokens. */
    private void unavailableOnceThenNewTokens() {
        wristband.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(503, "{}"), ScriptedAnswer.json(503, "{}"),
                ScriptedAnswer.json(503, "{}"), ScriptedAnswer.json(200, tokenJson("new-access", null, "new-refresh", 1800)));
    }

    @Test
    void unavailabilityIsNotRememberedOnceTheAccessTokenHasReallyExpired() {
        unavailableOnceThenNewTokens();
        // Counted expired one buffer (60 s) before Wristband does: this one has run out there too.
        TokenSet runOut = new TokenSet("old-access", "old-refresh", NOW.minusSeconds(60));
        assertThrows(io.github.wristbandjakarta.internal.wristband.WristbandUnavailableException.class,
                () -> refresher.refreshShared(runOut, USER_ID));
        assertEquals("new-access", refresher.refreshShared(runOut, USER_ID).tokens().accessToken());
        assertEquals(4, wristband.calls(Endpoint.TOKEN_REFRESH));
    }

    @Test
    void unavailabilityIsRememberedForAPauseWhileTheAccessTokenIsStillGood() {
        unavailableOnceThenNewTokens();
        assertThrows(io.github.wristbandjakarta.internal.wristband.WristbandUnavailableException.class,
                () -> refresher.refreshShared(expired, USER_ID));
        clock.advance(TokenRefresher.UNAVAILABLE_PAUSE.minusMillis(1));
        assertThrows(io.github.wristbandjakarta.internal.wristband.WristbandUnavailableException.class,
                () -> refresher.refreshShared(expired, USER_ID));
        assertEquals(3, wristband.calls(Endpoint.TOKEN_REFRESH), "no call within the pause");
        clock.advance(Duration.ofMillis(1));
        assertEquals("new-access", refresher.refreshShared(expired, USER_ID).tokens().accessToken());
        assertEquals(4, wristband.calls(Endpoint.TOKEN_REFRESH), "one call once the pause is over");
    }

    @Test
    void aRememberedUnavailabilityIsRetriedOnceTheAccessTokenHasReallyExpired() {
        unavailableOnceThenNewTokens();
        TokenSet almostOut = new TokenSet("old-access", "old-refresh", NOW.minusSeconds(59));
        assertThrows(io.github.wristbandjakarta.internal.wristband.WristbandUnavailableException.class,
                () -> refresher.refreshShared(almostOut, USER_ID));
        clock.advance(Duration.ofSeconds(1));
        assertEquals("new-access", refresher.refreshShared(almostOut, USER_ID).tokens().accessToken(),
                "within the pause, but the access token has run out at Wristband: asked again");
        assertEquals(4, wristband.calls(Endpoint.TOKEN_REFRESH));
    }

    @Test
    void aRefusedCallTellsTheObserversOnceAlthoughTwoRequestsGetItsAnswer() {
        wristband.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(400, "{\"error\":\"invalid_grant\"}"));
        assertThrows(InvalidGrantException.class, () -> refresher.refreshShared(expired, USER_ID));
        assertThrows(InvalidGrantException.class, () -> refresher.refreshShared(expired, USER_ID));

        assertEquals(List.of(new WristbandEvent.RefreshFailed(USER_ID, WristbandEvent.RefreshFailed.Reason.REFUSED)),
                fired);
    }

    @Test
    void aRefreshedIdTokenThatFailsValidationCountsAsRefused() {
        wristband.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(200, tokenJson("new-access", Emulators.idToken(wristband, "another-user", null, NOW),
                "new-refresh", 1800)));
        assertThrows(IdTokenException.class, () -> refresher.refreshShared(expired, USER_ID));

        assertEquals(List.of(new WristbandEvent.RefreshFailed(USER_ID, WristbandEvent.RefreshFailed.Reason.REFUSED)),
                fired);
    }

    @Test
    void aCallThatNeverReachedWristbandTellsTheObserversItWasUnavailable() {
        wristband.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(503, "{}"), ScriptedAnswer.json(503, "{}"), ScriptedAnswer.json(503, "{}"));
        assertThrows(io.github.wristbandjakarta.internal.wristband.WristbandUnavailableException.class,
                () -> refresher.refreshShared(expired, USER_ID));

        assertEquals(List.of(new WristbandEvent.RefreshFailed(USER_ID,
                WristbandEvent.RefreshFailed.Reason.UNAVAILABLE)), fired);
    }

    @Test
    void aSuccessfulRefreshFiresNoFailure() {
        wristband.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(200, tokenJson("new-access", null, "new-refresh", 1800)));
        refresher.refreshShared(expired, USER_ID);

        assertEquals(List.of(), fired);
    }

    @Test
    void refreshedIdTokenOfTheSameUserIsAccepted() {
        wristband.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(200, tokenJson("new-access", Emulators.idToken(wristband, USER_ID, null, NOW),
                "new-refresh", 1800)));
        assertEquals("new-access", refresher.refreshShared(expired, USER_ID).tokens().accessToken());
    }

    @Test
    void refreshedIdTokenOfAnotherUserIsRejected() {
        wristband.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(200, tokenJson("new-access", Emulators.idToken(wristband, "another-user", null, NOW),
                "new-refresh", 1800)));
        assertThrows(IdTokenException.class, () -> refresher.refreshShared(expired, USER_ID));
    }

    @Test
    void refreshedIdTokenWithBadSignatureIsRejected() {
        wristband.script(Endpoint.TOKEN_REFRESH, ScriptedAnswer.json(200, tokenJson("new-access",
                Emulators.idToken(wristband, USER_ID, null, NOW, Tampering.signedBy(TokenMinter.newKey("k1"))),
                "new-refresh", 1800)));
        assertThrows(IdTokenException.class, () -> refresher.refreshShared(expired, USER_ID));
    }

    @Test
    void missingRefreshTokenIsRejectedWithoutACall() {
        assertThrows(IllegalArgumentException.class,
                () -> refresher.refreshShared(new TokenSet("at", null, NOW), USER_ID));
        assertThrows(IllegalArgumentException.class,
                () -> refresher.refreshShared(new TokenSet("at", "", NOW), USER_ID));
        assertEquals(0, wristband.requests().size());
    }
}
