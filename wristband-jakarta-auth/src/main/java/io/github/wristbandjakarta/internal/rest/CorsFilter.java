package io.github.wristbandjakarta.internal.rest;

import io.github.wristbandjakarta.internal.config.Origins;
import io.github.wristbandjakarta.internal.config.WristbandConfig;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cross-origin calls from a single-page application on another origin of the same site (a dev server on another port,
 * {@code app.} and {@code api.} subdomains): for the auth endpoints and the API paths, an {@code Origin} on
 * {@code wristband.cors.allowed-origins} gets {@code Access-Control-Allow-Origin} with credentials (Fetch standard
 * §3.2, CORS protocol), and its preflight is answered here with the methods and the CSRF header allowed. Any other
 * origin gets no CORS header at all, so the browser keeps its answer from the script. Registered only when origins are
 * configured, and mapped to those paths alone; before the library's other filter, so that a refusal carries the
 * headers too.
 */
final class CorsFilter implements Filter {

    static final String NAME = "wristband-cors";
    private static final String METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE";
    /** How long a browser may reuse a preflight's answer. */
    private static final String MAX_AGE_SECONDS = "600";

    private final List<URI> allowed;
    private final List<String> paths;
    private final String allowedHeaders;

    CorsFilter(WristbandConfig config) {
        this.allowed = config.corsAllowedOrigins();
        this.paths = java.util.stream.Stream.concat(java.util.stream.Stream.of(config.authPath() + "/"),
                config.apiPathPrefixes().stream()).toList();
        this.allowedHeaders = config.csrfHeaderName() + ", Content-Type, Authorization";
    }

    /**
     * The URL patterns (Servlet 6.0 §12.2) to map the filter to: a path-prefix pattern for the auth path and for each
     * API prefix that ends with {@code /}, each matching a superset of what {@link #applies} takes; {@code /*} when a
     * prefix cannot be told as a pattern ({@code /rest} also takes {@code /restful}).
     */
    static Set<String> urlPatterns(WristbandConfig config) {
        Set<String> patterns = new LinkedHashSet<>();
        patterns.add(config.authPath() + "/*");
        for (String prefix : config.apiPathPrefixes()) {
            if (!prefix.endsWith("/") || prefix.indexOf('*') >= 0) {
                return Set.of("/*");
            }
            patterns.add(prefix + "*");
        }
        return patterns;
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        if (!applies(request)) {
            chain.doFilter(request, response);
            return;
        }
        response.addHeader("Vary", "Origin");
        Optional<URI> origin = Origins.parse(request.getHeader("Origin")).filter(allowed::contains);
        if (origin.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Access-Control-Allow-Origin", origin.get().toString());
        response.setHeader("Access-Control-Allow-Credentials", "true");
        if ("OPTIONS".equals(request.getMethod()) && request.getHeader("Access-Control-Request-Method") != null) {
            response.setHeader("Access-Control-Allow-Methods", METHODS);
            response.setHeader("Access-Control-Allow-Headers", allowedHeaders);
            response.setHeader("Access-Control-Max-Age", MAX_AGE_SECONDS);
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean applies(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        for (String prefix : paths) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
