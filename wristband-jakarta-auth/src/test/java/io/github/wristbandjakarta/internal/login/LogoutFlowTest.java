package io.github.wristbandjakarta.internal.login;

import io.github.wristbandjakarta.emulator.Endpoint;
import io.github.wristbandjakarta.emulator.ScriptedAnswer;
import io.github.wristbandjakarta.emulator.RecordedRequest;
import io.github.wristbandjakarta.emulator.WristbandEmulator;
import io.github.wristbandjakarta.testing.Emulators;
import io.github.wristbandjakarta.testing.TestConfig;

import io.github.wristbandjakarta.internal.config.ConfigKey;
import io.github.wristbandjakarta.internal.config.WristbandConfig;
import io.github.wristbandjakarta.internal.wristband.ConfigurationResolver;
import io.github.wristbandjakarta.internal.wristband.TenantHosts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.github.wristbandjakarta.internal.login.LoginTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Logout Endpoint behaviour: docs/protocol.md §5 and the conformance list §8.4. */
class LogoutFlowTest {

    private static final String TENANT_LOGOUT = "https://devs4you-" + VANITY + "/api/v1/logout?client_id=clientId";
    private static final String APP_LOGIN = "https://" + VANITY + "/login?client_id=clientId";

    private WristbandEmulator wristband;
    private Map<String, String> values;

    @BeforeEach
    void start() throws IOException {
        wristband = Emulators.start();
        values = specConfig();
    }

    @AfterEach
    void stop() {
        wristband.close();
    }

    private LogoutFlow flow() {
        WristbandConfig config = config(values);
        return new LogoutFlow(config, new ConfigurationResolver(config, TestConfig.client(config), Clock.systemUTC()),
                new TenantHosts(config), TestConfig.client(config),
                new LoginStateCookies(config.dangerouslyDisableSecureCookies(), config.loginStateHostPrefix()));
    }

    private LoginRedirect logout(String query, LogoutOptions options) {
        return flow().logout(request(query), options);
    }

    private static LogoutOptions tenant(String tenantName) {
        return new LogoutOptions(null, tenantName, null, null, null);
    }

    private static LogoutOptions withState(String tenantName, String state) {
        return new LogoutOptions(null, tenantName, null, null, state);
    }

    /** Revocation goes to the emulator: its origin becomes the vanity domain. */
    private void useEmulatorVanity() {
        values.put(ConfigKey.APPLICATION_VANITY_DOMAIN.key(), wristband.applicationOrigin());
    }

    // ---- docs/protocol.md §8.4 item 1: priority

    @Test
    void sessionTenantCustomDomainWinsOverEverything() {
        LoginRedirect redirect = logout("tenant_custom_domain=query.com&tenant_name=query",
                new LogoutOptions(null, "sessiontenant", "priority1.custom.com", "https://example.com", null));
        assertEquals("https://priority1.custom.com/api/v1/logout?client_id=clientId&redirect_url="
                + "https%3A%2F%2Fexample.com", redirect.location());
    }

