package io.github.wristbandjakarta.emulator;

/** How the emulator makes ID tokens; every value except {@link #NONE} yields a token a correct validator rejects. */
public enum IdTokenTampering {
    /** A correct ID token. */
    NONE,
    /** {@code iss} is not the emulator's issuer. */
    WRONG_ISSUER,
    /** {@code aud} is not the client id. */
    WRONG_AUDIENCE,
    /** {@code nonce} differs from the authorize request's nonce (refreshed ID tokens get a random nonce). */
    WRONG_NONCE,
    /** No {@code nonce} claim. */
    MISSING_NONCE,
    /** {@code exp} lies an hour in the past. */
    EXPIRED,
    /** RS256 with the right key, then signature bytes altered. */
    BAD_SIGNATURE,
    /** RS256 signed by a key (with its own kid) that is not in the JWKS. */
    UNKNOWN_KEY,
    /** RS256 with the right key but no {@code kid} header. */
    NO_KID,
    /** Unsigned, {@code alg: none}. */
    ALG_NONE,
    /** HS256 with the client secret as HMAC key (algorithm confusion), {@code kid} of the real key. */
    HS256_CLIENT_SECRET,
    /** {@code sub} differs from the userinfo {@code sub}. */
    WRONG_SUBJECT
}
