package io.github.wristbandjakarta.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated, immutable settings of the integration, read once from MicroProfile Config
 * (keys {@code wristband.*}, see README). Values that Wristband's SDK auto-configuration may supply
 * ({@code loginUrl}, {@code redirectUri}, ...) are the manual values only; the back channel resolves them.
 *
 * @param applicationOrigin       scheme and authority of the application vanity domain:
 *                                {@code https://{vanity}}, or {@code http://…} only for a loopback host
 * @param applicationVanityDomain the vanity domain's authority ({@code host[:port]}), without scheme
 * @param loginStateSecret        key material of the login-state cookies; the client secret when not set
 * @param sessionSecrets          key material of the sealed sessions, the one that seals first; the login-state
 *                                secret when not set
 */
public record WristbandConfig(
        String clientId,
        String clientSecret,
        URI applicationOrigin,
        String applicationVanityDomain,
        String loginStateSecret,
        List<String> sessionSecrets,
        Optional<String> loginUrl,
        Optional<String> redirectUri,
        Optional<String> parseTenantFromRootDomain,
        Optional<Boolean> applicationCustomDomainActive,
        Optional<String> customApplicationLoginPageUrl,
        List<String> scopes,
        Duration tokenExpirationBuffer,
        boolean dangerouslyDisableSecureCookies,
        boolean autoConfigureEnabled,
        // Beyond the official SDKs' options:
        boolean csrfProtectionEnabled,
        String csrfCookieName,
        String csrfHeaderName,
        List<URI> returnUrlAllowedOrigins,
        List<URI> csrfAllowedOrigins,
        boolean loginStateHostPrefix,
        List<String> tenantCustomDomains,
        String defaultReturnUrl,
        Duration sessionAbsoluteLifetime,
        boolean sessionReplicated,
        Duration sessionReplicationWait,
        Map<String, String> roleMapping,
        boolean tokenEndpointEnabled,
        Duration connectTimeout,
        Duration requestTimeout,
        List<String> apiPathPrefixes,
        String authPath,
        Duration clockSkew,
        Duration jwksRefreshCooldown,
        List<AuthStrategy> authStrategies,
        Optional<String> loginDefaultTenantName,
        Optional<String> loginDefaultTenantCustomDomain,
        Optional<String> logoutRedirectUrl,
        List<URI> corsAllowedOrigins,
        List<String> jwtAllowedClientIds,
        List<String> jwtAllowedSubjectKinds,
        List<String> jwtRequiredScopes,
        List<URI> bearerFilterAllowedOrigins) {

    public WristbandConfig {
        scopes = List.copyOf(scopes);
        sessionSecrets = List.copyOf(sessionSecrets);
        returnUrlAllowedOrigins = List.copyOf(returnUrlAllowedOrigins);
        tenantCustomDomains = List.copyOf(tenantCustomDomains);
        csrfAllowedOrigins = List.copyOf(csrfAllowedOrigins);
        roleMapping = Map.copyOf(roleMapping);
        apiPathPrefixes = List.copyOf(apiPathPrefixes);
        authStrategies = List.copyOf(authStrategies);
        corsAllowedOrigins = List.copyOf(corsAllowedOrigins);
        jwtAllowedClientIds = List.copyOf(jwtAllowedClientIds);
        jwtAllowedSubjectKinds = List.copyOf(jwtAllowedSubjectKinds);
        jwtRequiredScopes = List.copyOf(jwtRequiredScopes);
        bearerFilterAllowedOrigins = List.copyOf(bearerFilterAllowedOrigins);
    }

    /**
     * Whether {@code host} is on {@code wristband.tenant-custom-domains}: an exact entry, or below a {@code *.suffix}
     * entry, in any case.
     */
    public boolean allowsTenantCustomDomain(String host) {
        String candidate = host.toLowerCase(java.util.Locale.ROOT);
        for (String entry : tenantCustomDomains) {
            if (entry.startsWith("*.") ? candidate.endsWith(entry.substring(1)) : entry.equals(candidate)) {
                return true;
            }
        }
        return false;
    }

    /** Every value except the client secret, the login-state secret and the session secrets, which are never logged. */
    @Override
    public String toString() {
        return "WristbandConfig[clientId=" + clientId
                + ", applicationOrigin=" + applicationOrigin
                + ", loginUrl=" + loginUrl.orElse("(auto)")
                + ", redirectUri=" + redirectUri.orElse("(auto)")
                + ", parseTenantFromRootDomain=" + parseTenantFromRootDomain.orElse("(auto)")
                + ", applicationCustomDomainActive=" + applicationCustomDomainActive.map(String::valueOf).orElse("(auto)")
                + ", customApplicationLoginPageUrl=" + customApplicationLoginPageUrl.orElse("(auto)")
                + ", scopes=" + scopes
                + ", tokenExpirationBuffer=" + tokenExpirationBuffer
                + ", dangerouslyDisableSecureCookies=" + dangerouslyDisableSecureCookies
                + ", autoConfigureEnabled=" + autoConfigureEnabled
                + ", csrfProtectionEnabled=" + csrfProtectionEnabled
                + ", csrfCookieName=" + csrfCookieName
                + ", csrfHeaderName=" + csrfHeaderName
                + ", returnUrlAllowedOrigins=" + returnUrlAllowedOrigins
                + ", csrfAllowedOrigins=" + csrfAllowedOrigins
                + ", loginStateHostPrefix=" + loginStateHostPrefix
                + ", tenantCustomDomains=" + tenantCustomDomains
                + ", defaultReturnUrl=" + defaultReturnUrl
                + ", sessionAbsoluteLifetime=" + sessionAbsoluteLifetime
                + ", sessionReplicated=" + sessionReplicated
                + ", sessionReplicationWait=" + sessionReplicationWait
                + ", roleMapping=" + roleMapping
                + ", tokenEndpointEnabled=" + tokenEndpointEnabled
                + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout
                + ", apiPathPrefixes=" + apiPathPrefixes
                + ", authPath=" + authPath
                + ", clockSkew=" + clockSkew
                + ", jwksRefreshCooldown=" + jwksRefreshCooldown
                + ", authStrategies=" + authStrategies
                + ", loginDefaultTenantName=" + loginDefaultTenantName.orElse("(none)")
                + ", loginDefaultTenantCustomDomain=" + loginDefaultTenantCustomDomain.orElse("(none)")
                + ", logoutRedirectUrl=" + logoutRedirectUrl.orElse("(none)")
                + ", corsAllowedOrigins=" + corsAllowedOrigins
                + ", jwtAllowedClientIds=" + jwtAllowedClientIds
                + ", jwtAllowedSubjectKinds=" + jwtAllowedSubjectKinds
                + ", jwtRequiredScopes=" + jwtRequiredScopes
                + ", bearerFilterAllowedOrigins=" + bearerFilterAllowedOrigins + "]";
    }
}
