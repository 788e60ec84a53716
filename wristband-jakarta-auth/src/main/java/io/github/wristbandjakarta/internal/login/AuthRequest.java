package io.github.wristbandjakarta.internal.login;

import java.net.URI;
import java.util.List;

/**
 * What the login, callback and logout flows read of an HTTP request, so that they do not depend on the
 * servlet API.
 *
 * @param rawQuery      the query string as received (not decoded), or null
 * @param host          the Host header, or null
 * @param cookieHeaders every Cookie header, raw
 * @param origin        {@code scheme://host[:port]} the request was addressed to
 */
public record AuthRequest(String rawQuery, String host, List<String> cookieHeaders, URI origin) {
    public AuthRequest {
        cookieHeaders = List.copyOf(cookieHeaders);
    }
}
