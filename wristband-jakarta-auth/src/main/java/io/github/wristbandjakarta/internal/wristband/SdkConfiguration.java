package io.github.wristbandjakarta.internal.wristband;

/**
 * Wristband's {@code /api/v1/clients/{id}/sdk-configuration} answer (docs/protocol.md §2.5). Nullable strings are null
 * when Wristband sent null or nothing.
 */
public record SdkConfiguration(
        String loginUrl,
        String redirectUri,
        String loginUrlTenantDomainSuffix,
        String customApplicationLoginPageUrl,
        boolean isApplicationCustomDomainActive) {
}
