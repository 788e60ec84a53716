package io.github.wristbandjakarta.internal.token;

import io.github.wristbandjakarta.internal.wristband.TokenResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The tokens a session holds. {@code expiresAt} already has the expiration buffer applied (docs/protocol.md §4.1 step 14),
 * so "expired" means {@code now >= expiresAt} (docs/protocol.md §7.1, the exact boundary refreshes).
 *
 * @param refreshToken null when Wristband issued none (no {@code offline_access})
 */
public record TokenSet(String accessToken, String refreshToken, Instant expiresAt) {

    /**
     * @param previousRefreshToken kept when a refresh answer carries no new refresh token
     */
    public static TokenSet from(TokenResponse response, Duration expirationBuffer, Clock clock,
                                String previousRefreshToken) {
        long expiresIn = response.expiresInSeconds() - expirationBuffer.toSeconds();
        String refreshToken = response.refreshToken() != null && !response.refreshToken().isEmpty()
                ? response.refreshToken() : previousRefreshToken;
        return new TokenSet(response.accessToken(), refreshToken, clock.instant().plusSeconds(expiresIn));
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /**
     * Whether Wristband still accepts the access token at {@code now}: {@link #expiresAt()} is its end less the
     * expiration buffer ({@link #from}), so that it is refreshed before it runs out.
     */
    public boolean acceptedByWristband(Instant now, Duration expirationBuffer) {
        return now.isBefore(expiresAt.plus(expirationBuffer));
    }

    public boolean canRefresh() {
        return refreshToken != null && !refreshToken.isEmpty();
    }

    @Override
    public String toString() {
        return "TokenSet[expiresAt=" + expiresAt + "]";
    }
}
