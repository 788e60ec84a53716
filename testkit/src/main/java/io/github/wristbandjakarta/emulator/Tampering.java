package io.github.wristbandjakarta.emulator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;

/**
 * One change to a token before {@link TokenMinter} signs it, and the named ones: each makes a token that a correct
 * validator rejects, except {@link #none()}, {@link #noKid()} (acceptable while the JWKS holds one key),
 * {@link #severalAudiencesWithAzp()} and {@link #iatWithinSkew()}. {@link IdTokenTampering} names those the
 * emulator's token endpoint can apply.
 */
@FunctionalInterface
public interface Tampering {

    /** Changes the draft's claims or signing. */
    void apply(TokenDraft draft);

    /** A change of the claims only, as a test writes it ({@code c -> c.setClaim("sub_kind", "client")}). */
    static Tampering claims(Consumer<JwtClaims> change) {
        Objects.requireNonNull(change, "change");
        return draft -> change.accept(draft.claims());
    }


    /** No change: a valid token. */
    static Tampering none() {
        return draft -> { };
    }

    /** {@code iss} names another host ({@code http://evil-localhost:9099} for {@code http://localhost:9099}). */
    static Tampering wrongIssuer() {
        return draft -> draft.claims().setIssuer(
                "http://evil-" + URI.create(draft.minter().issuer()).getRawAuthority());
    }

    /** No {@code iss} claim. */
    static Tampering missingIssuer() {
        return withoutClaim("iss");
    }

    /** {@code sub} is {@link TokenMinter#WRONG_SUBJECT}, not the user's id (so it differs from userinfo's). */
    static Tampering wrongSubject() {
        return draft -> draft.claims().setSubject(TokenMinter.WRONG_SUBJECT);
    }

    /** No {@code sub} claim. */
    static Tampering missingSubject() {
        return withoutClaim("sub");
    }

    /** {@code aud} is {@link TokenMinter#OTHER_CLIENT}, not the client. */
    static Tampering wrongAudience() {
        return draft -> draft.claims().setAudience(TokenMinter.OTHER_CLIENT);
    }

    /** No {@code aud} claim. */
    static Tampering missingAudience() {
        return withoutClaim("aud");
    }

    /** {@code aud} = [client, {@link TokenMinter#OTHER_CLIENT}] and no {@code azp}. */
    static Tampering severalAudiencesWithoutAzp() {
        return draft -> {
            draft.claims().setAudience(draft.minter().clientId(), TokenMinter.OTHER_CLIENT);
            draft.claims().unsetClaim("azp");
        };
    }

    /** {@code aud} = [client, {@link TokenMinter#OTHER_CLIENT}] and {@code azp} = the client: acceptable. */
    static Tampering severalAudiencesWithAzp() {
        return draft -> {
            draft.claims().setAudience(draft.minter().clientId(), TokenMinter.OTHER_CLIENT);
            draft.claims().setClaim("azp", draft.minter().clientId());
        };
    }

    /** {@code azp} names {@link TokenMinter#OTHER_CLIENT}. */
    static Tampering wrongAzp() {
        return draft -> draft.claims().setClaim("azp", TokenMinter.OTHER_CLIENT);
    }

    /** {@code nonce} is a random value, not the one of the authorize request. */
    static Tampering wrongNonce() {
        return draft -> draft.claims().setClaim("nonce", Http.randomToken());
    }

    /** No {@code nonce} claim. */
    static Tampering missingNonce() {
        return withoutClaim("nonce");
    }

    /** {@code iat} and {@code exp} moved back so that {@code exp} lies an hour before the original {@code iat}. */
    static Tampering expired() {
        return draft -> {
            JwtClaims c = draft.claims();
            long lifetime = seconds(c, "exp") - seconds(c, "iat");
            shiftedBy(Duration.ofSeconds(-lifetime - 3600)).apply(draft);
        };
    }

    /** {@code iat} (and {@code exp} with it) ten minutes in the future, beyond any sensible clock skew. */
    static Tampering futureIat() {
        return shiftedBy(Duration.ofMinutes(10));
    }

    /** {@code iat} (and {@code exp} with it) 30 s in the future: within a 60 s clock skew, so acceptable. */
    static Tampering iatWithinSkew() {
        return shiftedBy(Duration.ofSeconds(30));
    }

    /** {@code iat} and {@code exp}, where present, moved by {@code shift}. */
    static Tampering shiftedBy(Duration shift) {
        return draft -> {
            JwtClaims c = draft.claims();
            if (c.hasClaim("iat")) {
                c.setIssuedAt(NumericDate.fromSeconds(seconds(c, "iat") + shift.toSeconds()));
            }
            if (c.hasClaim("exp")) {
                c.setExpirationTime(NumericDate.fromSeconds(seconds(c, "exp") + shift.toSeconds()));
            }
        };
    }

    /** No {@code exp} claim. */
    static Tampering missingExp() {
        return withoutClaim("exp");
    }

    /** No {@code iat} claim. */
    static Tampering missingIat() {
        return withoutClaim("iat");
    }

    /** Without the claim {@code name}. */
    static Tampering withoutClaim(String name) {
        return draft -> draft.claims().unsetClaim(name);
    }

    /** Signed as usual, then signature bytes altered. */
    static Tampering badSignature() {
        return TokenDraft::corruptSignature;
    }

    /** RS256 with the right key but no {@code kid} header (acceptable while the JWKS holds one key). */
    static Tampering noKid() {
        return draft -> draft.keyId(null);
    }

    /** RS256 signed by a key, with its own kid, that no JWKS of the emulator publishes. */
    static Tampering unknownKey() {
        return signedBy(TokenMinter.unknownKey());
    }

    /** RS256 signed by {@code key}, naming its kid. */
    static Tampering signedBy(RsaJsonWebKey key) {
        return signedBy(key, key.getKeyId());
    }

    /** RS256 signed by {@code key}, naming {@code keyId} (none when null): a key published under another kid. */
    static Tampering signedBy(RsaJsonWebKey key, String keyId) {
        return draft -> draft.signWith(AlgorithmIdentifiers.RSA_USING_SHA256, key.getPrivateKey(), keyId);
    }

    /** Unsigned, {@code alg: none}, no {@code kid}. */
    static Tampering algNone() {
        return draft -> draft.signWith(AlgorithmIdentifiers.NONE, null, null);
    }

    /** HS256 keyed with the client secret (algorithm confusion), naming the signing key's kid. */
    static Tampering hs256WithClientSecret() {
        return draft -> draft.signWith(AlgorithmIdentifiers.HMAC_SHA256,
                new HmacKey(draft.minter().clientSecret().getBytes(StandardCharsets.UTF_8)),
                draft.minter().signingKey().getKeyId());
    }

    /** Signed with the right RSA key and kid, but RS384 instead of RS256. */
    static Tampering rs384() {
        return draft -> draft.signWith(AlgorithmIdentifiers.RSA_USING_SHA384,
                draft.minter().signingKey().getPrivateKey(), draft.minter().signingKey().getKeyId());
    }

    /** The {@code typ} header {@code type}, or none when null. */
    static Tampering type(String type) {
        return draft -> draft.type(type);
    }

    private static long seconds(JwtClaims claims, String name) {
        try {
            return claims.getNumericDateClaimValue(name).getValue();
        } catch (MalformedClaimException e) {
            throw new IllegalArgumentException("claim " + name + " is not a NumericDate", e);
        }
    }
}
