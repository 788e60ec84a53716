package io.github.wristbandjakarta.internal.wristband;

import java.util.Optional;

/**
 * The values that may come from SDK auto-configuration, resolved (manual value, else Wristband's, else
 * default) and validated against the placeholder rules of docs/protocol.md §2.4.
 */
public record ResolvedConfiguration(
        String loginUrl,
        String redirectUri,
        Optional<String> parseTenantFromRootDomain,
        boolean applicationCustomDomainActive,
        Optional<String> customApplicationLoginPageUrl) {

    /** Whether tenant names come from the Host header's subdomain. */
    public boolean usesTenantSubdomains() {
        return parseTenantFromRootDomain.isPresent();
    }
}
