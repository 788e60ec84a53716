package io.github.wristbandjakarta.internal.token;

/** What a validated ID token told us that the session needs. */
public record IdTokenClaims(String subject, String issuer, long issuedAt) {
}
