package io.github.wristbandjakarta.internal.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.net.ConnectException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Spans and durations of calls to Wristband (docs/telemetry.md), exported by the real SDK to memory. */
class WristbandCallTelemetryTest {

    private static final URI TOKEN_URL = URI.create("https://invotastic.us.wristband.dev/api/v1/oauth2/token");

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build()).build();
    /** Calls made outside any servlet request: each is a child of the span current on its thread, or a root. */
    private final WristbandCallTelemetry telemetry = new WristbandCallTelemetry(sdk, () -> null);

    private SpanData onlySpan() {
        List<SpanData> exported = spans.getFinishedSpanItems();
        assertEquals(1, exported.size(), exported.toString());
        return exported.get(0);
    }

    private static Map<String, Object> attributes(SpanData span) {
        return span.getAttributes().asMap().entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().getKey(), Map.Entry::getValue));
    }

    private HistogramPointData onlyDuration() {
        MetricData histogram = metrics.collectAllMetrics().stream()
                .filter(m -> m.getName().equals("wristband.client.request.duration")).findFirst().orElseThrow();
        assertEquals("s", histogram.getUnit());
        List<HistogramPointData> points = List.copyOf(histogram.getHistogramData().getPoints());
        assertEquals(1, points.size(), points.toString());
        return points.get(0);
    }

    @Test
    void anAnsweredCallIsAClientSpanWithTheHttpClientAttributes() {
        telemetry.started("token", "POST", "/api/v1/oauth2/token", TOKEN_URL).answered(200);

        SpanData span = onlySpan();
        assertEquals("POST /api/v1/oauth2/token", span.getName());
        assertEquals(SpanKind.CLIENT, span.getKind());
        assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
        assertEquals(Map.of("http.request.method", "POST", "server.address", "invotastic.us.wristband.dev",
                "server.port", 443L, "url.full", TOKEN_URL.toString(), "url.template", "/api/v1/oauth2/token",
                "wristband.endpoint", "token", "http.response.status_code", 200L), attributes(span));
        assertEquals("io.github.wristbandjakarta", span.getInstrumentationScopeInfo().getName());
    }

    @Test
    // The Scope of makeCurrent() is held only to be closed (OpenTelemetry's idiom), never read: javac's "try" lint.
    @SuppressWarnings("try")
    void theSpanIsAChildOfTheSpanCurrentOnTheCallingThread() {
        Span request = sdk.getTracer("server").spanBuilder("GET /api/auth/callback").setSpanKind(SpanKind.SERVER)
                .startSpan();
        try (Scope ignored = request.makeCurrent()) {
            telemetry.started("token", "POST", "/api/v1/oauth2/token", TOKEN_URL).answered(200);
        } finally {
            request.end();
        }

        SpanData call = spans.getFinishedSpanItems().stream().filter(s -> s.getKind() == SpanKind.CLIENT)
                .findFirst().orElseThrow();
        assertEquals(request.getSpanContext().getTraceId(), call.getTraceId());
        assertEquals(request.getSpanContext().getSpanId(), call.getParentSpanId());
    }

    /** A W3C trace context as a caller would send it (W3C Trace Context §3.2). */
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN_ID = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-01";

    /** A servlet request (the one interface this class reads of it) carrying only a traceparent header. */
    private static HttpServletRequest requestWithTraceparent() {
        return (HttpServletRequest) Proxy.newProxyInstance(WristbandCallTelemetryTest.class.getClassLoader(),
                new Class<?>[]{HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeader" -> "traceparent".equalsIgnoreCase((String) args[0]) ? TRACEPARENT : null;
                    case "getHeaderNames" -> Collections.enumeration(List.of("traceparent"));
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private WristbandCallTelemetry during(HttpServletRequest request) {
        return new WristbandCallTelemetry(sdk, () -> request);
    }

    @Test
    void withoutACurrentSpanTheCallJoinsTheTraceTheRequestCameWith() {
        during(requestWithTraceparent())
                .started("token", "POST", "/api/v1/oauth2/token", TOKEN_URL).answered(200);

        SpanData call = onlySpan();
        assertEquals(TRACE_ID, call.getTraceId());
        assertEquals(CALLER_SPAN_ID, call.getParentSpanId());
    }

    @Test
    // The Scope of makeCurrent() is held only to be closed (OpenTelemetry's idiom), never read: javac's "try" lint.
    @SuppressWarnings("try")
    void theCurrentSpanWinsOverTheRequestsTraceContext() {
        Span request = sdk.getTracer("server").spanBuilder("GET /api/auth/callback").startSpan();
        try (Scope ignored = request.makeCurrent()) {
            during(requestWithTraceparent())
                    .started("token", "POST", "/api/v1/oauth2/token", TOKEN_URL).answered(200);
        } finally {
            request.end();
        }

        SpanData call = spans.getFinishedSpanItems().get(0);
        assertEquals(request.getSpanContext().getSpanId(), call.getParentSpanId());
    }

    @Test
    void withoutSpanOrRequestTheCallStartsATraceOfItsOwn() {
        telemetry.started("jwks", "GET", "/api/v1/oauth2/jwks",
                URI.create("https://invotastic.us.wristband.dev/api/v1/oauth2/jwks")).answered(200);

        assertFalse(onlySpan().getParentSpanContext().isValid());
    }

    @Test
    void anErrorAnswerMarksTheSpanAndTheDurationWithItsStatus() {
        telemetry.started("userinfo", "GET", "/api/v1/oauth2/userinfo",
                URI.create("https://invotastic.us.wristband.dev/api/v1/oauth2/userinfo")).answered(503);

        SpanData span = onlySpan();
        assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
        assertEquals("503", span.getAttributes().get(AttributeKey.stringKey("error.type")));
        assertEquals("503", onlyDuration().getAttributes().get(AttributeKey.stringKey("error.type")));
    }

    @Test
    void aCallWithoutAnswerIsTypedByItsExceptionClassNotItsMessage() {
        telemetry.started("jwks", "GET", "/api/v1/oauth2/jwks",
                URI.create("https://invotastic.us.wristband.dev/api/v1/oauth2/jwks"))
                .failed(new ConnectException("refused while sending secret-in-a-message"));

        SpanData span = onlySpan();
        assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
        assertEquals("java.net.ConnectException", span.getAttributes().get(AttributeKey.stringKey("error.type")));
        assertFalse(span.toString().contains("secret-in-a-message"), span.toString());
        assertEquals(List.of(), span.getEvents(), "no exception event: its message could quote anything");
    }

    @Test
    void eachCallIsOneDurationLabelledByEndpointMethodAndStatus() {
        telemetry.started("token", "POST", "/api/v1/oauth2/token", TOKEN_URL).answered(200);

        HistogramPointData point = onlyDuration();
        assertEquals(1, point.getCount());
        assertEquals(Map.of("wristband.endpoint", "token", "http.request.method", "POST",
                "http.response.status_code", 200L), point.getAttributes().asMap().entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().getKey(), Map.Entry::getValue)));
        assertEquals(WristbandCallTelemetry.BUCKETS, point.getBoundaries());
    }

    @Test
    void theUrlLosesAnyUserInfoQueryAndFragmentItMightHave() {
        telemetry.started("token", "POST", "/api/v1/oauth2/token",
                URI.create("https://user-in-url:password-in-url@invotastic.us.wristband.dev:8443/api/v1/oauth2/token"
                        + "?code=code-in-query#fragment-of-url"))
                .answered(200);

        assertEquals("https://invotastic.us.wristband.dev:8443/api/v1/oauth2/token",
                onlySpan().getAttributes().get(AttributeKey.stringKey("url.full")));
        // Values no span id or trace id can contain (hexadecimal), unlike a short one such as "abc".
        String span = onlySpan().toString();
        for (String part : List.of("user-in-url", "password-in-url", "code-in-query", "fragment-of-url")) {
            assertFalse(span.contains(part), part + " in " + span);
        }
    }
}
