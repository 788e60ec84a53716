package io.github.wristbandjakarta.emulator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Makes the emulator's tokens: the claims of a valid ID token and access token, RS256 signatures with the signing
 * key's {@code kid} and a {@code typ} header, after any {@link Tampering}s (each a named change that makes a token a
 * correct validator rejects, or for a few still accepts). The emulator's token endpoint mints with it, and tests of
 * token validation can mint the same tokens without a login.
 *
 * <pre>{@code
 * TokenMinter minter = new TokenMinter("http://localhost:9099", "my-client", "my-secret", TokenMinter.newKey());
 * String expired = minter.idToken(minter.idTokenClaims(user, nonce, now, lifetime), Tampering.expired());
 * }</pre>
 *
 * <p>Immutable; {@link #withSigningKey} makes a minter for a rotated key.
 */
public final class TokenMinter {

    /** The {@code typ} header of ID tokens. */
    public static final String ID_TOKEN_TYPE = "JWT";
    /** The {@code typ} header of access tokens (RFC 9068 §2.1). */
    public static final String ACCESS_TOKEN_TYPE = "at+JWT";
    /** The {@code sub} that {@link IdTokenTampering#WRONG_SUBJECT} puts in. */
    public static final String WRONG_SUBJECT = "wrongsubject2x7q4k5zwmpdhy";
    /** The audience and {@code azp} that the audience tamperings name beside or instead of the client. */
    public static final String OTHER_CLIENT = "some-other-client";
    static final String APPLICATION_ID = "demoapp2q5xk7wlzf3hyjvb6ta";
    static final String IDP_NAME = "wristband";

    private final String issuer;
    private final String clientId;
    private final String clientSecret;
    private final RsaJsonWebKey signingKey;

    /**
     * @param issuer       the {@code iss} of every token, e.g. {@code http://localhost:9099}
     * @param clientId     the client the tokens are issued to ({@code aud}, {@code azp}, {@code client_id})
     * @param clientSecret the client's secret, which only {@link Tampering#hs256WithClientSecret()} uses
     * @param signingKey   the RSA key (with a {@code kid}) that signs the tokens
     */
    public TokenMinter(String issuer, String clientId, String clientSecret, RsaJsonWebKey signingKey) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
        this.signingKey = Objects.requireNonNull(signingKey, "signingKey");
    }

    /** A new 2048-bit RSA signing key ({@code use=sig}, {@code alg=RS256}) with a random Wristband-style kid. */
    public static RsaJsonWebKey newKey() {
        return newKey(Http.randomId());
    }

    /** A new 2048-bit RSA signing key ({@code use=sig}, {@code alg=RS256}) with this kid. */
    public static RsaJsonWebKey newKey(String kid) {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(kid);
            key.setUse("sig");
            key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    /** The same minter with another signing key. */
    public TokenMinter withSigningKey(RsaJsonWebKey key) {
        return new TokenMinter(issuer, clientId, clientSecret, key);
    }

    /** The {@code iss} of the tokens. */
    public String issuer() {
        return issuer;
    }

    /** The client the tokens are issued to. */
    public String clientId() {
        return clientId;
    }

    /** The key that signs the tokens; its public half is what a JWKS publishes. */
    public RsaJsonWebKey signingKey() {
        return signingKey;
    }

    // ---------------------------------------------------------------- claims

    /**
     * The claims of a valid ID token as Wristband's token endpoint issues it: iss, sub, aud and azp (the client), exp,
     * iat, auth_time, nonce (when not null: refreshed ID tokens carry none), tnt_id, app_id, idp_name and email.
     */
    public JwtClaims idTokenClaims(EmulatorUser user, String nonce, long authTime, Instant issuedAt,
            Duration lifetime) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(user.userId());
        claims.setAudience(clientId);
        claims.setClaim("azp", clientId);
        claims.setExpirationTime(NumericDate.fromSeconds(issuedAt.getEpochSecond() + lifetime.toSeconds()));
        claims.setIssuedAt(NumericDate.fromSeconds(issuedAt.getEpochSecond()));
        claims.setClaim("auth_time", authTime);
        if (nonce != null) {
            claims.setClaim("nonce", nonce);
        }
        claims.setClaim("tnt_id", user.tenantId());
        claims.setClaim("app_id", APPLICATION_ID);
        claims.setClaim("idp_name", IDP_NAME);
        claims.setClaim("email", user.email());
        return claims;
    }

    /** {@link #idTokenClaims(EmulatorUser, String, long, Instant, Duration)} signed in at {@code issuedAt}. */
    public JwtClaims idTokenClaims(EmulatorUser user, String nonce, Instant issuedAt, Duration lifetime) {
        return idTokenClaims(user, nonce, issuedAt.getEpochSecond(), issuedAt, lifetime);
    }

    /**
     * The claims of a valid access token (a Wristband JWT access token): iss, sub, tnt_id, app_id, idp_name,
     * client_id, scope, van_dom (the issuer's host and port), sub_kind {@code user}, amr, auth_time, iat, exp and a
     * random jti.
     */
    public JwtClaims accessTokenClaims(EmulatorUser user, String scope, long authTime, Instant issuedAt,
            Duration lifetime) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(user.userId());
        claims.setClaim("tnt_id", user.tenantId());
        claims.setClaim("app_id", APPLICATION_ID);
        claims.setClaim("idp_name", IDP_NAME);
        claims.setClaim("client_id", clientId);
        claims.setClaim("scope", scope);
        claims.setClaim("van_dom", URI.create(issuer).getRawAuthority());
        claims.setClaim("sub_kind", "user");
        claims.setStringListClaim("amr", "pwd");
        claims.setClaim("auth_time", authTime);
        claims.setIssuedAt(NumericDate.fromSeconds(issuedAt.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(issuedAt.getEpochSecond() + lifetime.toSeconds()));
        claims.setJwtId(Http.randomId());
        return claims;
    }

    // ---------------------------------------------------------------- signing

    /** An ID token: {@code claims} signed RS256 with the signing key, {@code typ: JWT}, after the tamperings. */
    public String idToken(JwtClaims claims, Tampering... tamperings) {
        return sign(new TokenDraft(this, claims, ID_TOKEN_TYPE), tamperings);
    }

    /** An access token: {@code claims} signed RS256 with the signing key, {@code typ: at+JWT}, after the tamperings. */
    public String accessToken(JwtClaims claims, Tampering... tamperings) {
        return sign(new TokenDraft(this, claims, ACCESS_TOKEN_TYPE), tamperings);
    }

    private static String sign(TokenDraft draft, Tampering... tamperings) {
        for (Tampering tampering : tamperings) {
            tampering.apply(draft);
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(draft.claims().toJson());
        if (draft.type() != null) {
            jws.setHeader("typ", draft.type());
        }
        jws.setAlgorithmHeaderValue(draft.algorithm());
        if (draft.keyId() != null) {
            jws.setKeyIdHeaderValue(draft.keyId());
        }
        if (AlgorithmIdentifiers.NONE.equals(draft.algorithm())) {
            jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        } else {
            jws.setKey(draft.key());
        }
        if (draft.key() instanceof HmacKey) {
            jws.setDoKeyValidation(false); // a client secret may be shorter than HS256 asks of a key
        }
        String compact;
        try {
            compact = jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return draft.signatureCorrupted() ? corrupt(compact) : compact;
    }

    private static String corrupt(String compact) {
        int dot = compact.lastIndexOf('.');
        byte[] sig = Base64.getUrlDecoder().decode(compact.substring(dot + 1));
        sig[sig.length / 2] ^= 0x5a;
        sig[0] ^= 0x01;
        return compact.substring(0, dot + 1) + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    }

    String clientSecret() {
        return clientSecret;
    }

    /** A key that no JWKS of the emulator publishes, made at first use (generating one takes a while). */
    static RsaJsonWebKey unknownKey() {
        return UnknownKey.KEY;
    }

    private static final class UnknownKey {
        static final RsaJsonWebKey KEY = newKey();
    }
}
