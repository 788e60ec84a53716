package io.github.wristbandjakarta.internal.telemetry;

import io.github.wristbandjakarta.api.WristbandCallObserver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * Traces and times every call to Wristband's API (docs/telemetry.md): a client span, child of the span current on
 * the calling thread (the request's, where the server traces the request), and a duration in the histogram
 * {@code wristband.client.request.duration}. Attributes follow OpenTelemetry's HTTP client conventions (method,
 * server, URL, status or error type) plus {@code wristband.endpoint}. The URL carries no query and no credentials
 * ({@link WristbandCallObserver#started}); bodies and headers, where codes, tokens and the client secret travel, are
 * never read.
 *
 * <p>Where no span is current (WildFly traces Jakarta REST requests but not servlets; neither server has a request
 * span yet while Jakarta Security authenticates) the span joins the trace the request came with ({@code traceparent},
 * through the server's propagators), or starts one. (The request's own span, where the server made one, loses the
 * values of its query to {@link QueryRedactionFilter}.)
 */
@ApplicationScoped
public class WristbandCallTelemetry implements WristbandCallObserver {

    static final AttributeKey<String> ENDPOINT = AttributeKey.stringKey("wristband.endpoint");
    static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
    static final AttributeKey<String> URL_TEMPLATE = AttributeKey.stringKey("url.template");

    /** Bucket boundaries in seconds, as OpenTelemetry's HTTP conventions advise for request durations. */
    static final List<Double> BUCKETS = List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0,
            7.5, 10.0);

    /** Reads a request's headers for the propagators. */
    private static final TextMapGetter<HttpServletRequest> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpServletRequest request) {
            return Collections.list(request.getHeaderNames());
        }

        @Override
        public String get(HttpServletRequest request, String name) {
            return request == null ? null : request.getHeader(name);
        }
    };

    private final Tracer tracer;
    private final DoubleHistogram durations;
    private final ContextPropagators propagators;
    private final Supplier<HttpServletRequest> currentRequest;

    @Inject
    public WristbandCallTelemetry(Instance<OpenTelemetry> server, Instance<HttpServletRequest> request) {
        this(Instrumentation.of(server), () -> active(request));
    }

    /** @param currentRequest the servlet request of the calling thread, or null outside one */
    WristbandCallTelemetry(OpenTelemetry openTelemetry, Supplier<HttpServletRequest> currentRequest) {
        this.currentRequest = currentRequest;
        propagators = openTelemetry.getPropagators();
        tracer = openTelemetry.getTracer(Instrumentation.SCOPE);
        durations = openTelemetry.getMeter(Instrumentation.SCOPE).histogramBuilder("wristband.client.request.duration")
                .setUnit("s").setDescription("Duration of calls to Wristband's API, by wristband.endpoint")
                .setExplicitBucketBoundariesAdvice(BUCKETS).build();
    }

    /** For the CDI client proxy only. */
    protected WristbandCallTelemetry() {
        tracer = null;
        durations = null;
        propagators = null;
        currentRequest = null;
    }

    /** CDI's request of this thread, or null when no request is active (a health check's own thread, say). */
    private static HttpServletRequest active(Instance<HttpServletRequest> request) {
        if (!request.isResolvable()) {
            return null;
        }
        try {
            HttpServletRequest current = request.get();
            current.getMethod(); // the client proxy reaches the request only while its context is active
            return current;
        } catch (ContextNotActiveException e) {
            return null;
        }
    }

    /** The span current on this thread; if there is none, the trace context the request came with. */
    private Context parent() {
        Context current = Context.current();
        if (Span.fromContext(current).getSpanContext().isValid()) {
            return current;
        }
        HttpServletRequest request = currentRequest.get();
        return request == null ? current : propagators.getTextMapPropagator().extract(current, request, HEADERS);
    }

    @Override
    public Call started(String endpoint, String method, String urlTemplate, URI url) {
        long start = System.nanoTime();
        // The span's name per OpenTelemetry's HTTP client conventions: method and URL template.
        Span span = tracer.spanBuilder(method + " " + urlTemplate).setSpanKind(SpanKind.CLIENT).setParent(parent())
                .setAttribute(METHOD, method)
                .setAttribute(SERVER_ADDRESS, url.getHost())
                .setAttribute(SERVER_PORT, (long) port(url))
                .setAttribute(URL_FULL, withoutQuery(url))
                .setAttribute(URL_TEMPLATE, urlTemplate)
                .setAttribute(ENDPOINT, endpoint)
                .startSpan();
        return new Call() {
            @Override
            public void answered(int status) {
                span.setAttribute(STATUS, (long) status);
                AttributesBuilder measured = Attributes.builder().put(ENDPOINT, endpoint).put(METHOD, method)
                        .put(STATUS, (long) status);
                if (status >= 400) {
                    // HTTP client conventions: a 4xx or 5xx answer is an error of the call, typed by its status.
                    span.setStatus(StatusCode.ERROR);
                    span.setAttribute(ERROR_TYPE, Integer.toString(status));
                    measured.put(ERROR_TYPE, Integer.toString(status));
                }
                end(measured.build());
            }

            @Override
            public void failed(Exception cause) {
                String type = cause.getClass().getName();
                // The exception's class only: its message may quote what it failed on.
                span.setStatus(StatusCode.ERROR);
                span.setAttribute(ERROR_TYPE, type);
                end(Attributes.builder().put(ENDPOINT, endpoint).put(METHOD, method).put(ERROR_TYPE, type).build());
            }

            private void end(Attributes measured) {
                span.end();
                durations.record((System.nanoTime() - start) / 1e9, measured);
            }
        };
    }

    private static int port(URI url) {
        if (url.getPort() != -1) {
            return url.getPort();
        }
        return "http".equalsIgnoreCase(url.getScheme()) ? 80 : 443;
    }

    /** Scheme, host, port and path: no user info, query or fragment, whatever the URL had. */
    private static String withoutQuery(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort())
                + url.getRawPath();
    }
}
