package io.github.wristbandjakarta.internal.login;

import java.time.Instant;

/**
 * What the login endpoint remembers for the callback, sealed into the {@code login#{state}#{ms}} cookie
 * (docs/protocol.md §3.3, §3.4).
 *
 * @param redirectUri the configured redirect URI as sent to Wristband, placeholder included
 * @param returnUrl   null when none was given or it was not acceptable
 * @param customState a JSON object as text, or null
 * @param tenantName         the tenant the login was sent to, or null when it was sent to a custom domain only
 * @param tenantCustomDomain the tenant custom domain the login was sent to, or null; the callback must name the same
 *                           tenant and domain (docs/protocol.md §4.1)
 */
public record LoginState(
        String state,
        String codeVerifier,
        String nonce,
        String redirectUri,
        String returnUrl,
        String customState,
        String tenantName,
        String tenantCustomDomain,
        Instant createdAt) {

    @Override
    public String toString() {
        return "LoginState[createdAt=" + createdAt + "]";
    }
}
