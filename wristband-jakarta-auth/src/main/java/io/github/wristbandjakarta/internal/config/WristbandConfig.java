package io.github.wristbandjakarta.internal.config;

import static io.github.wristbandjakarta.internal.config.ConfigKey.*;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The validated, immutable settings of the integration, read once from MicroProfile Config (keys {@code wristband.*},
 * docs/configuration.md) by {@link WristbandConfigLoader}: a value per {@link KeyDefinition}, each of the type its
 * definition parses to, behind an accessor per key. Values that Wristband's SDK auto-configuration may supply
 * ({@code loginUrl}, {@code redirectUri}, ...) are the manual values only; the back channel resolves them.
 */
public final class WristbandConfig {

    private final List<KeyDefinition> definitions;
    private final Map<KeyDefinition, Object> values;

    /**
     * @param values a value for each definition, parsed by it (every value is immutable)
     * @throws IllegalStateException when a definition has no value: a derived key without its rule in CrossKeyRules
     */
    WristbandConfig(List<? extends KeyDefinition> definitions, Map<KeyDefinition, Object> values) {
        this.definitions = List.copyOf(definitions);
        Map<KeyDefinition, Object> copy = new HashMap<>();
        for (KeyDefinition definition : this.definitions) {
            Object value = values.get(definition);
            if (value == null) {
                throw new IllegalStateException(definition.key() + " has no value: a derived key needs its rule");
            }
            copy.put(definition, value);
        }
        this.values = Map.copyOf(copy);
    }

    public String clientId() {
        return get(CLIENT_ID);
    }

    public String clientSecret() {
        return get(CLIENT_SECRET);
    }

    /**
     * Scheme and authority of the application vanity domain: {@code https://{vanity}}, or {@code http://…} only for a
     * loopback host.
     */
    public URI applicationOrigin() {
        return get(APPLICATION_VANITY_DOMAIN);
    }

    /** The vanity domain's authority ({@code host[:port]}), without scheme. */
    public String applicationVanityDomain() {
        return applicationOrigin().getRawAuthority();
    }

    /** Key material of the login-state cookies; the client secret when not set. */
    public String loginStateSecret() {
        return get(LOGIN_STATE_SECRET);
    }

    /** Key material of the sealed sessions, the one that seals first; the login-state secret when not set. */
    public List<String> sessionSecrets() {
        return get(SESSION_SECRETS);
    }

    public Optional<String> loginUrl() {
        return get(LOGIN_URL);
    }

    public Optional<String> redirectUri() {
        return get(REDIRECT_URI);
    }

    public Optional<String> parseTenantFromRootDomain() {
        return get(PARSE_TENANT_FROM_ROOT_DOMAIN);
    }

    public Optional<Boolean> applicationCustomDomainActive() {
        return get(APPLICATION_CUSTOM_DOMAIN_ACTIVE);
    }

    public Optional<String> customApplicationLoginPageUrl() {
        return get(CUSTOM_APPLICATION_LOGIN_PAGE_URL);
    }

    public List<String> scopes() {
        return get(SCOPES);
    }

    public Duration tokenExpirationBuffer() {
        return get(TOKEN_EXPIRATION_BUFFER);
    }

    public boolean dangerouslyDisableSecureCookies() {
        return get(DANGEROUSLY_DISABLE_SECURE_COOKIES);
    }

    public boolean autoConfigureEnabled() {
        return get(AUTO_CONFIGURE_ENABLED);
    }

    public boolean csrfProtectionEnabled() {
        return get(CSRF_ENABLED);
    }

    public String csrfCookieName() {
        return get(CSRF_COOKIE_NAME);
    }

    public String csrfHeaderName() {
        return get(CSRF_HEADER_NAME);
    }

    public List<URI> returnUrlAllowedOrigins() {
        return get(RETURN_URL_ALLOWED_ORIGINS);
    }

    public List<URI> csrfAllowedOrigins() {
        return get(CSRF_ALLOWED_ORIGINS);
    }

