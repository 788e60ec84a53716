package io.github.wristbandjakarta.internal.login;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which return URLs a login may end on: a path on this application, or an absolute http(s) URL whose origin is
 * the application's own or on the configured allow-list. Everything else is dropped (the default return URL
 * is used), so the callback can never redirect off-site. The official SDKs do not check this.
 */
public final class ReturnUrlPolicy {

    /** Longer return URLs are ignored, as the .NET, Python and Go SDKs do (docs/protocol.md §3.3). */
    public static final int MAX_LENGTH = 450;

    private final List<URI> allowedOrigins;

    public ReturnUrlPolicy(List<URI> allowedOrigins) {
        this.allowedOrigins = allowedOrigins.stream().map(ReturnUrlPolicy::origin).toList();
    }

    /**
     * @param requestOrigin the origin the request came to ({@code scheme://host[:port]})
     * @return the URL to redirect to, absolute, when it is acceptable
     */
    public Optional<String> accept(String candidate, URI requestOrigin) {
        if (candidate != null && candidate.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        return check(candidate, requestOrigin);
    }

    /**
     * Checks again, at the callback, a return URL that {@link #accept} made absolute at login: the same rules
     * except the length limit, which applied to the URL as the client sent it (a 450-character path grows by
     * the origin when made absolute).
     */
    public Optional<String> recheck(String stored, URI requestOrigin) {
        return check(stored, requestOrigin);
    }

    private Optional<String> check(String candidate, URI requestOrigin) {
        if (candidate == null || candidate.isEmpty()) {
            return Optional.empty();
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            // Browsers strip tabs and newlines and read backslashes as slashes: such URLs mean something else.
            if (c <= 0x20 || c == 0x7f || c == '\\' || c > 0x7e) {
                return Optional.empty();
            }
        }
        URI uri;
        try {
            if (candidate.startsWith("/")) {
                if (candidate.startsWith("//")) {
                    return Optional.empty();
                }
                uri = new URI(requestOrigin.getScheme() + "://" + requestOrigin.getRawAuthority() + candidate);
            } else {
                uri = new URI(candidate);
            }
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (uri.getScheme() == null || uri.isOpaque() || uri.getHost() == null || uri.getRawUserInfo() != null) {
            return Optional.empty();
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.empty();
        }
        URI origin = origin(uri);
        if (origin.equals(origin(requestOrigin)) || allowedOrigins.contains(origin)) {
            return Optional.of(uri.toString());
        }
        return Optional.empty();
    }

    /** scheme and host in lower case, the default port made explicit. */
    static URI origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return URI.create(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
    }
}
