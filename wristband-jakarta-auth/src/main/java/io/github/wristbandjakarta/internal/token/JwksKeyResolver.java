package io.github.wristbandjakarta.internal.token;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.InvalidJwtSignatureException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

import java.security.Key;
import java.util.List;
import java.util.function.Supplier;

/**
 * Picks the Wristband key that verifies a token, from the {@link JwksCache}: by {@code kid}; without one only when
 * exactly one key fits, and never when {@code requireKeyId} (access tokens, as the official SDKs' JWT validation).
 * A token whose {@code alg} is not RS256 is refused before any lookup, so that {@code none}, {@code HS256} keyed with
 * a public key or the client secret, and any other algorithm never cause a JWKS fetch.
 */
final class JwksKeyResolver implements VerificationKeyResolver {

    private final JwksCache jwks;
    private final boolean requireKeyId;
    private final VerificationJwkSelector selector = new VerificationJwkSelector();

    /**
     * The claims of {@code jwt} as {@code consumer} checks them; when its signature fails, once more with a fresh key
     * set, for a key Wristband rotated under an unchanged {@code kid} (at most once per cooldown, {@link JwksCache}).
     */
    static JwtClaims process(Supplier<JwtConsumer> consumer, JwksCache jwks, String jwt) throws InvalidJwtException {
        try {
            return consumer.get().processToClaims(jwt);
        } catch (InvalidJwtSignatureException e) {
            if (jwks.refresh()) {
                return consumer.get().processToClaims(jwt);
            }
            throw e;
        }
    }

    JwksKeyResolver(JwksCache jwks, boolean requireKeyId) {
        this.jwks = jwks;
        this.requireKeyId = requireKeyId;
    }

    @Override
    public Key resolveKey(JsonWebSignature jws, List<JsonWebStructure> nestingContext)
            throws UnresolvableKeyException {
        if (!AlgorithmIdentifiers.RSA_USING_SHA256.equals(jws.getAlgorithmHeaderValue())) {
            throw new DisallowedAlgorithmException();
        }
        String keyId = jws.getKeyIdHeaderValue();
        if (keyId == null && requireKeyId) {
            throw new MissingKeyIdException();
        }
        try {
            JsonWebKey key = select(jws, jwks.keys());
            if (key == null) {
                if (keyId == null ? jwks.refresh() : jwks.refreshForKeyId(keyId)) {
                    key = select(jws, jwks.keys());
                }
            }
            if (key == null) {
                throw new UnresolvableKeyException("no Wristband key for this token");
            }
            return key.getKey();
        } catch (JoseException e) {
            throw new UnresolvableKeyException("no Wristband key for this token", e);
        }
    }

    private JsonWebKey select(JsonWebSignature jws, List<JsonWebKey> keys) throws JoseException {
        if (jws.getKeyIdHeaderValue() == null) {
            List<JsonWebKey> candidates = selector.selectList(jws, keys);
            return candidates.size() == 1 ? candidates.get(0) : null;
        }
        return selector.select(jws, keys);
    }

    /** The token's {@code alg} is not RS256. */
    static final class DisallowedAlgorithmException extends UnresolvableKeyException {
        private static final long serialVersionUID = 1L;

        DisallowedAlgorithmException() {
            super("token algorithm is not RS256");
        }
    }

    /** The token has no {@code kid} where one is required. */
    static final class MissingKeyIdException extends UnresolvableKeyException {
        private static final long serialVersionUID = 1L;

        MissingKeyIdException() {
            super("token has no kid");
        }
    }
}
