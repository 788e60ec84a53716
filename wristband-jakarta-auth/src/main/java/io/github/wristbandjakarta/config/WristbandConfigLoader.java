package io.github.wristbandjakarta.config;

import static io.github.wristbandjakarta.config.ConfigKey.*;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Reads the {@code wristband.*} keys and validates them (docs/protocol.md §2.4 plus this project's keys).
 * Blank values count as absent. A value that is valid but meant for tests only is logged as a WARNING.
 */
public final class WristbandConfigLoader {

    private static final Logger LOG = Logger.getLogger(WristbandConfigLoader.class.getName());

    /** A DNS host name, lower case, with an optional port. */
    private static final Pattern CUSTOM_DOMAIN = Pattern.compile(
            "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:[0-9]{1,5})?");
    /** A servlet path prefix: a path of plain segments, mapped as {@code authPath + "/*"}. */
    private static final java.util.regex.Pattern AUTH_PATH_SHAPE =
            java.util.regex.Pattern.compile("(/[A-Za-z0-9._-]+)+");

    /** As the official SDKs' encrypted-cookie sessions: one secret in use, two older ones for rotation. */
    static final int MAX_SESSION_SECRETS = 3;

    public static final List<String> DEFAULT_SCOPES = List.of("openid", "offline_access", "email");

    /**
     * The login-state secret of the offline demo (src/demo/resources/META-INF/microprofile-config.properties), the one
     * place the library knows it. Published with the source, it keeps nothing secret, yet the demo WAR run with only
     * the client id and secret overridden would seal its login states and, through the default of
     * wristband.session.secrets, its sessions with it. So it is refused as the login-state secret or a session secret
     * unless the vanity domain is a loopback host: the emulator, where the demo runs.
     */
    static final String DEMO_LOGIN_STATE_SECRET = "demo-login-state-secret-of-32-characters";

    private static final Pattern LIST_SEPARATOR = Pattern.compile("[,\\s]+");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");
    // RFC 7230 tchar; RFC 6265 cookie-name is the same RFC 2616 token.
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");

    private WristbandConfigLoader() {
    }

    /**
     * @param source the value of a key, e.g. {@code key -> config.getOptionalValue(key, String.class)}
     * @throws WristbandConfigException naming the first key that is missing or invalid
     */
    public static WristbandConfig load(Function<String, Optional<String>> source) {
        Reader in = new Reader(source);

        // docs/protocol.md §2.4 rules 1-6, in the official SDKs' order.
        String clientId = in.get(CLIENT_ID)
                .orElseThrow(() -> new WristbandConfigException(CLIENT_ID, "The [clientId] config must have a value."));
        String clientSecret = in.get(CLIENT_SECRET).orElseThrow(
                () -> new WristbandConfigException(CLIENT_SECRET, "The [clientSecret] config must have a value."));
        Optional<String> loginStateSecret = in.get(LOGIN_STATE_SECRET);
        if (loginStateSecret.isPresent() && loginStateSecret.get().length() < 32) {
            throw new WristbandConfigException(LOGIN_STATE_SECRET,
                    "The [loginStateSecret] config must have a value of at least 32 characters.");
        }
        if (loginStateSecret.isEmpty() && clientSecret.length() < 32) {
            // The SDKs seal the login state with the client secret when no login-state secret is set, and check the
            // length of the secret only when it is set. The key is the same either way, so the rule is too.
            throw new WristbandConfigException(LOGIN_STATE_SECRET, "The [loginStateSecret] config must have a value of"
                    + " at least 32 characters; without it the client secret seals the login state, and it is shorter.");
        }
        // Split at commas only: a secret may contain spaces.
        List<String> sessionSecrets = in.get(SESSION_SECRETS)
                .map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .filter(l -> !l.isEmpty()).orElse(List.of(loginStateSecret.orElse(clientSecret)));
        if (sessionSecrets.size() > MAX_SESSION_SECRETS) {
            throw new WristbandConfigException(SESSION_SECRETS, "takes at most " + MAX_SESSION_SECRETS
                    + " secrets (the newest first).");
        }
        if (sessionSecrets.stream().anyMatch(secret -> secret.length() < 32)) {
            throw new WristbandConfigException(SESSION_SECRETS, "must be secrets of at least 32 characters each.");
        }
        String vanityValue = in.get(APPLICATION_VANITY_DOMAIN).orElseThrow(() -> new WristbandConfigException(
                APPLICATION_VANITY_DOMAIN, "The [wristbandApplicationVanityDomain] config must have a value."));
        URI applicationOrigin = applicationOrigin(vanityValue);
        if (!ConfigRules.isLoopbackHost(applicationOrigin.getHost())) {
            // The client secret stands in for an absent login-state secret (above), so it is the one checked then.
            if (isDemoSecret(loginStateSecret.orElse(clientSecret))) {
                throw new WristbandConfigException(LOGIN_STATE_SECRET, "is the demo's published secret, which keeps"
                        + " nothing secret; set a secret of your own (at least 32 random characters). The demo's is"
                        + " accepted only with a loopback " + APPLICATION_VANITY_DOMAIN.key() + " (the emulator).");
            }
            if (sessionSecrets.stream().anyMatch(WristbandConfigLoader::isDemoSecret)) {
                throw new WristbandConfigException(SESSION_SECRETS, "contains the demo's published login-state secret,"
                        + " which keeps nothing secret; set secrets of your own (at least 32 random characters each)."
                        + " The demo's is accepted only with a loopback " + APPLICATION_VANITY_DOMAIN.key()
                        + " (the emulator).");
            }
        }
        Duration tokenExpirationBuffer = in.duration(TOKEN_EXPIRATION_BUFFER, Duration.ofSeconds(60), true,
                "The [tokenExpirationBuffer] config must be greater than or equal to 0.");
        Optional<String> parseTenantFromRootDomain = in.get(PARSE_TENANT_FROM_ROOT_DOMAIN);
        if (parseTenantFromRootDomain.isPresent() && parseTenantFromRootDomain.get().contains(":")) {
            throw new WristbandConfigException(PARSE_TENANT_FROM_ROOT_DOMAIN,
                    "The [parseTenantFromRootDomain] config should not include a port.");
        }

        Optional<String> loginUrl = in.get(LOGIN_URL);
        loginUrl.ifPresent(url -> requireAbsoluteHttpUrl(LOGIN_URL, url));
        Optional<String> redirectUri = in.get(REDIRECT_URI);
        redirectUri.ifPresent(url -> requireAbsoluteHttpUrl(REDIRECT_URI, url));
        Optional<Boolean> applicationCustomDomainActive = in.get(APPLICATION_CUSTOM_DOMAIN_ACTIVE)
                .map(v -> parseBoolean(APPLICATION_CUSTOM_DOMAIN_ACTIVE, v));
        Optional<String> customApplicationLoginPageUrl = in.get(CUSTOM_APPLICATION_LOGIN_PAGE_URL);
        List<String> scopes = in.get(SCOPES).map(WristbandConfigLoader::splitList).filter(l -> !l.isEmpty())
                .orElse(DEFAULT_SCOPES);
        boolean dangerouslyDisableSecureCookies = in.bool(DANGEROUSLY_DISABLE_SECURE_COOKIES, false);
        boolean autoConfigureEnabled = in.bool(AUTO_CONFIGURE_ENABLED, true);

        // docs/protocol.md §2.4 rules 7-8.
        if (!autoConfigureEnabled) {
            if (loginUrl.isEmpty()) {
                throw new WristbandConfigException(LOGIN_URL,
                        "The [loginUrl] config must have a value when auto-configure is disabled.");
            }
            if (redirectUri.isEmpty()) {
                throw new WristbandConfigException(REDIRECT_URI,
                        "The [redirectUri] config must have a value when auto-configure is disabled.");
            }
        }
        // With auto-configure on, only what was supplied by hand is checked (the root domain may come later).
        loginUrl.ifPresent(url -> checkPlaceholder(LOGIN_URL, "loginUrl", url, parseTenantFromRootDomain));
        redirectUri.ifPresent(url -> checkPlaceholder(REDIRECT_URI, "redirectUri", url, parseTenantFromRootDomain));

        // This project's keys.
        boolean csrfEnabled = in.bool(CSRF_ENABLED, true);
        String csrfCookieName = in.get(CSRF_COOKIE_NAME).orElse("CSRF-TOKEN");
        if (!TOKEN.matcher(csrfCookieName).matches()) {
            throw new WristbandConfigException(CSRF_COOKIE_NAME, "must be a cookie name (an RFC 6265 token).");
        }
        String csrfHeaderName = in.get(CSRF_HEADER_NAME).orElse("X-CSRF-TOKEN");
        if (!TOKEN.matcher(csrfHeaderName).matches()) {
            throw new WristbandConfigException(CSRF_HEADER_NAME, "must be a header name (an RFC 7230 token).");
        }
        List<URI> allowedOrigins = in.get(RETURN_URL_ALLOWED_ORIGINS)
                .map(v -> parseOrigins(RETURN_URL_ALLOWED_ORIGINS, v)).orElse(List.of());
        List<URI> csrfAllowedOrigins = in.get(CSRF_ALLOWED_ORIGINS)
                .map(v -> parseOrigins(CSRF_ALLOWED_ORIGINS, v)).orElse(List.of());
        boolean loginStateHostPrefix = in.bool(LOGIN_STATE_HOST_PREFIX, false);
        if (loginStateHostPrefix && dangerouslyDisableSecureCookies) {
            throw new WristbandConfigException(LOGIN_STATE_HOST_PREFIX, "needs Secure cookies: a __Host- cookie is"
                    + " accepted over HTTPS only, and wristband.dangerously-disable-secure-cookies is true.");
        }
        List<String> tenantCustomDomains = in.get(TENANT_CUSTOM_DOMAINS)
                .map(v -> parseCustomDomains(TENANT_CUSTOM_DOMAINS, v)).orElse(List.of());
        String defaultReturnUrl = in.get(DEFAULT_RETURN_URL).orElse("/");
        checkDefaultReturnUrl(defaultReturnUrl);
        Duration sessionLifetime = in.duration(SESSION_ABSOLUTE_LIFETIME, Duration.ofHours(8), false,
                "must be greater than 0.");
        boolean sessionReplicated = in.bool(SESSION_REPLICATED, false);
        Duration sessionReplicationWait = in.duration(SESSION_REPLICATION_WAIT, Duration.ofSeconds(10), true,
                "must be greater than or equal to 0.");
        Map<String, String> roleMapping = in.get(ROLE_MAPPING).map(WristbandConfigLoader::parseRoleMapping)
                .orElse(Map.of());
        boolean tokenEndpointEnabled = in.bool(TOKEN_ENDPOINT_ENABLED, false);
        Duration connectTimeout = in.duration(HTTP_CONNECT_TIMEOUT, Duration.ofSeconds(5), false,
                "must be greater than 0.");
        Duration requestTimeout = in.duration(HTTP_REQUEST_TIMEOUT, Duration.ofSeconds(30), false,
                "must be greater than 0.");
        List<String> apiPathPrefixes = in.get(API_PATH_PREFIX).map(WristbandConfigLoader::splitList)
                .filter(l -> !l.isEmpty()).orElse(List.of("/api/"));
        if (apiPathPrefixes.stream().anyMatch(prefix -> !prefix.startsWith("/"))) {
            throw new WristbandConfigException(API_PATH_PREFIX, "must start with \"/\".");
        }
        String authPath = in.get(AUTH_PATH).orElse("/api/auth");
        if (!AUTH_PATH_SHAPE.matcher(authPath).matches() || authPath.contains("//") || authPath.contains("/./")
                || authPath.contains("/../") || authPath.endsWith("/.") || authPath.endsWith("/..")) {
            throw new WristbandConfigException(AUTH_PATH, "must be a path such as /api/auth: \"/\" and segments of "
                    + "letters, digits, \"-\", \"_\" and \".\", not ending with \"/\".");
        }
        Duration clockSkew = in.duration(CLOCK_SKEW, Duration.ofSeconds(60), true,
                "must be greater than or equal to 0.");
        Duration jwksRefreshCooldown = in.duration(JWKS_REFRESH_COOLDOWN, Duration.ofSeconds(10), true,
                "must be greater than or equal to 0.");
        if (jwksRefreshCooldown.isZero()) {
            // Allowed, since tests need each fetch to happen; in production it lifts the one bound on the calls to
            // Wristband that anyone can cause with a made-up token (README "Security").
            LOG.warning(() -> JWKS_REFRESH_COOLDOWN.key() + " is 0, which is for tests only: every token with an"
                    + " unknown key id makes a fetch of Wristband's signing keys, and every request after a failed"
                    + " SDK configuration fetch fetches it again.");
        }

        List<AuthStrategy> authStrategies = in.get(AUTH_STRATEGIES).map(WristbandConfigLoader::parseAuthStrategies)
                .orElse(List.of(AuthStrategy.SESSION));
        // The SDKs' LoginConfig defaults and LogoutConfig redirectUrl, for every request (README "Login and logout
        // options"); an application's WristbandAuthOptions bean may change them per request.
        Optional<String> defaultTenantName = in.get(LOGIN_DEFAULT_TENANT_NAME);
        if (defaultTenantName.isPresent() && !ConfigRules.isTenantName(defaultTenantName.get())) {
            throw new WristbandConfigException(LOGIN_DEFAULT_TENANT_NAME, "must be a tenant name (a DNS label).");
        }
        Optional<String> defaultTenantCustomDomain = in.get(LOGIN_DEFAULT_TENANT_CUSTOM_DOMAIN)
                .map(v -> v.toLowerCase(Locale.ROOT));
        if (defaultTenantCustomDomain.isPresent() && !CUSTOM_DOMAIN.matcher(defaultTenantCustomDomain.get()).matches()) {
            throw new WristbandConfigException(LOGIN_DEFAULT_TENANT_CUSTOM_DOMAIN, "must be a host name.");
        }
        List<URI> corsAllowedOrigins = in.get(CORS_ALLOWED_ORIGINS)
                .map(v -> parseOrigins(CORS_ALLOWED_ORIGINS, v)).orElse(List.of());
        List<String> jwtAllowedClientIds = in.get(JWT_ALLOWED_CLIENT_IDS).map(WristbandConfigLoader::splitList)
                .filter(l -> !l.isEmpty()).orElse(List.of(clientId));
        List<String> jwtAllowedSubjectKinds = in.get(JWT_ALLOWED_SUBJECT_KINDS).map(WristbandConfigLoader::splitList)
                .filter(l -> !l.isEmpty()).orElse(List.of("user"));
        List<String> jwtRequiredScopes = in.get(JWT_REQUIRED_SCOPES).map(WristbandConfigLoader::splitList)
                .orElse(List.of());
        List<URI> bearerFilterAllowedOrigins = in.get(BEARER_FILTER_ALLOWED_ORIGINS)
                .map(v -> parseOrigins(BEARER_FILTER_ALLOWED_ORIGINS, v)).orElse(List.of());
        Optional<String> logoutRedirectUrl = in.get(LOGOUT_REDIRECT_URL);
        logoutRedirectUrl.ifPresent(url -> requireAbsoluteHttpUrl(LOGOUT_REDIRECT_URL, url));

        WristbandConfig config = new WristbandConfig(clientId, clientSecret, applicationOrigin, applicationOrigin.getRawAuthority(),
                loginStateSecret.orElse(clientSecret), sessionSecrets, loginUrl, redirectUri, parseTenantFromRootDomain,
                applicationCustomDomainActive, customApplicationLoginPageUrl, scopes, tokenExpirationBuffer,
                dangerouslyDisableSecureCookies, autoConfigureEnabled, csrfEnabled, csrfCookieName, csrfHeaderName,
                allowedOrigins, csrfAllowedOrigins, loginStateHostPrefix, tenantCustomDomains, defaultReturnUrl, sessionLifetime,
                sessionReplicated, sessionReplicationWait, roleMapping, tokenEndpointEnabled,
                connectTimeout, requestTimeout, apiPathPrefixes, authPath, clockSkew, jwksRefreshCooldown, authStrategies,
                defaultTenantName, defaultTenantCustomDomain, logoutRedirectUrl, corsAllowedOrigins,
                jwtAllowedClientIds, jwtAllowedSubjectKinds, jwtRequiredScopes, bearerFilterAllowedOrigins);
        if (defaultTenantCustomDomain.isPresent() && !config.allowsTenantCustomDomain(defaultTenantCustomDomain.get())) {
            throw new WristbandConfigException(LOGIN_DEFAULT_TENANT_CUSTOM_DOMAIN,
                    "must be a host on wristband.tenant-custom-domains.");
        }
        return config;
    }

    /**
     * Whether {@code secret} is {@link #DEMO_LOGIN_STATE_SECRET}, compared without an early exit (as every secret in the
     * library): the time taken tells nothing of how much of the configured secret matches.
     */
    private static boolean isDemoSecret(String secret) {
        return MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                DEMO_LOGIN_STATE_SECRET.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads trimmed values, blank meaning absent. */
    private static final class Reader {
        private final Function<String, Optional<String>> source;

        Reader(Function<String, Optional<String>> source) {
            this.source = source;
        }

        Optional<String> get(ConfigKey key) {
            Optional<String> value = source.apply(key.key());
            return value == null ? Optional.empty() : value.map(String::strip).filter(v -> !v.isEmpty());
        }

        boolean bool(ConfigKey key, boolean defaultValue) {
            return get(key).map(v -> parseBoolean(key, v)).orElse(defaultValue);
        }

        Duration duration(ConfigKey key, Duration defaultValue, boolean zeroAllowed, String rangeProblem) {
            Optional<String> value = get(key);
            if (value.isEmpty()) {
                return defaultValue;
            }
            Duration d = parseDuration(key, value.get());
            if (d.isNegative() || (!zeroAllowed && d.isZero())) {
                throw new WristbandConfigException(key, rangeProblem);
            }
            return d;
        }
    }

    private static boolean parseBoolean(ConfigKey key, String value) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new WristbandConfigException(key, "must be true or false.");
    }

    private static Duration parseDuration(ConfigKey key, String value) {
        if (INTEGER.matcher(value).matches()) {
            return Duration.ofSeconds(Long.parseLong(value));
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new WristbandConfigException(key,
                    "must be a whole number of seconds or an ISO-8601 duration such as PT30S.");
        }
    }

    /** The official SDKs' rules and messages for {@code authStrategies} (names accepted in any case). */
    private static List<AuthStrategy> parseAuthStrategies(String value) {
        List<AuthStrategy> strategies = new ArrayList<>();
        for (String name : splitList(value)) {
            AuthStrategy strategy = Arrays.stream(AuthStrategy.values())
                    .filter(s -> s.name().equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> new WristbandConfigException(AUTH_STRATEGIES, "Invalid auth strategies: '"
                            + name + "'. Valid strategies are: 'SESSION', 'JWT'"));
            if (strategies.contains(strategy)) {
                throw new WristbandConfigException(AUTH_STRATEGIES,
                        "authStrategies contains duplicate strategy: '" + strategy + "'");
            }
            strategies.add(strategy);
        }
        if (strategies.isEmpty()) {
            throw new WristbandConfigException(AUTH_STRATEGIES, "must name at least one strategy: SESSION, JWT.");
        }
        return List.copyOf(strategies);
    }

    private static List<String> splitList(String value) {
        return Arrays.stream(LIST_SEPARATOR.split(value)).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * The vanity domain is normally a bare authority; an explicit scheme is tolerated, http only for loopback
     * (the local emulator), because the back channel carries the client secret.
     */
    private static URI applicationOrigin(String value) {
        String scheme = "https";
        String authority = value;
        int schemeEnd = value.indexOf("://");
        if (schemeEnd >= 0) {
            scheme = value.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
            authority = value.substring(schemeEnd + 3);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                throw new WristbandConfigException(APPLICATION_VANITY_DOMAIN,
                        "must be a host name with an optional port, e.g. yourapp-yourco.us.wristband.dev.");
            }
        }
        if (authority.isEmpty() || authority.chars().anyMatch(c -> "/?#@\\ ".indexOf(c) >= 0)) {
            throw new WristbandConfigException(APPLICATION_VANITY_DOMAIN,
                    "must be a host name with an optional port, without path, query, user info or fragment.");
        }
        URI parsed;
        try {
            parsed = new URI(scheme + "://" + authority.toLowerCase(Locale.ROOT));
        } catch (URISyntaxException e) {
            throw new WristbandConfigException(APPLICATION_VANITY_DOMAIN, "is not a valid host name.");
        }
        if (parsed.getHost() == null || !parsed.getRawPath().isEmpty() || parsed.getPort() > 65535) {
            throw new WristbandConfigException(APPLICATION_VANITY_DOMAIN, "is not a valid host name.");
        }
        if (scheme.equals("http") && !ConfigRules.isLoopbackHost(parsed.getHost())) {
            throw new WristbandConfigException(APPLICATION_VANITY_DOMAIN,
                    "may use http only for a loopback host (localhost, *.localhost, 127.x.x.x, [::1]).");
        }
        return parsed;
    }

    private static void requireAbsoluteHttpUrl(ConfigKey key, String url) {
        // Placeholders are not legal URI characters; check the URL as it will look once a tenant fills them in.
        String concrete = ConfigRules.fillTenantPlaceholders(url, "tenant");
        try {
            URI uri = new URI(concrete);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new WristbandConfigException(key, "must be an absolute http(s) URL.");
    }

    private static void checkPlaceholder(ConfigKey key, String name, String url, Optional<String> rootDomain) {
        boolean hasPlaceholder = ConfigRules.containsTenantPlaceholder(url);
        if (rootDomain.isPresent() && !hasPlaceholder) {
            throw new WristbandConfigException(key, "The [" + name + "] must contain the " + ConfigRules.TENANT_PLACEHOLDERS
                    + " placeholder when using the [parseTenantFromRootDomain] config.");
        }
        if (rootDomain.isEmpty() && hasPlaceholder) {
            throw new WristbandConfigException(key, "The [" + name + "] cannot contain the " + ConfigRules.TENANT_PLACEHOLDERS
                    + " placeholder when the [parseTenantFromRootDomain] is absent.");
        }
    }

    /** Hosts ({@code auth.acme.com}, {@code localhost:9099}) and suffixes ({@code *.customers.example}), lower-cased. */
    private static List<String> parseCustomDomains(ConfigKey key, String value) {
        List<String> domains = new ArrayList<>();
        for (String item : value.split(",")) {
            String domain = item.strip().toLowerCase(Locale.ROOT);
            if (domain.isEmpty()) {
                continue;
            }
            String host = domain.startsWith("*.") ? domain.substring(2) : domain;
            if (!CUSTOM_DOMAIN.matcher(host).matches()) {
                throw new WristbandConfigException(key, "contains an entry that is neither a host[:port] nor *.suffix.");
            }
            domains.add(domain);
        }
        return domains;
    }

    private static List<URI> parseOrigins(ConfigKey key, String value) {
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
                throw new WristbandConfigException(key, "contains an entry that is not an origin scheme://host[:port].");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawUserInfo() != null || !uri.getRawPath().isEmpty()
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new WristbandConfigException(key, "contains an entry that is not an origin scheme://host[:port].");
            }
            // Normalised so that comparison with a request's origin is a plain equals.
            origins.add(Origins.of(scheme, uri.getHost(), uri.getPort()));
        }
        return origins;
    }

    private static void checkDefaultReturnUrl(String url) {
        if (url.startsWith("/")) {
            // "//host" and "/\host" are taken by browsers as another origin.
            if (url.startsWith("//") || url.startsWith("/\\")) {
                throw new WristbandConfigException(DEFAULT_RETURN_URL,
                        "must be a path starting with a single \"/\" or an absolute http(s) URL.");
            }
            return;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new WristbandConfigException(DEFAULT_RETURN_URL,
                "must be a path starting with a single \"/\" or an absolute http(s) URL.");
    }

    private static Map<String, String> parseRoleMapping(String value) {
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
                throw new WristbandConfigException(ROLE_MAPPING,
                        "must be a comma-separated list of wristbandRoleName=group pairs.");
            }
            if (mapping.putIfAbsent(role, group) != null) {
                throw new WristbandConfigException(ROLE_MAPPING, "maps the role [" + role + "] more than once.");
            }
        }
        return mapping;
    }
}
