package io.github.wristbandjakarta.internal.token;

import io.github.wristbandjakarta.emulator.Tampering;
import io.github.wristbandjakarta.emulator.Endpoint;
import io.github.wristbandjakarta.emulator.WristbandEmulator;
import io.github.wristbandjakarta.testing.Emulators;
import io.github.wristbandjakarta.testing.TestConfig;

import io.github.wristbandjakarta.internal.config.ConfigKey;
import io.github.wristbandjakarta.internal.config.WristbandConfig;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The JWT strategy's checks of a bearer access token (docs/protocol.md §6.6), one per test. */
class AccessTokenValidatorTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private WristbandEmulator wristband;
    private AccessTokenValidator validator;

    @BeforeEach
    void start() throws Exception {
        wristband = Emulators.start();
        validator = validator(Map.of());
    }

    /** A validator of the base configuration with {@code extra} keys. */
    private AccessTokenValidator validator(Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(TestConfig.baseConfig(wristband));
        values.putAll(extra);
        WristbandConfig config = TestConfig.config(values);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        JwksCache jwks = new JwksCache(TestConfig.client(config), config.jwksRefreshCooldown(),
                config.requestTimeout(), clock);
        return new AccessTokenValidator(config, jwks, clock);
    }

    @AfterEach
    void stop() {
        wristband.close();
    }

    /** An access token as Wristband issues it (docs/protocol.md §6.6), after {@code change}. */
    private JwtClaims claims(Consumer<JwtClaims> change) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(wristband.applicationOrigin());
        claims.setSubject(Emulators.USER_ID);
        claims.setClaim("tnt_id", Emulators.TENANT_ID);
        claims.setClaim("client_id", Emulators.CLIENT_ID);
        claims.setClaim("scope", "openid offline_access email");
        claims.setClaim("sub_kind", "user");
        claims.setIssuedAt(NumericDate.fromSeconds(NOW.getEpochSecond() - 60));
        claims.setExpirationTime(NumericDate.fromSeconds(NOW.getEpochSecond() + 1740));
        change.accept(claims);
        return claims;
    }

    private String token(Consumer<JwtClaims> change) {
        return wristband.minter().accessToken(claims(change));
    }

    private void assertRefused(String reason, String token) {
        assertRefused(validator, reason, token);
    }

    private static void assertRefused(AccessTokenValidator validator, String reason, String token) {
        assertEquals(reason, assertThrows(AccessTokenException.class, () -> validator.validate(token)).getMessage());
    }

    @Test
    void anAccessTokenOfThisApplicationsClientGivesItsUserTenantAndClaims() {
        AccessTokenClaims claims = validator.validate(token(c -> { }));
        assertEquals(Emulators.USER_ID, claims.userId());
        assertEquals(Emulators.TENANT_ID, claims.tenantId());
        assertEquals(Emulators.CLIENT_ID, claims.claims().get("client_id"));
        assertEquals(NOW.plusSeconds(1740), claims.expiresAt());
    }

    @Test
    void theMediaTypeFormOfTheAccessTokenTypeIsAccepted() {
        String token = wristband.minter().accessToken(claims(c -> { }), Tampering.type("application/AT+JWT"));
        assertEquals(Emulators.USER_ID, validator.validate(token).userId());
    }

    @Test
    void anIdTokenOfThisApplicationsLoginIsRefused() {
        String idToken = Emulators.idToken(wristband, Emulators.USER_ID, "a-nonce", NOW);
        assertThrows(AccessTokenException.class, () -> validator.validate(idToken));
    }

    @Test
    void aTokenTypedAsAPlainJwtIsRefused() {
        assertRefused("token typ is not at+jwt: not an access token",
                wristband.minter().accessToken(claims(c -> { }), Tampering.type("JWT")));
    }

    @Test
    void aTokenWithoutTypIsRefused() {
        assertRefused("token typ is not at+jwt: not an access token",
                wristband.minter().accessToken(claims(c -> { }), Tampering.type(null)));
    }

    @Test
    void aTokenWithANonceIsRefusedAsAnIdTokenWhateverItsTyp() {
        assertRefused("token is an ID token, not an access token (nonce)", token(c -> c.setClaim("nonce", "n")));
    }

    @Test
    void aTokenWithoutClientIdIsRefusedAsNotAnAccessToken() {
        assertRefused("token names no client_id: not an access token", token(c -> c.unsetClaim("client_id")));
    }

    @Test
    void anAccessTokenOfAnotherClientOfTheApplicationIsRefusedByDefault() {
        assertRefused("access token was issued to a client not on wristband.jwt.allowed-client-ids",
                token(c -> c.setClaim("client_id", "a-partner-client")));
    }

    @Test
    void anAccessTokenOfAListedClientIsAccepted() {
        AccessTokenValidator listing = validator(Map.of(ConfigKey.JWT_ALLOWED_CLIENT_IDS.key(),
                "a-mobile-client, " + Emulators.CLIENT_ID));
        assertEquals(Emulators.USER_ID,
                listing.validate(token(c -> c.setClaim("client_id", "a-mobile-client"))).userId());
    }

    @Test
    void listingOtherClientsNoLongerAcceptsThisApplicationsOwnUnlessListed() {
        AccessTokenValidator listing = validator(Map.of(ConfigKey.JWT_ALLOWED_CLIENT_IDS.key(), "a-mobile-client"));
        assertRefused(listing, "access token was issued to a client not on wristband.jwt.allowed-client-ids",
                token(c -> { }));
    }

    @Test
    void aMachineClientsTokenIsRefusedByDefault() {
        assertRefused("access token sub_kind is not on wristband.jwt.allowed-subject-kinds",
                token(c -> c.setClaim("sub_kind", "client")));
    }

    @Test
    void aTokenWithoutSubjectKindIsRefused() {
        assertRefused("access token sub_kind is not on wristband.jwt.allowed-subject-kinds",
                token(c -> c.unsetClaim("sub_kind")));
    }

    @Test
    void aMachineClientsTokenIsAcceptedWhereItsKindIsListed() {
        AccessTokenValidator machines = validator(Map.of(ConfigKey.JWT_ALLOWED_SUBJECT_KINDS.key(), "user,client"));
        assertEquals(Emulators.USER_ID, machines.validate(token(c -> c.setClaim("sub_kind", "client"))).userId());
    }

    @Test
    void aTokenLackingARequiredScopeIsRefused() {
        AccessTokenValidator scoped = validator(Map.of(ConfigKey.JWT_REQUIRED_SCOPES.key(), "email invoices:read"));
        assertRefused(scoped, "access token lacks a scope of wristband.jwt.required-scopes", token(c -> { }));
    }

    @Test
    void aTokenCarryingEveryRequiredScopeIsAccepted() {
        AccessTokenValidator scoped = validator(Map.of(ConfigKey.JWT_REQUIRED_SCOPES.key(), "email, invoices:read"));
        assertEquals(Emulators.USER_ID,
                scoped.validate(token(c -> c.setClaim("scope", "openid invoices:read email"))).userId());
    }

    @Test
    void aTokenWithoutKidIsRefusedEvenWhenTheJwksHoldsOneKey() {
        assertRefused("access token has no kid",
                wristband.minter().accessToken(claims(c -> { }), Tampering.noKid()));
    }

    @Test
    void aTokenOfAKeyWristbandDoesNotPublishIsRefused() {
        assertRefused("access token is signed with a key Wristband does not publish",
                wristband.minter().accessToken(claims(c -> { }), Tampering.unknownKey()));
    }

    @Test
    void aTokenWhoseSignatureDoesNotVerifyIsRefused() {
        String token = token(c -> { });
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "A".repeat(342);
        assertRefused("access token signature is invalid", forged);
    }

    @Test
    void anHs256TokenIsRefusedBeforeAnyKeyLookup() {
        assertRefused("access token algorithm is not RS256",
                wristband.minter().accessToken(claims(c -> { }), Tampering.hs256WithClientSecret()));
        assertEquals(0, wristband.calls(Endpoint.JWKS));
    }

    @Test
    void anUnsignedTokenIsRefused() {
        assertRefused("access token algorithm is not RS256",
                wristband.minter().accessToken(claims(c -> { }), Tampering.algNone()));
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() {
        assertRefused("access token iss is not Wristband's issuer",
                token(c -> c.setIssuer("https://other-app.us.wristband.dev")));
    }

    @Test
    void aTokenExpiredASecondAgoIsRefused() {
        assertRefused("access token is expired",
                token(c -> c.setExpirationTime(NumericDate.fromSeconds(NOW.getEpochSecond() - 1))));
    }

    @Test
    void aTokenWithoutExpIsRefused() {
        assertRefused("access token has no exp", wristband.minter().accessToken(claims(c -> { }), Tampering.missingExp()));
    }

    @Test
    void aTokenNotValidBeforeASecondFromNowIsRefused() {
        assertRefused("access token is not valid yet (nbf)",
                token(c -> c.setNotBefore(NumericDate.fromSeconds(NOW.getEpochSecond() + 1))));
    }

    @Test
    void aTokenWithoutSubIsRefused() {
        assertRefused("access token has no sub", wristband.minter().accessToken(claims(c -> { }), Tampering.missingSubject()));
    }

    @Test
    void aTokenWithoutTenantIsRefused() {
        assertRefused("access token has no tnt_id", token(c -> c.unsetClaim("tnt_id")));
    }

    @Test
    void aTokenLongerThan8KiBIsRefusedUnparsed() {
        assertRefused("access token is empty or too long", "e".repeat(AccessTokenValidator.MAX_LENGTH + 1));
        assertEquals(0, wristband.calls(Endpoint.JWKS));
    }
}
