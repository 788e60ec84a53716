package io.github.wristbandjakarta.internal.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules that the configuration and the request flows both apply, each written here once: the tenant placeholder of
 * docs/protocol.md §2.4, what a tenant name is, and which hosts count as loopback (the only hosts allowed plain http).
 * The configuration checks its values with them; the back channel and the login flows (which come after it in the
 * data flow) check resolved URLs and request parameters with the same ones.
 */
public final class ConfigRules {

    /** {@code {tenant_name}} or the deprecated, still accepted {@code {tenant_domain}}. */
    private static final Pattern TENANT_PLACEHOLDER = Pattern.compile("\\{tenant_(?:name|domain)}");

    /** Both placeholders as the official SDKs' messages name them. */
    public static final String TENANT_PLACEHOLDERS = "\"{tenant_name}\" or \"{tenant_domain}\"";

    /**
     * A tenant name is a DNS label (RFC 1035 §2.3.1, with a leading digit allowed as RFC 1123 §2.1 does): it becomes
     * the first label of a tenant host, so anything else could make a redirect point elsewhere
     * (docs/protocol.md §3.2).
     */
    private static final Pattern TENANT_NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private static final Pattern IPV4_LOOPBACK =
            Pattern.compile("127\\.(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)){2}");

    private ConfigRules() {
    }

    public static boolean containsTenantPlaceholder(String url) {
        return url != null && TENANT_PLACEHOLDER.matcher(url).find();
    }

    /** {@code url} with every tenant placeholder replaced by {@code tenant}, taken literally. */
    public static String fillTenantPlaceholders(String url, String tenant) {
        return TENANT_PLACEHOLDER.matcher(url).replaceAll(Matcher.quoteReplacement(tenant));
    }

    public static boolean isTenantName(String value) {
        return value != null && TENANT_NAME.matcher(value).matches();
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