    @Test
    void aTenantCustomDomainParameterNotAllowedIsABadRequest() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> logout("tenant_custom_domain=evil.example", LogoutOptions.NONE));
        assertEquals(TenantCustomDomains.NOT_ALLOWED, e.getMessage());
    }

    @Test
    void aSessionsTenantCustomDomainNoLongerAllowedFallsBackToTheTenantsHost() {
        LoginRedirect redirect = logout("", new LogoutOptions(null, "sessiontenant", "removed.example", null, null));
        assertEquals("https://sessiontenant-" + LoginTestSupport.VANITY + "/api/v1/logout?client_id=clientId",
                redirect.location());
    }

    @Test
    void sessionTenantNameWinsOverQueryParameters() {
        assertEquals("https://sessiontenant-" + VANITY + "/api/v1/logout?client_id=clientId",
                logout("tenant_custom_domain=query.com&tenant_name=query", tenant("sessiontenant")).location());
    }

    @Test
    void queryTenantCustomDomainWinsOverQueryTenantName() {
        assertEquals("https://query.com/api/v1/logout?client_id=clientId",
                logout("tenant_custom_domain=query.com&tenant_name=query", LogoutOptions.NONE).location());
    }

    @Test
    void queryTenantNameIsUsed() {
        assertEquals(TENANT_LOGOUT, logout("tenant_name=devs4you", LogoutOptions.NONE).location());
    }

    @Test
    void subdomainTenantIsUsed() {
        useSubdomains(values, false);
        assertEquals(TENANT_LOGOUT, flow().logout(request("", "devs4you.business.invotastic.com", List.of()),
                LogoutOptions.NONE).location());
    }

    @Test
    void subdomainModeIgnoresTheTenantNameParameter() {
        useSubdomains(values, false);
        assertEquals(APP_LOGIN, flow().logout(request("tenant_name=devs4you", "business.invotastic.com",
                List.of()), LogoutOptions.NONE).location());
    }

    @Test
    void customDomainActiveUsesDotSeparator() {
        values.put(ConfigKey.APPLICATION_CUSTOM_DOMAIN_ACTIVE.key(), "true");
        assertEquals("https://devs4you." + VANITY + "/api/v1/logout?client_id=clientId",
                logout("", tenant("devs4you")).location());
    }

    @Test
    void customDomainActiveUsesDotSeparatorForSubdomainTenant() {
        useSubdomains(values, true);
        assertEquals("https://devs4you.auth.invotastic.com/api/v1/logout?client_id=clientId",
                flow().logout(request("", "devs4you.business.invotastic.com", List.of()), LogoutOptions.NONE)
                        .location());
    }

    @Test
    void blankSessionValuesCountAsAbsent() {
        assertEquals(TENANT_LOGOUT, logout("tenant_name=devs4you",
                new LogoutOptions(null, "  ", " ", null, null)).location());
    }

    // ---- docs/protocol.md §8.4 item 3: fallbacks

    @Test
    void noTenantFallsBackToApplicationLogin() {
        assertEquals(APP_LOGIN, logout("", LogoutOptions.NONE).location());
    }

    @Test
    void noTenantFallsBackToCustomApplicationLoginPage() {
        values.put(ConfigKey.CUSTOM_APPLICATION_LOGIN_PAGE_URL.key(), "https://google.com");
        assertEquals("https://google.com?client_id=clientId", logout(null, LogoutOptions.NONE).location());
    }

    @Test
    void noTenantWithRedirectUrlGoesExactlyThere() {
        assertEquals("https://example.com/bye", logout("",
                new LogoutOptions(null, null, null, "https://example.com/bye", null)).location());
    }

    // ---- docs/protocol.md §8.4 item 4: state

    @Test
    void stateIsAppendedEncoded() {
        assertEquals(TENANT_LOGOUT + "&state=user+initiated%2Flogout%26x",
                logout("", withState("devs4you", "user initiated/logout&x")).location());
    }

    @Test
    void redirectUrlAndStateTogether() {
        assertEquals(TENANT_LOGOUT + "&redirect_url=https%3A%2F%2Fexample.com%2Fa%3Fb%3D1&state=s1",
                logout("", new LogoutOptions(null, "devs4you", null, "https://example.com/a?b=1", "s1")).location());
    }

    @Test
    void emptyStateIsOmitted() {
        assertEquals(TENANT_LOGOUT, logout("", withState("devs4you", "")).location());
    }

    @Test
    void stateOf512CharactersIsAccepted() {
        String state = "s".repeat(512);
        assertEquals(TENANT_LOGOUT + "&state=" + state, logout("", withState("devs4you", state)).location());
    }

    @Test
    void stateOf513CharactersIsRejected() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> logout("", withState("devs4you", "s".repeat(513))));
        assertEquals("The [state] logout config cannot exceed 512 characters.", e.getMessage());
    }

    @Test
    void stateOf513CharactersIsRejectedInTheFallbackToo() {
        assertThrows(InvalidRequestException.class, () -> logout("", withState(null, "s".repeat(513))));
    }

    @Test
    void fallbackNeverCarriesState() {
        assertEquals(APP_LOGIN, logout("", withState(null, "s1")).location());
    }

    // ---- docs/protocol.md §8.4 item 2: revocation

    @Test
    void refreshTokenIsRevokedWithBasicAuth() {
        useEmulatorVanity();
        logout("tenant_name=devs4you", new LogoutOptions("refresh token/1", null, null, null, null));
        RecordedRequest revoke = wristband.requests(Endpoint.REVOKE).get(0);
        assertEquals(1, wristband.requests().size());
        assertEquals("POST", revoke.method());
        assertEquals("token=refresh+token%2F1", revoke.body());
        assertEquals("Basic " + Base64.getEncoder().encodeToString(
                "clientId:clientSecret".getBytes(StandardCharsets.UTF_8)), revoke.header("Authorization"));
    }

    @Test
    void noRefreshTokenMeansNoRevokeCall() {
        useEmulatorVanity();
        logout("tenant_name=devs4you", new LogoutOptions("", null, null, null, null));
        logout("tenant_name=devs4you", LogoutOptions.NONE);
        assertEquals(0, wristband.requests().size());
    }

    @Test
    void revokeRejectedWith401StillRedirects() {
        useEmulatorVanity();
        wristband.script(Endpoint.REVOKE, ScriptedAnswer.json(401, "{\"error\":\"invalid_client\"}"));
        LoginRedirect redirect = logout("", new LogoutOptions("rt", "devs4you", null, null, null));
        assertEquals(1, wristband.calls(Endpoint.REVOKE));
        assertTrue(redirect.location().endsWith("/api/v1/logout?client_id=clientId"), redirect.location());
        assertTrue(redirect.location().startsWith("http://devs4you-localhost:"), redirect.location());
    }

    @Test
    void revokeServerErrorStillRedirects() {
        useEmulatorVanity();
        wristband.script(Endpoint.REVOKE, ScriptedAnswer.json(500, "{}"));
        LoginRedirect redirect = logout("", new LogoutOptions("rt", null, null, null, null));
        assertEquals(1, wristband.calls(Endpoint.REVOKE));
        assertEquals(wristband.applicationOrigin() + "/login?client_id=clientId", redirect.location());
    }

    @Test
    void overlongStateIsRejectedBeforeRevoking() {
        useEmulatorVanity();
        assertThrows(InvalidRequestException.class,
                () -> logout("", new LogoutOptions("rt", "devs4you", null, null, "s".repeat(513))));
        assertEquals(0, wristband.requests().size());
    }

    // ---- docs/protocol.md §8.4 item 5: duplicates; cookies

    @ParameterizedTest
    @ValueSource(strings = {"tenant_name", "tenant_custom_domain"})
    void duplicateParameterIsRejected(String name) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> logout(name + "=a&" + name + "=b", LogoutOptions.NONE));
        assertEquals("More than one [" + name + "] query parameter was encountered", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tenant_name=evil.com%2F", "tenant_custom_domain=evil.com%2F", "tenant_name=a%20b",
            "tenant_custom_domain=x%23y"})
    void hostileTenantParameterIsRejected(String query) {
        assertThrows(InvalidRequestException.class, () -> logout(query, LogoutOptions.NONE));
    }

    @Test
    void everyLoginCookieIsDeleted() {
        LoginRedirect redirect = flow().logout(request("tenant_name=devs4you", "localhost:6001",
                List.of("login#aaa#1000=x; session=1", "login#bbb#2000=y; login#ccc#3000=z")), LogoutOptions.NONE);
        assertEquals(List.of(
                "login#aaa#1000=; HttpOnly; Path=/; Max-Age=0; SameSite=Lax; Secure",
                "login#bbb#2000=; HttpOnly; Path=/; Max-Age=0; SameSite=Lax; Secure",
                "login#ccc#3000=; HttpOnly; Path=/; Max-Age=0; SameSite=Lax; Secure"), redirect.setCookies());
    }

    @Test
    void noLoginCookiesMeansNoSetCookie() {
        assertEquals(List.of(), logout("tenant_name=devs4you", LogoutOptions.NONE).setCookies());
    }
}
