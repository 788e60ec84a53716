package io.github.wristbandjakarta.internal.telemetry;

import io.github.wristbandjakarta.api.Wristband;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Keeps the values the auth endpoints' queries carry out of the span of their request (docs/protocol.md §9.11,
 * docs/telemetry.md). A server that traces servlet requests records the query as {@code url.query} (Open Liberty's
 * mpTelemetry does, for every request): at the Login Endpoint an email address ({@code login_hint}) and a return URL,
 * at the Callback Endpoint the authorization code, the login's {@code state} and Wristband's
 * {@code error_description}. When the endpoint has answered, whatever the answer (400, redirect, sign-in, exception),
 * this filter writes {@code url.query} again on the span current on the thread, the request's, with every value
 * replaced by {@code REDACTED} except a plain tenant name, tenant custom domain or OAuth error code ({@link #KEPT}).
 *
 * <p>Registered by the endpoints' registration for the endpoints' servlet alone, by servlet name, so that it runs
 * innermost, inside the server's own tracing filter (which wraps the servlet and ends the span after it; Servlet 6.0
 * §6.2.4 orders URL-pattern mappings before servlet-name ones), and on no other request of the application. A
 * {@link Wristband} bean of a platform type, so that it meets none of the host application's filters; it exists only
 * where the server provides OpenTelemetry (beans.xml).
 */
@ApplicationScoped
@Wristband
public class QueryRedactionFilter implements Filter {

    static final AttributeKey<String> URL_QUERY = AttributeKey.stringKey("url.query");
    /** What a redacted value reads, as OpenTelemetry's URL conventions write it. */
    static final String REDACTED = "REDACTED";
    /**
     * The parameters whose value a span may show: which tenant a request is about, and which OAuth error Wristband
     * answered (RFC 6749 §4.1.2.1). Needed to tell requests apart; neither secret nor about a person.
     */
    static final Set<String> KEPT = Set.of("tenant_name", "tenant_domain", "tenant_custom_domain", "error");
    /**
     * A value kept must look like one: a DNS name with an optional port, or an error code. Anything else (an encoded
     * character, an {@code @}, a second parameter behind a {@code ;}) is redacted, whatever the parameter.
     */
    private static final Pattern PLAIN_VALUE = Pattern.compile("[A-Za-z0-9._:-]{1,255}");
    /** A parameter name kept as it is; another (an encoded or odd name) is replaced by {@code REDACTED} with its value. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } finally {
            redactQuery(Span.current(), request);
        }
    }

    /** On {@code span}, if it records: the request's query, {@link #redacted}. */
    static void redactQuery(Span span, ServletRequest request) {
        if (span.isRecording() && request instanceof HttpServletRequest http && http.getQueryString() != null) {
            span.setAttribute(URL_QUERY, redacted(http.getQueryString()));
        }
    }

    /**
     * {@code query} with its parameters' names and order, each value replaced by {@link #REDACTED} unless it is empty
     * or a plain value of a {@link #KEPT} parameter: {@code code=REDACTED&state=REDACTED&tenant_name=acme}.
     */
    static String redacted(String query) {
        return Arrays.stream(query.split("&", -1)).map(parameter -> {
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            if (name.isEmpty() && parameter.isEmpty()) {
                return parameter;
            }
            if (!PLAIN_NAME.matcher(name).matches()) {
                return REDACTED;
            }
            if (equals < 0) {
                return parameter;
            }
            String value = parameter.substring(equals + 1);
            boolean kept = value.isEmpty() || (KEPT.contains(name) && PLAIN_VALUE.matcher(value).matches());
            return kept ? parameter : name + "=" + REDACTED;
        }).collect(Collectors.joining("&"));
    }
}
