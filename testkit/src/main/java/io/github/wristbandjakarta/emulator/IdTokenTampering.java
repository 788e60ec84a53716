package io.github.wristbandjakarta.emulator;

/**
 * How the emulator makes ID tokens. Every value yields a token a correct validator rejects, except {@link #NONE},
 * {@link #NO_KID} (acceptable while the JWKS holds one key), {@link #SEVERAL_AUDIENCES_WITH_AZP} and
 * {@link #IAT_WITHIN_SKEW}. Each value names one of the named {@link Tampering}s, which tests can also apply to
 * tokens they mint themselves.
 */
public enum IdTokenTampering {
    /** A correct ID token. */
    NONE(Tampering.none()),
    /** {@code iss} is not the emulator's issuer. */
    WRONG_ISSUER(Tampering.wrongIssuer()),
    /** {@code aud} is not the client id. */
    WRONG_AUDIENCE(Tampering.wrongAudience()),
    /** {@code nonce} differs from the authorize request's nonce (refreshed ID tokens get a random nonce). */
    WRONG_NONCE(Tampering.wrongNonce()),
    /** No {@code nonce} claim. */
    MISSING_NONCE(Tampering.missingNonce()),
    /** {@code exp} lies an hour in the past. */
    EXPIRED(Tampering.expired()),
    /** RS256 with the right key, then signature bytes altered. */
    BAD_SIGNATURE(Tampering.badSignature()),
    /** RS256 signed by a key (with its own kid) that is not in the JWKS. */
    UNKNOWN_KEY(Tampering.unknownKey()),
    /** RS256 with the right key but no {@code kid} header. */
    NO_KID(Tampering.noKid()),
    /** Unsigned, {@code alg: none}. */
    ALG_NONE(Tampering.algNone()),
    /** HS256 with the client secret as HMAC key (algorithm confusion), {@code kid} of the real key. */
    HS256_CLIENT_SECRET(Tampering.hs256WithClientSecret()),
    /** {@code sub} differs from the userinfo {@code sub}. */
    WRONG_SUBJECT(Tampering.wrongSubject()),
    /** No {@code sub} claim. */
    MISSING_SUBJECT(Tampering.missingSubject()),
    /** No {@code iss} claim. */
    MISSING_ISSUER(Tampering.missingIssuer()),
    /** No {@code aud} claim. */
    MISSING_AUDIENCE(Tampering.missingAudience()),
    /** No {@code exp} claim. */
    MISSING_EXP(Tampering.missingExp()),
    /** No {@code iat} claim. */
    MISSING_IAT(Tampering.missingIat()),
    /** {@code iat} ten minutes in the future (beyond any sensible clock skew). */
    FUTURE_IAT(Tampering.futureIat()),
    /** {@code iat} 30 s in the future: within the default 60 s clock skew, so acceptable. */
    IAT_WITHIN_SKEW(Tampering.iatWithinSkew()),
    /** {@code aud} = [client id, another client] and no {@code azp}. */
    SEVERAL_AUDIENCES_WITHOUT_AZP(Tampering.severalAudiencesWithoutAzp()),
    /** {@code aud} = [client id, another client] and {@code azp} = client id: acceptable. */
    SEVERAL_AUDIENCES_WITH_AZP(Tampering.severalAudiencesWithAzp()),
    /** {@code aud} = client id but {@code azp} names another client. */
    WRONG_AZP(Tampering.wrongAzp()),
    /** Signed with the right RSA key and kid, but RS384 instead of RS256. */
    RS384(Tampering.rs384());

    private final Tampering tampering;

    IdTokenTampering(Tampering tampering) {
        this.tampering = tampering;
    }

    /** The {@link Tampering} this value applies. */
    public Tampering tampering() {
        return tampering;
    }
}
