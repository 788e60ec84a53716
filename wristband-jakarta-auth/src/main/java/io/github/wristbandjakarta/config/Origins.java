package io.github.wristbandjakarta.config;

import java.net.URI;
import java.util.Locale;

/** An origin (RFC 6454) in the one form the library compares: {@code scheme://host[:port]}, lower case, no default port. */
public final class Origins {

    private Origins() {
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
