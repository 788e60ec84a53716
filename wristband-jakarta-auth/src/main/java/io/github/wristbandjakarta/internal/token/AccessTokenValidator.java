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

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates a Wristband access token presented as {@code Authorization: Bearer} (the JWT strategy,
 * docs/extension-points.md "Bearer tokens"). The official SDKs check the signature, {@code iss} and {@code exp}; this also checks that the token is an
 * access token issued to a client this application serves, for a kind of caller it serves:
 *
 * <ol>
 *   <li>{@code alg} is RS256, checked before any key lookup (RFC 8725 §3.1).</li>
 *   <li>{@code typ} is {@code at+jwt} (RFC 9068 §2.1, §4: a resource server refuses any other type; Wristband sends
 *       {@code at+JWT}, and the media type is compared without case, with or without {@code application/}).</li>
 *   <li>{@code kid} is present and names a key of Wristband's JWKS ({@link JwksKeyResolver}: an unknown kid refetches
 *       it within the cooldown rules); the signature verifies with it (RFC 7515 §5.2). A failed signature refetches
 *       once, for a key Wristband rotated under the same kid.</li>
 *   <li>{@code iss} is the application vanity origin (RFC 9068 §4; RFC 7519 §4.1.1).</li>
 *   <li>{@code exp} is present and in the future, {@code nbf} if present is not: no leeway (RFC 7519 §4.1.4, §4.1.5;
 *       the SDKs allow none either). A client renews its token before expiry (the Token Endpoint's
 *       {@code expiresAt} already takes the expiration buffer off).</li>
 *   <li>{@code sub} (the caller) and {@code tnt_id} (the tenant) are present strings.</li>
 *   <li>It is not an ID token: it has no {@code nonce} (OpenID Connect Core 3.1.2.1 puts one in the ID tokens of
 *       this application's logins) and it names its client in {@code client_id} (RFC 9068 §2.2), which ID tokens do
 *       not. An ID token says who signed in to a client; it grants nothing (RFC 9068 §1).</li>
 *   <li>{@code client_id} is on {@code wristband.jwt.allowed-client-ids}, by default this application's own client:
 *       another client of the same Wristband application (a partner's, a downstream service's) holds tokens that were
 *       issued for its own API, not this one (RFC 9700 §4.10.1, access token privilege restriction).</li>
 *   <li>{@code sub_kind} is on {@code wristband.jwt.allowed-subject-kinds}, by default {@code user}: a machine
 *       client's token is accepted only where the application says so.</li>
 *   <li>{@code scope} holds every scope of {@code wristband.jwt.required-scopes} (none by default; RFC 6749 §3.3).</li>
 * </ol>
 * {@code aud} is not checked: Wristband's access tokens carry none (docs/protocol.md §6.6); {@code client_id} is what
 * names their recipient.
 */
public final class AccessTokenValidator {

    /** Longer than any Wristband access token by far; a longer header value is refused unparsed. */
    static final int MAX_LENGTH = 8192;

    private final WristbandConfig config;
    private final JwksCache jwks;
    private final Clock clock;

    public AccessTokenValidator(WristbandConfig config, JwksCache jwks, Clock clock) {
        this.config = config;
        this.jwks = jwks;
        this.clock = clock;
    }

    /** @throws AccessTokenException naming the first check that failed */
    public AccessTokenClaims validate(String jwt) {
        if (jwt == null || jwt.isEmpty() || jwt.length() > MAX_LENGTH) {
            throw new AccessTokenException("access token is empty or too long");
        }
        JwtClaims claims = claims(jwt);
        try {
            String tenantId = claims.getStringClaimValue("tnt_id");
            if (tenantId == null || tenantId.isEmpty()) {
                throw new AccessTokenException("access token has no tnt_id");
            }
            if (claims.hasClaim("nonce")) {
                throw new AccessTokenException("token is an ID token, not an access token (nonce)");
            }
            String clientId = claims.getStringClaimValue("client_id");
            if (clientId == null || clientId.isEmpty()) {
                throw new AccessTokenException("token names no client_id: not an access token");
            }
            if (!config.jwtAllowedClientIds().contains(clientId)) {
                throw new AccessTokenException("access token was issued to a client not on wristband.jwt.allowed-client-ids");
            }
            String subjectKind = claims.getStringClaimValue("sub_kind");
            if (subjectKind == null || !config.jwtAllowedSubjectKinds().contains(subjectKind)) {
                throw new AccessTokenException("access token sub_kind is not on wristband.jwt.allowed-subject-kinds");
            }
            if (!config.jwtRequiredScopes().isEmpty()) {
                String scope = claims.getStringClaimValue("scope");
                List<String> granted = scope == null ? List.of() : List.of(scope.trim().split(" +"));
                if (!granted.containsAll(config.jwtRequiredScopes())) {
                    throw new AccessTokenException("access token lacks a scope of wristband.jwt.required-scopes");
                }
            }
            Map<String, Object> all = new HashMap<>(claims.getClaimsMap());
            all.values().removeIf(java.util.Objects::isNull);
            return new AccessTokenClaims(claims.getSubject(), tenantId, claims.getStringClaimValue("idp_name"),
                    Instant.ofEpochSecond(claims.getExpirationTime().getValue()), all);
        } catch (MalformedClaimException e) {
            throw new AccessTokenException("access token has a malformed claim", e);
        }
    }

    private JwtClaims claims(String jwt) {
        try {
            return JwksKeyResolver.process(this::consumer, jwks, jwt);
        } catch (InvalidJwtException e) {
            throw new AccessTokenException(reason(e), e);
        }
    }

    private JwtConsumer consumer() {
        return new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                .setVerificationKeyResolver(new JwksKeyResolver(jwks, true))
                .setExpectedType(true, "at+jwt")
                .setExpectedIssuer(true, config.applicationOrigin().toString())
                .setSkipDefaultAudienceValidation()
                .setRequireSubject()
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(0)
                .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
                .build();
    }

    /** Which check failed, never the token. */
    private static String reason(InvalidJwtException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JwksKeyResolver.DisallowedAlgorithmException) {
                return "access token algorithm is not RS256";
            }
            if (t instanceof JwksKeyResolver.MissingKeyIdException) {
                return "access token has no kid";
            }
            if (t instanceof org.jose4j.lang.InvalidAlgorithmException) {
                return "access token algorithm is not RS256";
            }
        }
        if (e.hasErrorCode(ErrorCodes.TYPE_MISSING) || e.hasErrorCode(ErrorCodes.TYPE_INVALID)) {
            return "token typ is not at+jwt: not an access token";
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
            return "access token signature is invalid";
        }
        if (e.hasErrorCode(ErrorCodes.ISSUER_MISSING) || e.hasErrorCode(ErrorCodes.ISSUER_INVALID)) {
            return "access token iss is not Wristband's issuer";
        }
        if (e.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)) {
            return "access token has no exp";
        }
        if (e.hasErrorCode(ErrorCodes.EXPIRED)) {
            return "access token is expired";
        }
        if (e.hasErrorCode(ErrorCodes.NOT_YET_VALID)) {
            return "access token is not valid yet (nbf)";
        }
        if (e.hasErrorCode(ErrorCodes.SUBJECT_MISSING)) {
            return "access token has no sub";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.jose4j.lang.UnresolvableKeyException) {
                return "access token is signed with a key Wristband does not publish";
            }
        }
        return "access token is not a valid JWT";
    }
}
