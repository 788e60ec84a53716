package io.github.wristbandjakarta.internal.login;

import io.github.wristbandjakarta.internal.config.ConfigRules;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tenant names and tenant custom domains from a request (docs/protocol.md §3.2). Values end up in the host of a
 * redirect, so each must be a plain DNS name: anything else is a 400, never a Location that points elsewhere.
 */
public final class TenantResolver {

    private static final Pattern HOST = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?::[0-9]{1,5})?");

    private TenantResolver() {
    }

    /**
     * The tenant label of the Host header: everything after the first dot must equal the root domain exactly
     * (ports ignored), and only one label may stand before it.
     */
    public static Optional<String> fromSubdomain(String hostHeader, String rootDomain) {
        if (hostHeader == null || hostHeader.isEmpty()) {
            return Optional.empty();
        }
        String host = stripPort(hostHeader);
        int dot = host.indexOf('.');
        if (dot <= 0 || !host.substring(dot + 1).equalsIgnoreCase(rootDomain)) {
            return Optional.empty();
        }
        String tenant = host.substring(0, dot);
        return ConfigRules.isTenantName(tenant) ? Optional.of(tenant) : Optional.empty();
    }

    public static String requireTenantName(String value, String parameter) {
        if (!ConfigRules.isTenantName(value)) {
            throw new InvalidRequestException("Invalid [" + parameter + "] query parameter");
        }
        return value;
    }

    public static String requireHost(String value, String parameter) {
        if (value.length() > 253 || !HOST.matcher(value).matches()) {
            throw new InvalidRequestException("Invalid [" + parameter + "] query parameter");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private static String stripPort(String host) {
        if (host.startsWith("[")) {
            return host; // IPv6 literal: never a tenant subdomain
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }
}
