package io.github.wristbandjakarta.internal.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The span of an auth endpoint's request keeps its query's names but not its values (docs/protocol.md §9.11): the
 * filter runs as the server's tracing filter's innermost, so the span it finds current is the request's, as here.
 */
class QueryRedactionFilterTest {

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .build();
    private final QueryRedactionFilter filter = new QueryRedactionFilter();

    private static HttpServletRequest request(String query) {
        return (HttpServletRequest) Proxy.newProxyInstance(QueryRedactionFilterTest.class.getClassLoader(),
                new Class<?>[]{HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getQueryString" -> query;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A server span of a request with {@code query}, which it records as Liberty's does. */
    private Span serverSpan(String query) {
        return sdk.getTracer("server").spanBuilder("GET /app/api/auth").setSpanKind(SpanKind.SERVER)
                .setAttribute(QueryRedactionFilter.URL_QUERY, query).startSpan();
    }

    /** {@code url.query} of the one span exported. */
    private String exportedQuery() {
        List<SpanData> exported = spans.getFinishedSpanItems();
        assertEquals(1, exported.size(), exported.toString());
        return exported.get(0).getAttributes().get(QueryRedactionFilter.URL_QUERY);
    }

    /** A request with {@code query} through the filter to an endpoint that answers, within its server span. */
    // The Scope of makeCurrent() is held only to be closed (OpenTelemetry's idiom), never read: javac's "try" lint.
    @SuppressWarnings("try")
    private String exportedQuery(String query) throws IOException, ServletException {
        Span server = serverSpan(query);
        try (Scope ignored = server.makeCurrent()) {
            filter.doFilter(request(query), null, (request, response) -> { });
        } finally {
            server.end();
        }
        return exportedQuery();
    }

    @Test
    void aLoginHintIsRedactedAndItsNameKept() throws Exception {
        assertEquals("tenant_name=devs4you&login_hint=REDACTED",
                exportedQuery("tenant_name=devs4you&login_hint=someone%40example.com"));
    }

    @Test
    void theCallbacksCodeAndStateAreRedacted() throws Exception {
        assertEquals("code=REDACTED&state=REDACTED&tenant_name=devs4you",
                exportedQuery("code=the-code&state=the-state&tenant_name=devs4you"));
    }

    @Test
    void anErrorCodeIsKeptAndItsDescriptionRedacted() throws Exception {
        assertEquals("error=login_required&error_description=REDACTED&state=REDACTED",
                exportedQuery("error=login_required&error_description=User+someone%40example.com&state=s"));
    }

    @Test
    void aReturnUrlIsRedacted() throws Exception {
        assertEquals("return_url=REDACTED", exportedQuery("return_url=https%3A%2F%2Fapp.example%2F%3Femail%3Da"));
    }

    @Test
    void aTenantParameterWhoseValueIsNoPlainNameIsRedacted() throws Exception {
        assertEquals("tenant_name=REDACTED&tenant_custom_domain=REDACTED",
                exportedQuery("tenant_name=someone%40example.com&tenant_custom_domain=a.example;login_hint=x@y"));
    }

    @Test
    void aTenantCustomDomainWithItsPortIsKept() throws Exception {
        assertEquals("tenant_custom_domain=auth.acme.example:8443",
                exportedQuery("tenant_custom_domain=auth.acme.example:8443"));
    }

    @Test
    void aParameterWhoseNameIsNoPlainNameIsRedactedWhole() throws Exception {
        assertEquals("REDACTED&REDACTED&tenant_name=acme",
                exportedQuery("someone@example.com&login%5Fhint=someone%40example.com&tenant_name=acme"));
    }

    @Test
    void emptyValuesBareNamesAndEmptyParametersStayAsSent() throws Exception {
        assertEquals("code=&state&&tenant_name=", exportedQuery("code=&state&&tenant_name="));
    }

    @Test
    // The Scope of makeCurrent() is held only to be closed (OpenTelemetry's idiom), never read: javac's "try" lint.
    @SuppressWarnings("try")
    void theQueryIsRedactedWhenTheEndpointFails() {
        FilterChain failing = (request, response) -> {
            throw new IllegalStateException("the endpoint failed");
        };
        Span server = serverSpan("code=c");
        try (Scope ignored = server.makeCurrent()) {
            assertThrows(IllegalStateException.class, () -> filter.doFilter(request("code=c"), null, failing));
        } finally {
            server.end();
        }

        assertEquals("code=REDACTED", exportedQuery());
    }

    @Test
    void withoutACurrentSpanTheEndpointAnswersAsBefore() throws Exception {
        List<HttpServletRequest> served = new java.util.ArrayList<>();

        filter.doFilter(request("code=c"), null, (request, response) -> served.add((HttpServletRequest) request));

        assertEquals(1, served.size());
        assertEquals(List.of(), spans.getFinishedSpanItems());
    }
}
