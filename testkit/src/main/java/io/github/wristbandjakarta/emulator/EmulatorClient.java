package io.github.wristbandjakarta.emulator;

import java.util.List;
import java.util.Objects;

/**
 * The one OAuth2 client registered in the emulator.
 *
 * @param clientId                      client id
 * @param clientSecret                  client secret (HTTP Basic on token and revoke)
 * @param redirectUris                  registered redirect URIs, compared raw (may hold {@code {tenant_name}} or
 *                                      {@code {tenant_domain}})
 * @param loginUrl                      the application's Login Endpoint (may hold a tenant placeholder)
 * @param loginUrlTenantDomainSuffix    nullable; reported by sdk-configuration
 * @param applicationCustomDomainActive tenant hosts use {@code .} instead of {@code -} as separator
 * @param customApplicationLoginPageUrl nullable; reported by sdk-configuration
 */
public record EmulatorClient(String clientId, String clientSecret, List<String> redirectUris, String loginUrl,
        String loginUrlTenantDomainSuffix, boolean applicationCustomDomainActive,
        String customApplicationLoginPageUrl) {

    public EmulatorClient {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        redirectUris = List.copyOf(Objects.requireNonNull(redirectUris, "redirectUris"));
        if (redirectUris.isEmpty()) {
            throw new IllegalArgumentException("at least one redirect URI is required");
        }
        Objects.requireNonNull(loginUrl, "loginUrl");
    }
}