    public boolean loginStateHostPrefix() {
        return get(LOGIN_STATE_HOST_PREFIX);
    }

    public List<String> tenantCustomDomains() {
        return get(TENANT_CUSTOM_DOMAINS);
    }

    public String defaultReturnUrl() {
        return get(DEFAULT_RETURN_URL);
    }

    public Duration sessionAbsoluteLifetime() {
        return get(SESSION_ABSOLUTE_LIFETIME);
    }

    public boolean sessionReplicated() {
        return get(SESSION_REPLICATED);
    }

    public Duration sessionReplicationWait() {
        return get(SESSION_REPLICATION_WAIT);
    }

    public Map<String, String> roleMapping() {
        return get(ROLE_MAPPING);
    }

    public boolean tokenEndpointEnabled() {
        return get(TOKEN_ENDPOINT_ENABLED);
    }

    public Duration connectTimeout() {
        return get(HTTP_CONNECT_TIMEOUT);
    }

    public Duration requestTimeout() {
        return get(HTTP_REQUEST_TIMEOUT);
    }

    public List<String> apiPathPrefixes() {
        return get(API_PATH_PREFIX);
    }

    public String authPath() {
        return get(AUTH_PATH);
    }

    public Duration clockSkew() {
        return get(CLOCK_SKEW);
    }

    public Duration jwksRefreshCooldown() {
        return get(JWKS_REFRESH_COOLDOWN);
    }

    public List<AuthStrategy> authStrategies() {
        return get(AUTH_STRATEGIES);
    }

    public Optional<String> loginDefaultTenantName() {
        return get(LOGIN_DEFAULT_TENANT_NAME);
    }

    public Optional<String> loginDefaultTenantCustomDomain() {
        return get(LOGIN_DEFAULT_TENANT_CUSTOM_DOMAIN);
    }

    public Optional<String> logoutRedirectUrl() {
        return get(LOGOUT_REDIRECT_URL);
    }

    public List<URI> corsAllowedOrigins() {
        return get(CORS_ALLOWED_ORIGINS);
    }

    public List<String> jwtAllowedClientIds() {
        return get(JWT_ALLOWED_CLIENT_IDS);
    }

    public List<String> jwtAllowedSubjectKinds() {
        return get(JWT_ALLOWED_SUBJECT_KINDS);
    }

    public List<String> jwtRequiredScopes() {
        return get(JWT_REQUIRED_SCOPES);
    }

    public List<URI> bearerFilterAllowedOrigins() {
        return get(BEARER_FILTER_ALLOWED_ORIGINS);
    }

    /**
     * Whether {@code host} is on {@code wristband.tenant-custom-domains}: an exact entry, or below a {@code *.suffix}
     * entry, in any case.
     */
    public boolean allowsTenantCustomDomain(String host) {
        return allows(tenantCustomDomains(), host);
    }

    static boolean allows(List<String> tenantCustomDomains, String host) {
        String candidate = host.toLowerCase(Locale.ROOT);
        for (String entry : tenantCustomDomains) {
            if (entry.startsWith("*.") ? candidate.endsWith(entry.substring(1)) : entry.equals(candidate)) {
                return true;
            }
        }
        return false;
    }

    /** The value of any defined key, as its definition parsed it. */
    Object value(KeyDefinition key) {
        if (!values.containsKey(key)) {
            throw new IllegalArgumentException(key.key() + " is not a key of this configuration");
        }
        return values.get(key);
    }

    /** Every key and its value, in the definitions' order; secrets never shown (their definitions say which). */
    @Override
    public String toString() {
        return definitions.stream().map(key -> key.key() + "=" + key.spec().shown(values.get(key)))
                .collect(Collectors.joining(", ", "WristbandConfig[", "]"));
    }

    /** The value of a library key, of the type its definition parses to (the accessor's). */
    @SuppressWarnings("unchecked")
    private <T> T get(ConfigKey key) {
        return (T) values.get(key);
    }
}
