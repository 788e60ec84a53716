package io.github.wristbandjakarta.security;

import jakarta.servlet.http.HttpServletRequest;

import java.net.URI;
import java.util.List;
import java.util.Locale;

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
        URI parsed;
        try {
            parsed = new URI(origin.strip());
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        if (parsed.getScheme() == null || parsed.getHost() == null) {
            return false;
        }
        URI normalised = normalise(parsed.getScheme(), parsed.getHost(), parsed.getPort());
        return normalised.equals(normalise(request.getScheme(), request.getServerName(), request.getServerPort()))
                || allowed.contains(normalised);
    }

    /** {@code scheme://host[:port]}, lower case, without a default port: the form the allowed origins are kept in. */
    private static URI normalise(String scheme, String host, int port) {
        String s = scheme.toLowerCase(Locale.ROOT);
        boolean defaultPort = port == -1 || (s.equals("https") && port == 443) || (s.equals("http") && port == 80);
        String h = host.toLowerCase(Locale.ROOT);
        if (h.contains(":") && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        return URI.create(s + "://" + h + (defaultPort ? "" : ":" + port));
    }
}
