package io.github.wristbandjakarta.internal.token;

import java.time.Instant;
import java.util.Map;

/**
 * What a validated Wristband access token says about its caller (docs/protocol.md §6.6 lists its claims).
 *
 * @param identityProviderName {@code idp_name}, or null
 * @param claims               every claim of the token, for the application
 */
public record AccessTokenClaims(String userId, String tenantId, String identityProviderName, Instant expiresAt,
                                Map<String, Object> claims) {

    public AccessTokenClaims {
        claims = Map.copyOf(claims);
    }
}
