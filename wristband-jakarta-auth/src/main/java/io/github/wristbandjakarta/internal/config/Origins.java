package io.github.wristbandjakarta.internal.config;

import java.net.URI;
import java.util.Locale;

/** An origin (RFC 6454) in the one form the library compares: {@code scheme://host[:port]}, lower case, no default port. */
public final class Origins {

    private Origins() {
    }

    /**
     * The origin an {@code Origin} header names, normalised; empty for {@code null}, garbage, or a value without
     * scheme and host.
     */
    public static java.util.Optional<URI> parse(String header) {
        if (header == null) {
            return java.util.Optional.empty();
        }
        try {
            URI parsed = new URI(header.strip());
            if (parsed.getScheme() == null || parsed.getHost() == null) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(of(parsed.getScheme(), parsed.getHost(), parsed.getPort()));
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    /** @param port -1 for none */
    public static URI of(String scheme, String host, int port) {
        String s = scheme.toLowerCase(Locale.ROOT);
        boolean defaultPort = port == -1 || (s.equals("https") && port == 443) || (s.equals("http") && port == 80);
        String h = host.toLowerCase(Locale.ROOT);
        if (h.contains(":") && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        return URI.create(s + "://" + h + (defaultPort ? "" : ":" + port));
    }
}
