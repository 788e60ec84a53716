package io.github.wristbandjakarta.internal.wristband;

import java.util.List;

/**
 * Userinfo as the SDKs map it (docs/protocol.md §2.3). The four required claims are non-blank strings; the others may
 * be null.
 */
public record UserInfo(
        String userId,
        String tenantId,
        String applicationId,
        String identityProviderName,
        String email,
        Boolean emailVerified,
        String fullName,
        String givenName,
        String familyName,
        String displayName,
        List<Role> roles) {

    public UserInfo {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }
}
