package io.github.wristbandjakarta.internal.config;

import io.github.wristbandjakarta.internal.config.ValueType.InvalidValueException;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The parsers and checks of single keys that are more than a type and a predicate; {@link ConfigKey} names them.
 * Each returns an immutable value or throws {@link InvalidValueException} with the problem, never quoting the value
 * when it may be a secret.
 */
final class Parsers {

    /** A DNS host name, lower case, with an optional port. */
    private static final Pattern CUSTOM_DOMAIN = Pattern.compile(
            "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:[0-9]{1,5})?");
    /** A servlet path prefix: a path of plain segments, mapped as {@code authPath + "/*"}. */
    private static final Pattern AUTH_PATH_SHAPE = Pattern.compile("(/[A-Za-z0-9._-]+)+");
    // RFC 7230 tchar; RFC 6265 cookie-name is the same RFC 2616 token.
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");

    /** As the official SDKs' encrypted-cookie sessions: one secret in use, two older ones for rotation. */
    static final int MAX_SESSION_SECRETS = 3;
    /** The least length of a secret the SDKs accept for the login state; the same for the session's. */
    static final int MIN_SECRET_LENGTH = 32;

    private Parsers() {
    }

    static boolean notNegative(Duration duration) {
        return !duration.isNegative();
    }

