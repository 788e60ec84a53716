package io.github.wristbandjakarta.internal.telemetry;

import io.github.wristbandjakarta.api.WristbandEvent;
import io.github.wristbandjakarta.api.WristbandEvent.RefreshFailed;
import io.github.wristbandjakarta.api.WristbandEvent.RequestRefused;
import io.github.wristbandjakarta.api.WristbandEvent.SessionEnded;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The counters of docs/telemetry.md, read back from the real OpenTelemetry SDK with an in-memory reader. */
class WristbandMetricsTest {

    private final InMemoryMetricReader reader = InMemoryMetricReader.create();
    private final WristbandMetrics metrics = new WristbandMetrics(OpenTelemetrySdk.builder()
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build()).build());

    /** Each point of the counter {@code name}: its attributes (as text) and value. */
    private Map<String, Long> counter(String name) {
        Map<String, Long> points = new TreeMap<>();
        for (MetricData metric : reader.collectAllMetrics()) {
            if (metric.getName().equals(name)) {
                assertTrue(metric.getLongSumData().isMonotonic(), name + " is a counter");
                for (LongPointData point : metric.getLongSumData().getPoints()) {
                    points.put(text(point.getAttributes()), point.getValue());
                }
            }
        }
        return points;
    }

    private static String text(Attributes attributes) {
        return attributes.asMap().entrySet().stream().map(e -> e.getKey().getKey() + "=" + e.getValue())
                .sorted().collect(Collectors.joining(","));
    }

    @Test
    void signInsAreCounted() {
        metrics.count(new WristbandEvent.SignedIn("u", "t", "devs4you", null));
        metrics.count(new WristbandEvent.SignedIn("u2", "t", "devs4you", null));

        assertEquals(Map.of("", 2L), counter("wristband.sign_ins"));
    }

    @Test
    void failedCallbacksAreCountedByReason() {
        metrics.count(new WristbandEvent.CallbackFailed(WristbandEvent.CallbackFailed.Reason.INVALID_REQUEST));
        metrics.count(new WristbandEvent.CallbackFailed(WristbandEvent.CallbackFailed.Reason.INVALID_REQUEST));
        metrics.count(new WristbandEvent.CallbackFailed(WristbandEvent.CallbackFailed.Reason.LOGIN_REQUIRED));

        assertEquals(Map.of("wristband.reason=invalid_request", 2L, "wristband.reason=login_required", 1L),
                counter("wristband.callback.failures"));
    }

    @Test
    void aCallbackErrorCodeAnyoneCouldWriteCountsAsOther() {
        // A callback's error parameter is any letters and underscores: counted under its own name, each would be a
        // time series of its own.
        metrics.count(new WristbandEvent.CallbackFailed(WristbandEvent.CallbackFailed.Reason.of("made_up_by_the_caller_1")));
        metrics.count(new WristbandEvent.CallbackFailed(WristbandEvent.CallbackFailed.Reason.of("made_up_by_the_caller_2")));

        assertEquals(Map.of("wristband.reason=other", 2L), counter("wristband.callback.failures"));
    }

    @Test
    void refreshesAreCountedByOutcome() {
        metrics.count(new WristbandEvent.TokensRefreshed("u", "t"));
        metrics.count(new RefreshFailed("u", RefreshFailed.Reason.REFUSED));
        metrics.count(new RefreshFailed("u", RefreshFailed.Reason.UNAVAILABLE));
        metrics.count(new RefreshFailed("u", RefreshFailed.Reason.UNAVAILABLE));

        assertEquals(Map.of("wristband.outcome=refreshed", 1L, "wristband.outcome=refused", 1L,
                "wristband.outcome=unavailable", 2L), counter("wristband.token.refreshes"));
    }

    @Test
    void endedSessionsAreCountedByReasonLogoutIncluded() {
        metrics.count(new WristbandEvent.SignedOut("u", "t"));
        metrics.count(new SessionEnded("u", "t", SessionEnded.Reason.ABSOLUTE_LIFETIME));
        metrics.count(new SessionEnded(null, null, SessionEnded.Reason.FORGED_OR_ALTERED));

        assertEquals(Map.of("wristband.reason=logout", 1L, "wristband.reason=absolute_lifetime", 1L,
                "wristband.reason=forged_or_altered", 1L), counter("wristband.sessions.ended"));
    }

    @Test
    void csrfRefusalsAreCountedByCheck() {
        metrics.count(new RequestRefused(RequestRefused.Reason.CSRF_TOKEN));
        metrics.count(new RequestRefused(RequestRefused.Reason.CROSS_ORIGIN));
        metrics.count(new RequestRefused(RequestRefused.Reason.CSRF_TOKEN));

        assertEquals(Map.of("wristband.reason=csrf_token", 2L, "wristband.reason=cross_origin", 1L),
                counter("wristband.csrf.refusals"));
    }

    @Test
    void jwtRefusalsAreCountedApartFromCsrfRefusals() {
        metrics.count(new RequestRefused(RequestRefused.Reason.BEARER_TOKEN));

        assertEquals(Map.of("", 1L), counter("wristband.jwt.refusals"));
        assertEquals(Map.of(), counter("wristband.csrf.refusals"));
    }

    @Test
    void noAttributeNamesAUserOrTenant() {
        metrics.count(new WristbandEvent.SignedIn("user-id-1", "tenant-id-1", "devs4you", "{\"x\":1}"));
        metrics.count(new SessionEnded("user-id-1", "tenant-id-1", SessionEnded.Reason.TOKENS_EXPIRED));
        metrics.count(new RefreshFailed("user-id-1", RefreshFailed.Reason.REFUSED));

        String everything = reader.collectAllMetrics().toString();
        assertTrue(!everything.contains("user-id-1") && !everything.contains("tenant-id-1")
                && !everything.contains("devs4you"), everything);
    }

    @Test
    void theCountersBelongToTheLibrarysInstrumentationScope() {
        metrics.count(new WristbandEvent.SignedIn("u", "t", "devs4you", null));

        MetricData signIns = reader.collectAllMetrics().stream()
                .filter(m -> m.getName().equals("wristband.sign_ins")).findFirst().orElseThrow();
        assertEquals("io.github.wristbandjakarta", signIns.getInstrumentationScopeInfo().getName());
        assertEquals("{sign_in}", signIns.getUnit());
    }
}
