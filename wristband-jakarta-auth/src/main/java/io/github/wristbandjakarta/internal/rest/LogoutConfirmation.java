package io.github.wristbandjakarta.internal.rest;

import io.github.wristbandjakarta.internal.config.Origins;
import io.github.wristbandjakarta.internal.config.WristbandConfig;
import io.github.wristbandjakarta.internal.security.RequestOrigins;
import jakarta.servlet.http.HttpServletRequest;

import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whether a signed-in user's logout request comes from this application's own pages, or must be confirmed first. A
 * logout is a GET that a link, an image or a redirect on any page can send; the pages of a sibling host
 * ({@code same-site}: another subdomain of the same registrable domain, which the browser sends our cookies from) are
 * no more this application's than another site's are. So the user is signed out at once only when:
 *
 * <ol>
 *   <li>{@code Sec-Fetch-Site} is {@code same-origin} or {@code none} (typed, bookmarked; Fetch Metadata Request
 *       Headers §2.4);</li>
 *   <li>or the request is a POST whose {@code Origin} (which browsers send with every POST, Fetch §3.1) is a trusted
 *       origin;</li>
 *   <li>or, when {@code Sec-Fetch-Site} is {@code same-site} or absent (a browser without Fetch Metadata), the
 *       request's {@code Origin}, or else its {@code Referer}, is a trusted origin.</li>
 * </ol>
 * Trusted origins are this server's own and those of {@code wristband.cors.allowed-origins} and
 * {@code wristband.csrf.allowed-origins}, whose pages already act for signed-in users: a single-page application on
 * such an origin navigates to the logout with its origin as {@code Referer} (the default referrer policy,
 * {@code strict-origin-when-cross-origin}, keeps it). Everything else, including a request with none of these headers
 * and a {@code cross-site} one, gets the confirmation page, whose same-origin link repeats the request.
 */
final class LogoutConfirmation {

    private final RequestOrigins origins;

    LogoutConfirmation(WristbandConfig config) {
        this.origins = RequestOrigins.of(config);
    }

    boolean needed(HttpServletRequest request) {
        return needed(request.getMethod(), RequestOrigins.own(request), request::getHeader);
    }

    /**
     * @param own     this server's origin, as {@link RequestOrigins#own} gives it
     * @param headers a request header's value by name, or null
     */
    boolean needed(String method, URI own, Function<String, String> headers) {
        String site = headers.apply("Sec-Fetch-Site");
        if ("same-origin".equals(site) || "none".equals(site)) {
            return false;
        }
        if (method.equals("POST")) {
            return !Origins.parse(headers.apply("Origin")).map(o -> origins.trusts(o, own)).orElse(false);
        }
        if (site != null && !site.equals("same-site")) {
            return true;
        }
        Optional<URI> from = Origins.parse(headers.apply("Origin")).or(() -> Origins.parse(headers.apply("Referer")));
        return !from.map(o -> origins.trusts(o, own)).orElse(false);
    }
}