    static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }

    static boolean isToken(String value) {
        return TOKEN.matcher(value).matches();
    }

    static boolean isAuthPath(String path) {
        return AUTH_PATH_SHAPE.matcher(path).matches() && !path.contains("//") && !path.contains("/./")
                && !path.contains("/../") && !path.endsWith("/.") && !path.endsWith("/..");
    }

    /** Secrets separated by commas only, since a secret may contain spaces; the newest first. */
    static List<String> sessionSecrets(String value) {
        List<String> secrets = Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (secrets.size() > MAX_SESSION_SECRETS) {
            throw new InvalidValueException("takes at most " + MAX_SESSION_SECRETS + " secrets (the newest first).");
        }
        if (secrets.stream().anyMatch(secret -> secret.length() < MIN_SECRET_LENGTH)) {
            throw new InvalidValueException("must be secrets of at least 32 characters each.");
        }
        return secrets;
    }

    /**
     * The origin of the application vanity domain. The vanity domain is normally a bare authority; an explicit scheme
     * is tolerated, http only for loopback (the local emulator), because the back channel carries the client secret.
     */
    static URI vanityOrigin(String value) {
        String scheme = "https";
        String authority = value;
        int schemeEnd = value.indexOf("://");
        if (schemeEnd >= 0) {
            scheme = value.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
            authority = value.substring(schemeEnd + 3);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                throw new InvalidValueException(
                        "must be a host name with an optional port, e.g. yourapp-yourco.us.wristband.dev.");
            }
        }
        if (authority.isEmpty() || authority.chars().anyMatch(c -> "/?#@\\ ".indexOf(c) >= 0)) {
            throw new InvalidValueException(
                    "must be a host name with an optional port, without path, query, user info or fragment.");
        }
        URI parsed;
        try {
            parsed = new URI(scheme + "://" + authority.toLowerCase(Locale.ROOT));
        } catch (URISyntaxException e) {
            throw new InvalidValueException("is not a valid host name.");
        }
        if (parsed.getHost() == null || !parsed.getRawPath().isEmpty() || parsed.getPort() > 65535) {
            throw new InvalidValueException("is not a valid host name.");
        }
        if (scheme.equals("http") && !ConfigRules.isLoopbackHost(parsed.getHost())) {
            throw new InvalidValueException(
                    "may use http only for a loopback host (localhost, *.localhost, 127.x.x.x, [::1]).");
        }
        return parsed;
    }

    /** An absolute http(s) URL, possibly with tenant placeholders. */
    static String absoluteHttpUrl(String url) {
        // Placeholders are not legal URI characters; check the URL as it will look once a tenant fills them in.
        if (!isAbsoluteHttpUrl(ConfigRules.fillTenantPlaceholders(url, "tenant"))) {
            throw new InvalidValueException("must be an absolute http(s) URL.");
        }
        return url;
    }

    /** A path starting with a single {@code /}, or an absolute http(s) URL. */
    static String returnUrl(String url) {
        boolean valid = url.startsWith("/")
                // "//host" and "/\host" are taken by browsers as another origin.
                ? !url.startsWith("//") && !url.startsWith("/\\")
                : isAbsoluteHttpUrl(url);
        if (!valid) {
            throw new InvalidValueException("must be a path starting with a single \"/\" or an absolute http(s) URL.");
        }
        return url;
    }

    /** A host name with an optional port, lower-cased. */
    static String host(String value) {
        String host = value.toLowerCase(Locale.ROOT);
        if (!CUSTOM_DOMAIN.matcher(host).matches()) {
            throw new InvalidValueException("must be a host name.");
        }
        return host;
    }

    /** Hosts ({@code auth.acme.com}, {@code localhost:9099}) and suffixes ({@code *.customers.example}), lower case. */
    static List<String> customDomains(String value) {
        List<String> domains = new ArrayList<>();
        for (String item : value.split(",")) {
            String domain = item.strip().toLowerCase(Locale.ROOT);
            if (domain.isEmpty()) {
                continue;
            }
            String host = domain.startsWith("*.") ? domain.substring(2) : domain;
            if (!CUSTOM_DOMAIN.matcher(host).matches()) {
                throw new InvalidValueException("contains an entry that is neither a host[:port] nor *.suffix.");
            }
            domains.add(domain);
        }
        return List.copyOf(domains);
    }

    /** Origins (RFC 6454), normalised so that comparison with a request's origin is a plain equals. */
    static List<URI> origins(String value) {
        List<URI> origins = new ArrayList<>();
        for (String item : value.split(",")) {
            String origin = item.strip();
            if (origin.isEmpty()) {
                continue;
            }
            URI uri;
            try {
                uri = new URI(origin);
            } catch (URISyntaxException e) {
                throw new InvalidValueException("contains an entry that is not an origin scheme://host[:port].");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawUserInfo() != null || !uri.getRawPath().isEmpty()
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new InvalidValueException("contains an entry that is not an origin scheme://host[:port].");
            }
            origins.add(Origins.of(scheme, uri.getHost(), uri.getPort()));
        }
        return List.copyOf(origins);
    }

    /** {@code wristbandRoleName=group} pairs, comma separated, in their order. */
    static Map<String, String> roleMapping(String value) {
        Map<String, String> mapping = new LinkedHashMap<>();
        for (String item : value.split(",")) {
            String pair = item.strip();
            if (pair.isEmpty()) {
                continue;
            }
            // Role names may contain ':' and '='-free group names are assumed: split on the last '='.
            int eq = pair.lastIndexOf('=');
            String role = eq < 0 ? "" : pair.substring(0, eq).strip();
            String group = eq < 0 ? "" : pair.substring(eq + 1).strip();
            if (role.isEmpty() || group.isEmpty()) {
                throw new InvalidValueException("must be a comma-separated list of wristbandRoleName=group pairs.");
            }
            if (mapping.putIfAbsent(role, group) != null) {
                throw new InvalidValueException("maps the role [" + role + "] more than once.");
            }
        }
        return Collections.unmodifiableMap(mapping);
    }

    /** The official SDKs' rules and messages for {@code authStrategies} (names accepted in any case). */
    static List<AuthStrategy> authStrategies(String value) {
        List<AuthStrategy> strategies = new ArrayList<>();
        for (String name : ValueType.list().parse(value)) {
            AuthStrategy strategy = Arrays.stream(AuthStrategy.values())
                    .filter(s -> s.name().equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> new InvalidValueException("Invalid auth strategies: '" + name
                            + "'. Valid strategies are: 'SESSION', 'JWT'"));
            if (strategies.contains(strategy)) {
                throw new InvalidValueException("authStrategies contains duplicate strategy: '" + strategy + "'");
            }
            strategies.add(strategy);
        }
        if (strategies.isEmpty()) {
            throw new InvalidValueException("must name at least one strategy: SESSION, JWT.");
        }
        return List.copyOf(strategies);
    }

    private static boolean isAbsoluteHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
