package io.github.wristbandjakarta.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Rules shared by the configuration loader and the back channel: the tenant placeholder of docs/protocol.md §2.4 and
 * which hosts count as loopback (the only hosts allowed plain http).
 */
public final class ConfigRules {

    /** {@code {tenant_name}} or the deprecated, still accepted {@code {tenant_domain}}. */
    public static final Pattern TENANT_PLACEHOLDER = Pattern.compile("\\{tenant_(?:name|domain)}");

    private static final Pattern IPV4_LOOPBACK =
            Pattern.compile("127\\.(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)){2}");

    private ConfigRules() {
    }

    public static boolean containsTenantPlaceholder(String url) {
        return url != null && TENANT_PLACEHOLDER.matcher(url).find();
    }

    /**
     * {@code localhost}, {@code *.localhost}, {@code 127.x.x.x} or {@code [::1]} (brackets optional); a host
     * without port.
     */
    public static boolean isLoopbackHost(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.endsWith(".localhost")
                || IPV4_LOOPBACK.matcher(h).matches()
                || h.equals("[::1]") || h.equals("::1");
    }
}
