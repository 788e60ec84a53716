package io.github.wristbandjakarta.internal.security;

import io.github.wristbandjakarta.internal.config.Origins;
import io.github.wristbandjakarta.internal.config.WristbandConfig;
import jakarta.servlet.http.HttpServletRequest;

import java.net.URI;
import java.util.List;
import java.util.stream.Stream;

/**
 * The origins whose pages act for this application's signed-in users: this server's own, and those of
 * {@code wristband.csrf.allowed-origins} and {@code wristband.cors.allowed-origins}.
 *
 * <p>{@link #allows} decides whether a state-changing request of a signed-in user comes from such a page: its
 * {@code Origin} (which browsers send with every request other than GET and HEAD, Fetch standard §3.1) is a trusted
 * origin. Without {@code Origin}, {@code Sec-Fetch-Site} decides; without either, the client is not a browser that
 * could be led to forge the request, and it passes. {@code Origin: null} (a sandboxed or privacy-sensitive context)
 * does not. The logout confirmation asks the same {@link #trusts} question of its own headers.
 */
public final class RequestOrigins {

    private final List<URI> allowed;

    private RequestOrigins(List<URI> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    public static RequestOrigins of(WristbandConfig config) {
        return new RequestOrigins(Stream.concat(config.csrfAllowedOrigins().stream(),
                config.corsAllowedOrigins().stream()).toList());
    }

    /** This server's origin as the request reached it, in the form {@link Origins} compares. */
    public static URI own(HttpServletRequest request) {
        return Origins.of(request.getScheme(), request.getServerName(), request.getServerPort());
    }

    /** @param origin an origin as {@link Origins#parse} gives it; {@code own} as {@link #own} gives it */
    public boolean trusts(URI origin, URI own) {
        return origin.equals(own) || allowed.contains(origin);
    }

    boolean allows(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            String site = request.getHeader("Sec-Fetch-Site");
            return site == null || site.equals("same-origin") || site.equals("none");
        }
        return Origins.parse(origin).map(normalised -> trusts(normalised, own(request))).orElse(false);
    }
}
