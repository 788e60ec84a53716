package io.github.wristbandjakarta.wristband;

/**
 * Wristband's {@code /api/v1/clients/{id}/sdk-configuration} answer (spec §2.3). Nullable strings are null
 * when Wristband sent null or nothing.
 */
public record SdkConfiguration(
        String loginUrl,
        String redirectUri,
        String loginUrlTenantDomainSuffix,
        String customApplicationLoginPageUrl,
        boolean isApplicationCustomDomainActive) {
}
