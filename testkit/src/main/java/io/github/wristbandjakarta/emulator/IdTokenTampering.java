package io.github.wristbandjakarta.emulator;

/**
 * How the emulator makes ID tokens. Every value yields a token a correct validator rejects, except {@link #NONE},
 * {@link #NO_KID} (acceptable while the JWKS holds one key), {@link #SEVERAL_AUDIENCES_WITH_AZP} and
 * {@link #IAT_WITHIN_SKEW}.
 */
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
    WRONG_SUBJECT,
    /** No {@code sub} claim. */
    MISSING_SUBJECT,
    /** No {@code iss} claim. */
    MISSING_ISSUER,
    /** No {@code aud} claim. */
    MISSING_AUDIENCE,
    /** No {@code exp} claim. */
    MISSING_EXP,
    /** No {@code iat} claim. */
    MISSING_IAT,
    /** {@code iat} ten minutes in the future (beyond any sensible clock skew). */
    FUTURE_IAT,
    /** {@code iat} 30 s in the future: within the default 60 s clock skew, so acceptable. */
    IAT_WITHIN_SKEW,
    /** {@code aud} = [client id, another client] and no {@code azp}. */
    SEVERAL_AUDIENCES_WITHOUT_AZP,
    /** {@code aud} = [client id, another client] and {@code azp} = client id: acceptable. */
    SEVERAL_AUDIENCES_WITH_AZP,
    /** {@code aud} = client id but {@code azp} names another client. */
    WRONG_AZP,
    /** Signed with the right RSA key and kid, but RS384 instead of RS256. */
    RS384
}
