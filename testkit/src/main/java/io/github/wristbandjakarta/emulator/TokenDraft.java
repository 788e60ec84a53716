package io.github.wristbandjakarta.emulator;

import java.security.Key;
import java.util.Objects;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;

/**
 * A token on its way to being signed: its claims, which may be edited in place, and how it will be signed (by
 * default RS256 with the minter's signing key and its kid). A {@link Tampering} changes either.
 */
public final class TokenDraft {
    private final TokenMinter minter;
    private final JwtClaims claims;
    private String type;
    private String algorithm = AlgorithmIdentifiers.RSA_USING_SHA256;
    private Key key;
    private String keyId;
    private boolean corruptSignature;

    TokenDraft(TokenMinter minter, JwtClaims claims, String type) {
        this.minter = minter;
        this.claims = Objects.requireNonNull(claims, "claims");
        this.type = type;
        this.key = minter.signingKey().getPrivateKey();
        this.keyId = minter.signingKey().getKeyId();
    }

    /** The minter that will sign. */
    public TokenMinter minter() {
        return minter;
    }

    /** The claims, to edit in place. */
    public JwtClaims claims() {
        return claims;
    }

    /** Signs with this JWS algorithm and key, and names {@code keyId} in the header (none when null). */
    public void signWith(String algorithm, Key key, String keyId) {
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.key = key;
        this.keyId = keyId;
    }

    /** The {@code kid} header, or null for none; the key stays. */
    public void keyId(String keyId) {
        this.keyId = keyId;
    }

    /** The {@code typ} header, or null for none. */
    public void type(String type) {
        this.type = type;
    }

    /** Alters the signature's bytes after signing. */
    public void corruptSignature() {
        this.corruptSignature = true;
    }

    String type() {
        return type;
    }

    String algorithm() {
        return algorithm;
    }

    Key key() {
        return key;
    }

    String keyId() {
        return keyId;
    }

    boolean signatureCorrupted() {
        return corruptSignature;
    }
}
