package io.github.wristbandjakarta.internal.security;

import io.github.wristbandjakarta.internal.config.Origins;
import jakarta.servlet.http.HttpServletRequest;

import java.net.URI;
import java.util.List;

/**
 * Whether a state-changing request of a signed-in user comes from this application's own pages: its {@code Origin}
 * (which browsers send with every request other than GET and HEAD, Fetch standard §3.1) is this server's origin or
 * one of {@code wristband.csrf.allowed-origins}. Without {@code Origin}, {@code Sec-Fetch-Site} decides; without
 * either, the client is not a browser that could be led to forge the request, and it passes. {@code Origin: null}
 * (a sandboxed or privacy-sensitive context) does not.
 */
final class RequestOrigins {

    private final List<URI> allowed;

    RequestOrigins(List<URI> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    boolean allows(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            String site = request.getHeader("Sec-Fetch-Site");
            return site == null || site.equals("same-origin") || site.equals("none");
        }
        return Origins.parse(origin).map(normalised -> normalised.equals(
                        Origins.of(request.getScheme(), request.getServerName(), request.getServerPort()))
                || allowed.contains(normalised)).orElse(false);
    }
}
