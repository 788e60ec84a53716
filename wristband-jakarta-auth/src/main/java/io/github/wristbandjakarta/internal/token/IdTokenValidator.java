package io.github.wristbandjakarta.internal.token;

import io.github.wristbandjakarta.internal.config.WristbandConfig;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.InvalidAlgorithmException;
import org.jose4j.lang.UnresolvableKeyException;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * Validates Wristband ID tokens (the official SDKs do not): RS256 only, signature against Wristband's JWKS,
 * {@code iss} = the application vanity origin, {@code aud} contains the client id ({@code azp} = client id when
 * there are several audiences), {@code exp} and {@code iat} present and within the clock skew, {@code sub}
 * present, and {@code nonce} equal to the one sent with the authorization request.
 */
public final class IdTokenValidator {

    private final WristbandConfig config;
    private final JwksCache jwks;
    private final Clock clock;

    public IdTokenValidator(WristbandConfig config, JwksCache jwks, Clock clock) {
        this.config = config;
        this.jwks = jwks;
        this.clock = clock;
    }

    /** The ID token of an authorization-code exchange. */
    public IdTokenClaims validate(String idToken, String expectedNonce) {
        JwtClaims claims = verify(idToken);
        String nonce = stringClaim(claims, "nonce");
        if (nonce == null) {
            throw new IdTokenException("ID token has no nonce");
        }
        if (!MessageDigest.isEqual(nonce.getBytes(StandardCharsets.UTF_8),
                expectedNonce.getBytes(StandardCharsets.UTF_8))) {
            throw new IdTokenException("ID token nonce does not match the login request");
        }
        return toClaims(claims);
    }

    /** The ID token of a refresh: same issuer and audience checks, no nonce, the same subject as before. */
    public IdTokenClaims validateRefreshed(String idToken, String expectedSubject) {
        JwtClaims claims = verify(idToken);
        IdTokenClaims result = toClaims(claims);
        if (!result.subject().equals(expectedSubject)) {
            throw new IdTokenException("refreshed ID token has another subject");
        }
        return result;
    }

    private JwtClaims verify(String idToken) {
        if (idToken == null || idToken.isEmpty()) {
            throw new IdTokenException("token response has no ID token");
        }
        try {
            return JwksKeyResolver.process(this::consumer, jwks, idToken);
        } catch (InvalidJwtException e) {
            throw new IdTokenException(reason(e), e);
        }
    }

    private JwtConsumer consumer() {
        return new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .setVerificationKeyResolver(new JwksKeyResolver(jwks, false))
                .setExpectedIssuer(true, config.applicationOrigin().toString())
                .setExpectedAudience(true, config.clientId())
                .setRequireSubject()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setAllowedClockSkewInSeconds((int) config.clockSkew().toSeconds())
                .setIssuedAtRestrictions((int) config.clockSkew().toSeconds(), Integer.MAX_VALUE)
                .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
                .registerValidator((org.jose4j.jwt.consumer.Validator) context -> {
                    List<String> audiences = context.getJwtClaims().getAudience();
                    String azp = context.getJwtClaims().getStringClaimValue("azp");
                    if (audiences != null && audiences.size() > 1 && !config.clientId().equals(azp)) {
                        return AZP_SEVERAL_AUDIENCES;
                    }
                    if (azp != null && !config.clientId().equals(azp)) {
                        return AZP_WRONG;
                    }
                    return null;
                })
                .build();
    }

    private static IdTokenClaims toClaims(JwtClaims claims) {
        try {
            return new IdTokenClaims(claims.getSubject(), claims.getIssuer(),
                    claims.getIssuedAt().getValue());
        } catch (MalformedClaimException e) {
            throw new IdTokenException("ID token has a malformed claim", e);
        }
    }

    private static String stringClaim(JwtClaims claims, String name) {
        try {
            return claims.getStringClaimValue(name);
        } catch (MalformedClaimException e) {
            throw new IdTokenException("ID token claim " + name + " is not a string", e);
        }
    }

    /** A short reason for the log: which check failed, never the token. */
    private static String reason(InvalidJwtException e) {
        if (hasCause(e, JwksKeyResolver.DisallowedAlgorithmException.class)) {
            return "ID token algorithm is not RS256";
        }
        if (hasCause(e, InvalidAlgorithmException.class)) {
            return "ID token algorithm is not RS256";
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
            return "ID token signature is invalid";
        }
        if (hasCause(e, UnresolvableKeyException.class)) {
            return "ID token is signed with a key Wristband does not publish";
        }
        if (e.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return "ID token has no iss";
        }
        if (e.hasErrorCode(ErrorCodes.ISSUER_INVALID)) {
            return "ID token iss is not Wristband's issuer";
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return "ID token has no aud";
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID)) {
            return "ID token aud does not contain the client id";
        }
        if (e.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)) {
            return "ID token has no exp";
        }
        if (e.hasErrorCode(ErrorCodes.EXPIRED)) {
            return "ID token is expired";
        }
        if (e.hasErrorCode(ErrorCodes.ISSUED_AT_MISSING)) {
            return "ID token has no iat";
        }
        if (e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
            return "ID token iat is in the future";
        }
        if (e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_PAST)) {
            return "ID token iat is too far in the past";
        }
        if (e.hasErrorCode(ErrorCodes.SUBJECT_MISSING)) {
            return "ID token has no sub";
        }
        for (var detail : e.getErrorDetails()) {
            if (detail.getErrorMessage().startsWith(AZP_SEVERAL_AUDIENCES)) {
                return "ID token has several audiences and azp is not the client id";
            }
            if (detail.getErrorMessage().startsWith(AZP_WRONG)) {
                return "ID token azp is not the client id";
            }
        }
        return "ID token is invalid (" + firstErrorCode(e) + ")";
    }

    private static final String AZP_SEVERAL_AUDIENCES = "several audiences and azp is not the client id";
    private static final String AZP_WRONG = "azp is not the client id";

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String firstErrorCode(InvalidJwtException e) {
        return e.getErrorDetails().isEmpty() ? "unknown" : e.getErrorDetails().get(0).getErrorMessage()
                .replaceAll("eyJ[A-Za-z0-9_.-]+", "<jwt>");
    }
}
