package io.github.wristbandjakarta.internal.wristband;

/**
 * A successful answer of Wristband's token endpoint.
 *
 * @param refreshToken     null when Wristband sent none (no {@code offline_access}, or a refresh that kept it)
 * @param idToken          null when Wristband sent none
 * @param expiresInSeconds {@code expires_in} as sent, before the expiration buffer is applied
 */
public record TokenResponse(String accessToken, String idToken, String refreshToken, long expiresInSeconds) {
    @Override
    public String toString() {
        return "TokenResponse[expiresIn=" + expiresInSeconds + "]";
    }
}
