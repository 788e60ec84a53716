package io.github.wristbandjakarta.internal.login;

import io.github.wristbandjakarta.emulator.Tampering;
import io.github.wristbandjakarta.emulator.Endpoint;
import io.github.wristbandjakarta.emulator.ScriptedAnswer;
import io.github.wristbandjakarta.emulator.RecordedRequest;
import io.github.wristbandjakarta.emulator.TokenMinter;
import io.github.wristbandjakarta.emulator.WristbandEmulator;
import io.github.wristbandjakarta.testing.Emulators;
import io.github.wristbandjakarta.testing.TestClock;
import io.github.wristbandjakarta.testing.TestConfig;

import io.github.wristbandjakarta.api.LoginOptions;

import io.github.wristbandjakarta.api.WristbandEvent.CallbackFailed.Reason;
import io.github.wristbandjakarta.internal.config.ConfigKey;
import io.github.wristbandjakarta.internal.config.WristbandConfig;
import io.github.wristbandjakarta.internal.token.IdTokenException;
import io.github.wristbandjakarta.internal.token.IdTokenValidator;
import io.github.wristbandjakarta.internal.token.JwksCache;
import io.github.wristbandjakarta.internal.wristband.ConfigurationResolver;
import io.github.wristbandjakarta.internal.wristband.TenantHosts;
import io.github.wristbandjakarta.internal.wristband.WristbandClient;
import io.github.wristbandjakarta.internal.wristband.WristbandException;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.github.wristbandjakarta.internal.login.LoginTestSupport.*;
import static io.github.wristbandjakarta.testing.Emulators.USER_ID;
import static io.github.wristbandjakarta.testing.Emulators.tokenJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Callback Endpoint behaviour: docs/protocol.md §4 and the conformance list §8.3, plus ID-token validation (§4.3). */
class CallbackFlowTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String TENANT_LOGIN_URL = "https://localhost:6001/api/auth/login?tenant_name=devs4you";
    private static final String SUBDOMAIN_HOST = "devs4you.business.invotastic.com";

    private WristbandEmulator wristband;
    private Map<String, String> values;
    private final TestClock clock = new TestClock(NOW);
    private JwksCache jwks;

    @BeforeEach
    void start() throws IOException {
        wristband = Emulators.start();
        values = TestConfig.baseConfig(wristband);
        values.put(ConfigKey.TENANT_CUSTOM_DOMAINS.key(), LoginTestSupport.CUSTOM_DOMAINS);
    }

    @AfterEach
    void stop() {
        wristband.close();
    }

    /** A login begun through the real LoginFlow: the browser's cookie and what the login sealed into it. */
    private record Started(String state, String nonce, String codeVerifier, String cookieName, String cookie) {
    }

    private Started login(String query, String host) {
        WristbandConfig config = config(values);
        LoginFlow flow = new LoginFlow(config, resolver(config), new TenantHosts(config),
                new LoginStateCodec(config.loginStateSecret()), loginStateCookies(config),
                new ReturnUrlPolicy(List.of()), clock, new SecureRandom());
        LoginRedirect redirect = flow.start(new AuthRequest(query, host, List.of(), APP_ORIGIN),
                new LoginOptions("{\"k\":\"v\"}", null, null, null));
        String setCookie = redirect.setCookies().get(redirect.setCookies().size() - 1);
        LoginState sealed = new LoginStateCodec(config.loginStateSecret()).open(cookieValue(setCookie)).orElseThrow();
        return new Started(sealed.state(), sealed.nonce(), sealed.codeVerifier(), cookieName(setCookie),
                cookieName(setCookie) + "=" + cookieValue(setCookie));
    }

    private Started login() {
        return login("tenant_name=devs4you&return_url=%2Fhome", "localhost:6001");
    }

    /** The login-state cookies as the application's configuration makes them (LoginBeans). */
    private static LoginStateCookies loginStateCookies(WristbandConfig config) {
        return new LoginStateCookies(config.dangerouslyDisableSecureCookies(), config.loginStateHostPrefix());
    }

    private ConfigurationResolver resolver(WristbandConfig config) {
        return new ConfigurationResolver(config, TestConfig.client(config), clock);
    }

    private CallbackFlow flow() {
        WristbandConfig config = config(values);
        WristbandClient client = TestConfig.client(config);
        if (jwks == null) {
            jwks = new JwksCache(client, config.jwksRefreshCooldown(), config.requestTimeout(), clock);
        }
        return new CallbackFlow(config, resolver(config), client, new IdTokenValidator(config, jwks, clock),
                new LoginStateCodec(config.loginStateSecret()), loginStateCookies(config), clock);
    }

    private CallbackResult callback(String query, String host, String... cookieHeaders) {
        return flow().complete(new AuthRequest(query, host, List.of(cookieHeaders), APP_ORIGIN));
    }

    private CallbackResult callback(Started login) {
        return callback("state=" + login.state() + "&code=code123&tenant_name=devs4you", "localhost:6001",
                login.cookie());
    }

    private void tokensWithIdToken(String idToken) {
        wristband.script(Endpoint.TOKEN_CODE, ScriptedAnswer.json(200, tokenJson("access-token", idToken, "refresh-token", 1800)));
    }

    private void tokensFor(Started login) {
        tokensWithIdToken(Emulators.idToken(wristband, USER_ID, login.nonce(), clock.instant()));
    }

    private CallbackResult.RedirectRequired redirect(CallbackResult result) {
        return assertInstanceOf(CallbackResult.RedirectRequired.class, result);
    }

    private static String invalid(String name) {
        return "Invalid query parameter [" + name + "] passed from Wristband during callback";
    }

    // ---- docs/protocol.md §8.3 item 1: happy path

    @Test
    void tokenRequestCarriesCodeRedirectUriVerifierAndBasicAuth() {
        Started login = login();
        tokensFor(login);
        callback(login);
        RecordedRequest token = wristband.requests(Endpoint.TOKEN_CODE).get(0);
        assertEquals("POST", token.method());
        assertEquals("grant_type=authorization_code&code=code123&redirect_uri="
                + "https%3A%2F%2Flocalhost%3A6001%2Fapi%2Fauth%2Fcallback&code_verifier=" + login.codeVerifier(),
                token.body());
        assertEquals("Basic " + Base64.getEncoder().encodeToString(
                "clientId:clientSecret".getBytes(StandardCharsets.UTF_8)), token.header("Authorization"));
    }

    @Test
    void userinfoIsCalledWithTheAccessToken() {
        Started login = login();
        tokensFor(login);
        callback(login);
        assertEquals("Bearer access-token", wristband.requests(Endpoint.USERINFO).get(0).header("Authorization"));
    }

    @Test
    void happyPathCompletesWithTokensTenantReturnUrlAndCustomState() {
        Started login = login();
        tokensFor(login);
        CallbackResult.Completed done = assertInstanceOf(CallbackResult.Completed.class, callback(login));
        assertEquals("access-token", done.tokens().accessToken());
        assertEquals("refresh-token", done.tokens().refreshToken());
        assertEquals(NOW.plusSeconds(1740), done.tokens().expiresAt());
        assertEquals("devs4you", done.tenantName());
        assertNull(done.tenantCustomDomain());
        assertEquals("https://localhost:6001/home", done.returnUrl());
        assertEquals("{\"k\":\"v\"}", done.customState());
        assertEquals(USER_ID, done.userInfo().userId());
        assertEquals(Emulators.TENANT_ID, done.userInfo().tenantId());
        assertEquals("user@example.com", done.userInfo().email());
    }

    @Test
    void happyPathDeletesTheLoginCookie() {
        Started login = login();
        tokensFor(login);
        CallbackResult result = callback(login);
        assertEquals(List.of(login.cookieName() + "=; HttpOnly; Path=/; Max-Age=0; SameSite=Lax; Secure"),
                result.setCookies());
    }

    @Test
    void happyPathKeepsOtherLoginCookies() {
        Started login = login();
        tokensFor(login);
        CallbackResult result = callback("state=" + login.state() + "&code=c&tenant_name=devs4you",
                "localhost:6001", "login#other#1=x; " + login.cookie());
        assertEquals(1, result.setCookies().size());
        assertTrue(result.setCookies().get(0).startsWith(login.cookieName() + "="));
    }

    @Test
    void customBufferIsApplied() {
        values.put(ConfigKey.TOKEN_EXPIRATION_BUFFER.key(), "0");
        Started login = login();
        tokensFor(login);
        CallbackResult.Completed done = assertInstanceOf(CallbackResult.Completed.class, callback(login));
        assertEquals(NOW.plusSeconds(1800), done.tokens().expiresAt());
    }

    // ---- docs/protocol.md §8.3 item 2: subdomains

    @Test
    void subdomainModeTakesTheTenantFromTheHost() {
        useSubdomains(values, false);
        Started login = login("", SUBDOMAIN_HOST);
        tokensFor(login);
        CallbackResult.Completed done = assertInstanceOf(CallbackResult.Completed.class,
                callback("state=" + login.state() + "&code=c", SUBDOMAIN_HOST, login.cookie()));
        assertEquals("devs4you", done.tenantName());
        assertTrue(wristband.requests(Endpoint.TOKEN_CODE).get(0).body().contains(
                "redirect_uri=https%3A%2F%2F%7Btenant_name%7D.business.invotastic.com%2Fapi%2Fauth%2Fcallback"));
    }

    // ---- docs/protocol.md §8.3 items 3-6: redirect_required

    @Test
    void missingCookieRedirectsToTenantLoginUrl() {
        CallbackResult.RedirectRequired r = redirect(callback("state=abc&code=c&tenant_name=devs4you",
                "localhost:6001"));
        assertEquals(Reason.MISSING_LOGIN_STATE, r.reason());
        assertEquals(TENANT_LOGIN_URL, r.redirectUrl());
        assertEquals(0, wristband.requests().size());
    }

    @Test
    void missingCookieInSubdomainModeRedirectsToSubstitutedLoginUrl() {
        useSubdomains(values, false);
        CallbackResult.RedirectRequired r = redirect(callback("state=abc&code=c", SUBDOMAIN_HOST));
        assertEquals(Reason.MISSING_LOGIN_STATE, r.reason());
        assertEquals("https://devs4you.business.invotastic.com/api/auth/login", r.redirectUrl());
    }

    @Test
    void legacyTenantDomainPlaceholderIsSubstituted() {
        useSubdomains(values, false);
        values.put(ConfigKey.LOGIN_URL.key(), "https://{tenant_domain}.business.invotastic.com/login");
        CallbackResult.RedirectRequired r = redirect(callback("state=abc&code=c", SUBDOMAIN_HOST));
        assertEquals("https://devs4you.business.invotastic.com/login", r.redirectUrl());
    }

    @Test
    void cookieForAnotherStateCountsAsMissing() {
        Started login = login();
        CallbackResult.RedirectRequired r = redirect(callback("state=other&code=c&tenant_name=devs4you",
                "localhost:6001", login.cookie()));
        assertEquals(Reason.MISSING_LOGIN_STATE, r.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"login_required", "LOGIN_REQUIRED", "Login_Required"})
    void loginRequiredErrorRedirectsToTenantLoginUrl(String error) {
        Started login = login();
        CallbackResult.RedirectRequired r = redirect(callback("state=" + login.state() + "&error=" + error
                + "&error_description=x&tenant_name=devs4you", "localhost:6001", login.cookie()));
        assertEquals(Reason.LOGIN_REQUIRED, r.reason());
        assertEquals(TENANT_LOGIN_URL, r.redirectUrl());
        assertEquals(List.of(login.cookieName() + "=; HttpOnly; Path=/; Max-Age=0; SameSite=Lax; Secure"),
                r.setCookies());
    }

    @Test
    void sealedStateDifferentFromTheQueryStateIsInvalid() {
        Started first = login();
        Started second = login();
        // second's cookie name with first's sealed value
        String swapped = second.cookieName() + "=" + first.cookie().substring(first.cookie().indexOf('=') + 1);
        CallbackResult.RedirectRequired r = redirect(callback("state=" + second.state()
                + "&code=c&tenant_name=devs4you", "localhost:6001", swapped));
        assertEquals(Reason.INVALID_LOGIN_STATE, r.reason());
        assertEquals(TENANT_LOGIN_URL, r.redirectUrl());
        assertEquals(0, wristband.calls(Endpoint.TOKEN_CODE));
    }

    @Test
    void tamperedCookieIsInvalidLoginState() {
        Started login = login();
        String cookie = login.cookie();
        int i = cookie.length() - 20;
        String tampered = cookie.substring(0, i) + (cookie.charAt(i) == 'A' ? 'B' : 'A') + cookie.substring(i + 1);
        CallbackResult.RedirectRequired r = redirect(callback("state=" + login.state()
                + "&code=c&tenant_name=devs4you", "localhost:6001", tampered));
        assertEquals(Reason.INVALID_LOGIN_STATE, r.reason());
        assertEquals(0, wristband.calls(Endpoint.TOKEN_CODE));
    }

    @Test
    void loginStateOlderThanOneHourIsInvalid() {
        Started login = login();
        clock.advance(Duration.ofSeconds(3601));
        CallbackResult.RedirectRequired r = redirect(callback(login));
        assertEquals(Reason.INVALID_LOGIN_STATE, r.reason());
        assertEquals(0, wristband.calls(Endpoint.TOKEN_CODE));
    }

    @Test
    void loginStateYoungerThanOneHourIsHonoured() {
        Started login = login();
        clock.advance(Duration.ofSeconds(3599));
        tokensFor(login);
        assertInstanceOf(CallbackResult.Completed.class, callback(login));
    }

    @Test
    void invalidGrantFromTokenEndpointRedirects() {
        Started login = login();
        wristband.script(Endpoint.TOKEN_CODE, ScriptedAnswer.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"code used\"}"));
        CallbackResult.RedirectRequired r = redirect(callback(login));
        assertEquals(Reason.INVALID_GRANT, r.reason());
        assertEquals(TENANT_LOGIN_URL, r.redirectUrl());
        assertEquals(1, r.setCookies().size());
    }

    @Test
    void invalidGrantInSubdomainModeRedirectsToSubstitutedLoginUrl() {
        useSubdomains(values, false);
        Started login = login("", SUBDOMAIN_HOST);
        wristband.script(Endpoint.TOKEN_CODE, ScriptedAnswer.json(400, "{\"error\":\"invalid_grant\"}"));
        CallbackResult.RedirectRequired r = redirect(callback("state=" + login.state() + "&code=c",
                SUBDOMAIN_HOST, login.cookie()));
        assertEquals(Reason.INVALID_GRANT, r.reason());
        assertEquals("https://devs4you.business.invotastic.com/api/auth/login", r.redirectUrl());
    }

    @Test
    void otherTokenEndpointErrorIsUnexpectedError() {
        Started login = login();
        wristband.script(Endpoint.TOKEN_CODE, ScriptedAnswer.json(401, "{\"error\":\"invalid_client\"}"));
        WristbandException e = assertThrows(WristbandException.class, () -> callback(login));
        assertEquals("unexpected_error", e.code());
    }

    @Test
    void otherErrorParameterIsThrownWithItsCode() {
        Started login = login();
        WristbandException e = assertThrows(WristbandException.class, () -> callback("state=" + login.state()
                + "&error=access_denied&error_description=nope&tenant_name=devs4you", "localhost:6001",
                login.cookie()));
        assertEquals("access_denied", e.code());
        assertEquals("nope", e.description());
    }

    @ParameterizedTest
    @ValueSource(strings = {"access_denied%0D%0A2026-11-29%20INFO%20forged", "access%20denied", "x%0Ay", "denied!",
            "a234567890123456789012345678901234567890123456789012345678901234z"})
    void anErrorThatIsNoErrorCodeIsABadRequestBeforeItReachesALogLine(String error) {
        Started login = login();
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> callback("state="
                + login.state() + "&error=" + error + "&tenant_name=devs4you", "localhost:6001", login.cookie()));
        assertEquals("Invalid query parameter [error] passed from Wristband during callback", e.getMessage());
    }

    // ---- docs/protocol.md §8.3 items 8-10: bad requests

    @ParameterizedTest
    @ValueSource(strings = {"state", "code", "error", "error_description", "tenant_name", "tenant_custom_domain"})
    void duplicateParameterIsRejected(String name) {
        String query = "state=s1&code=c&tenant_name=devs4you&" + name + "=x&" + name + "=y";
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> callback(query, "localhost:6001"));
        assertEquals(invalid(name), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"code=c&tenant_name=devs4you", "state=&code=c&tenant_name=devs4you",
            "state&code=c&tenant_name=devs4you"})
    void missingOrEmptyStateIsRejected(String query) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> callback(query, "localhost:6001"));
        assertEquals(invalid("state"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.com%2F", "a%20b", "x%23y", "evil.com"})
    void hostileTenantNameIsRejected(String value) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> callback("state=s&code=c&tenant_name=" + value, "localhost:6001"));
        assertEquals(invalid("tenant_name"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.com%2F", "a%20b", "x%23y", "a%40evil.com"})
    void hostileTenantCustomDomainIsRejected(String value) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> callback("state=s&code=c&tenant_name=devs4you&tenant_custom_domain=" + value,
                        "localhost:6001"));
        assertEquals(invalid("tenant_custom_domain"), e.getMessage());
    }

    @Test
    void missingCodeIsRejected() {
        Started login = login();
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> callback("state=" + login.state() + "&tenant_name=devs4you", "localhost:6001", login.cookie()));
        assertEquals(invalid("code"), e.getMessage());
    }

    @Test
    void missingTenantNameIsWristbandError() {
        WristbandException e = assertThrows(WristbandException.class,
                () -> callback("state=s&code=c", "localhost:6001"));
        assertEquals("missing_tenant_name", e.code());
    }

    @Test
    void missingTenantSubdomainIsWristbandError() {
        useSubdomains(values, false);
        WristbandException e = assertThrows(WristbandException.class,
                () -> callback("state=s&code=c&tenant_name=devs4you", "business.invotastic.com"));
        assertEquals("missing_tenant_subdomain", e.code());
    }

    @Test
    void emptyQueryIsRejected() {
        assertThrows(InvalidRequestException.class, () -> callback("", "localhost:6001"));
        assertThrows(InvalidRequestException.class, () -> callback(null, "localhost:6001"));
    }

    @Test
    void malformedEncodingIsRejected() {
        assertThrows(InvalidRequestException.class, () -> callback("state=%E0%A4&code=c&tenant_name=devs4you",
                "localhost:6001"));
    }

    // ---- tenant_custom_domain in the redirect URL (docs/protocol.md §4.1 step 5: ? or & by presence of ?)

    @Test
    void tenantCustomDomainIsAppendedWithAmpersand() {
        CallbackResult.RedirectRequired r = redirect(callback(
                "state=s&code=c&tenant_name=devs4you&tenant_custom_domain=auth.acme.com", "localhost:6001"));
        assertEquals(TENANT_LOGIN_URL + "&tenant_custom_domain=auth.acme.com", r.redirectUrl());
    }

    @Test
    void tenantCustomDomainIsAppendedWithQuestionMarkInSubdomainMode() {
        useSubdomains(values, false);
        CallbackResult.RedirectRequired r = redirect(callback("state=s&code=c&tenant_custom_domain=auth.acme.com",
                SUBDOMAIN_HOST));
        assertEquals("https://devs4you.business.invotastic.com/api/auth/login?tenant_custom_domain=auth.acme.com",
                r.redirectUrl());
    }

    @Test
    void loginUrlWithQueryGetsAmpersand() {
        values.put(ConfigKey.LOGIN_URL.key(), "https://localhost:6001/login?app=1");
        CallbackResult.RedirectRequired r = redirect(callback("state=s&code=c&tenant_name=devs4you",
                "localhost:6001"));
        assertEquals("https://localhost:6001/login?app=1&tenant_name=devs4you", r.redirectUrl());
    }

    @Test
    void tenantCustomDomainIsInTheCompletedResult() {
        Started login = login("tenant_name=devs4you&tenant_custom_domain=auth.acme.com", "localhost:6001");
        tokensFor(login);
        CallbackResult.Completed done = assertInstanceOf(CallbackResult.Completed.class, callback("state="
                + login.state() + "&code=c&tenant_name=devs4you&tenant_custom_domain=auth.acme.com",
                "localhost:6001", login.cookie()));
        assertEquals("auth.acme.com", done.tenantCustomDomain());
    }

    // ---- the login's tenant and the login state's single use

    @Test
    void aTenantNameEditedIntoTheCallbackIsABadRequest() {
        Started login = login();
        tokensFor(login);
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> callback("state="
                + login.state() + "&code=code123&tenant_name=acme", "localhost:6001", login.cookie()));
        assertEquals(invalid("tenant_name"), e.getMessage());
        assertEquals(0, wristband.calls(Endpoint.TOKEN_CODE), "no code exchanged");
    }

    @Test
    void aTenantCustomDomainAddedToTheCallbackIsABadRequest() {
        Started login = login();
        tokensFor(login);
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> callback("state="
                + login.state() + "&code=code123&tenant_name=devs4you&tenant_custom_domain=query.com",
                "localhost:6001", login.cookie()));
        assertEquals(invalid("tenant_custom_domain"), e.getMessage());
        assertEquals(0, wristband.calls(Endpoint.TOKEN_CODE), "no code exchanged");
    }

    @Test
    void aTenantCustomDomainNotAllowedIsABadRequestBeforeAnyRedirect() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> callback(
                "state=s&code=c&tenant_name=devs4you&tenant_custom_domain=evil.example", "localhost:6001"));
        assertEquals(invalid("tenant_custom_domain"), e.getMessage());
    }

    @Test
    void theLoginsTenantNameMatchesWhateverItsCase() {
        Started login = login();
        tokensFor(login);
        assertInstanceOf(CallbackResult.Completed.class, callback("state=" + login.state()
                + "&code=code123&tenant_name=DEVS4YOU", "localhost:6001", login.cookie()));
    }

    @Test
    void aLoginStateIsAcceptedOnceEvenWithAnotherCode() {
        Started login = login();
        tokensFor(login);
        CallbackFlow flow = flow();
        AuthRequest first = new AuthRequest("state=" + login.state() + "&code=code1&tenant_name=devs4you",
                "localhost:6001", List.of(login.cookie()), APP_ORIGIN);
        AuthRequest replay = new AuthRequest("state=" + login.state() + "&code=code2&tenant_name=devs4you",
                "localhost:6001", List.of(login.cookie()), APP_ORIGIN);

        assertInstanceOf(CallbackResult.Completed.class, flow.complete(first));
        CallbackResult.RedirectRequired again = redirect(flow.complete(replay));

        assertEquals(Reason.INVALID_LOGIN_STATE, again.reason());
        assertEquals(1, wristband.calls(Endpoint.TOKEN_CODE), "the replay exchanged no code");
        assertEquals(List.of(login.cookieName() + "=; HttpOnly; Path=/; Max-Age=0; SameSite=Lax; Secure"),
                again.setCookies());
    }

    @Test
    void errorCallbacksCannotPushAnExchangedStateOutOfMemory() {
        Started signedIn = login();
        tokensFor(signedIn);
        CallbackFlow flow = flow();
        assertInstanceOf(CallbackResult.Completed.class, flow.complete(new AuthRequest("state=" + signedIn.state()
                + "&code=code1&tenant_name=devs4you", "localhost:6001", List.of(signedIn.cookie()), APP_ORIGIN)));

        // An attacker's flood: login starts of its own, each ended by a cheap error callback.
        WristbandConfig config = config(values);
        LoginFlow logins = new LoginFlow(config, resolver(config), new TenantHosts(config),
                new LoginStateCodec(config.loginStateSecret()), loginStateCookies(config),
                new ReturnUrlPolicy(List.of()), clock, new SecureRandom());
        for (int i = 0; i <= ConsumedStates.MAX; i++) {
            LoginRedirect started = logins.start(new AuthRequest("tenant_name=devs4you", "localhost:6001", List.of(),
                    APP_ORIGIN), new LoginOptions(null, null, null, null));
            String setCookie = started.setCookies().get(started.setCookies().size() - 1);
            String state = new LoginStateCodec(config.loginStateSecret()).open(cookieValue(setCookie)).orElseThrow()
                    .state();
            redirect(flow.complete(new AuthRequest("state=" + state + "&error=login_required&tenant_name=devs4you",
                    "localhost:6001", List.of(cookieName(setCookie) + "=" + cookieValue(setCookie)), APP_ORIGIN)));
        }

        CallbackResult replay = flow.complete(new AuthRequest("state=" + signedIn.state()
                + "&code=code2&tenant_name=devs4you", "localhost:6001", List.of(signedIn.cookie()), APP_ORIGIN));
        assertEquals(Reason.INVALID_LOGIN_STATE, redirect(replay).reason());
        assertEquals(1, wristband.calls(Endpoint.TOKEN_CODE), "the replay exchanged no code");
    }

    @Test
    void aRefusedCodeDoesNotUseUpItsLoginState() {
        Started login = login();
        wristband.script(Endpoint.TOKEN_CODE, ScriptedAnswer.json(400, "{\"error\":\"invalid_grant\"}"));
        CallbackFlow flow = flow();
        assertEquals(Reason.INVALID_GRANT, redirect(flow.complete(new AuthRequest("state=" + login.state()
                + "&code=stale&tenant_name=devs4you", "localhost:6001", List.of(login.cookie()), APP_ORIGIN)))
                .reason());

        tokensFor(login);
        assertInstanceOf(CallbackResult.Completed.class, flow.complete(new AuthRequest("state=" + login.state()
                + "&code=fresh&tenant_name=devs4you", "localhost:6001", List.of(login.cookie()), APP_ORIGIN)));
    }

    @Test
    void theCookieDeletionsOfAFailedCallbackNameItsOwnLoginStateOnly() {
        Started mine = login();
        Started otherTab = login();
        AuthRequest request = new AuthRequest("state=" + mine.state() + "&error=access_denied&tenant_name=devs4you",
                "localhost:6001", List.of(mine.cookie() + "; " + otherTab.cookie()), APP_ORIGIN);

        assertEquals(List.of(mine.cookieName() + "=; HttpOnly; Path=/; Max-Age=0; SameSite=Lax; Secure"),
                flow().loginCookieDeletions(request));
    }

    @Test
    void aCallbackWithoutASingleStateDeletesNoCookie() {
        Started login = login();
        assertEquals(List.of(), flow().loginCookieDeletions(new AuthRequest("state=a&state=b", "localhost:6001",
                List.of(login.cookie()), APP_ORIGIN)));
    }

    // ---- ID token (docs/protocol.md §4.3: beyond the official SDKs)

    private void assertIdTokenRejected(Started login, String idToken) {
        tokensWithIdToken(idToken);
        assertThrows(IdTokenException.class, () -> callback(login));
    }

    private String idToken(Started login, Consumer<JwtClaims> change) {
        return Emulators.idToken(wristband, USER_ID, login.nonce(), clock.instant(), Tampering.claims(change));
    }

    @Test
    void wrongIssuerIsRejected() {
        Started login = login();
        assertIdTokenRejected(login, Emulators.idToken(wristband, USER_ID, login.nonce(), clock.instant(),
                Tampering.wrongIssuer()));
    }

    @Test
    void wrongAudienceIsRejected() {
        Started login = login();
        assertIdTokenRejected(login, Emulators.idToken(wristband, USER_ID, login.nonce(), clock.instant(),
                Tampering.wrongAudience()));
    }

    @Test
    void wrongNonceIsRejected() {
        Started login = login();
        assertIdTokenRejected(login, Emulators.idToken(wristband, USER_ID, "another-nonce", clock.instant()));
    }

    @Test
    void missingNonceIsRejected() {
        Started login = login();
        assertIdTokenRejected(login, Emulators.idToken(wristband, USER_ID, null, clock.instant()));
    }

    @Test
    void expiredIdTokenIsRejected() {
        Started login = login();
        assertIdTokenRejected(login, idToken(login, c -> {
            c.setIssuedAt(NumericDate.fromMilliseconds(NOW.minusSeconds(3600).toEpochMilli()));
            c.setExpirationTime(NumericDate.fromMilliseconds(NOW.minusSeconds(120).toEpochMilli()));
        }));
    }

    @Test
    void missingSubjectIsRejected() {
        Started login = login();
        assertIdTokenRejected(login, Emulators.idToken(wristband, null, login.nonce(), clock.instant()));
    }

    @Test
    void missingIdTokenIsRejected() {
        Started login = login();
        assertIdTokenRejected(login, null);
    }

    @Test
    void badSignatureIsRejected() {
        Started login = login();
        RsaJsonWebKey other = TokenMinter.newKey("k1");
        assertIdTokenRejected(login, Emulators.idToken(wristband, USER_ID, login.nonce(), NOW, Tampering.signedBy(other)));
    }

    @Test
    void unknownKidRefetchesTheJwksOnceThenFails() {
        flow();
        jwks.keys(); // keys cached from an earlier login
        assertEquals(1, wristband.calls(Endpoint.JWKS));
        clock.advance(Duration.ofMinutes(1)); // past the refresh cooldown
        Started login = login();
        RsaJsonWebKey rotated = TokenMinter.newKey("k2");
        assertIdTokenRejected(login, Emulators.idToken(wristband, USER_ID, login.nonce(), clock.instant(),
                Tampering.signedBy(rotated)));
        assertEquals(2, wristband.calls(Endpoint.JWKS));
    }

    @Test
    void rotatedKeyIsPickedUpByTheRefetch() {
        flow();
        jwks.keys();
        clock.advance(Duration.ofMinutes(1));
        RsaJsonWebKey rotated = TokenMinter.newKey("k2");
        wristband.publishKeys(List.of(Emulators.KEY, rotated));
        Started login = login();
        tokensWithIdToken(Emulators.idToken(wristband, USER_ID, login.nonce(), clock.instant(),
                Tampering.signedBy(rotated)));
        assertInstanceOf(CallbackResult.Completed.class, callback(login));
    }

    @Test
    void algNoneIsRejected() {
        Started login = login();
        assertIdTokenRejected(login, Emulators.idToken(wristband, USER_ID, login.nonce(), NOW, Tampering.algNone(),
                draft -> draft.keyId("k1")));
    }

    @Test
    void hs256SignedWithTheClientSecretIsRejected() {
        Started login = login();
        assertIdTokenRejected(login, Emulators.idToken(wristband, USER_ID, login.nonce(), NOW,
                Tampering.hs256WithClientSecret(), Tampering.noKid()));
    }

    @Test
    void userinfoSubjectDifferentFromIdTokenIsRejected() {
        Started login = login();
        tokensFor(login);
        wristband.script(Endpoint.USERINFO, ScriptedAnswer.json(200, Emulators.userInfoJson("someone-else")));
        assertThrows(IdTokenException.class, () -> callback(login));
    }

    @Test
    void tokenWithoutKidIsAcceptedWhenTheJwksHasOneKey() {
        Started login = login();
        tokensWithIdToken(Emulators.idToken(wristband, USER_ID, login.nonce(), NOW, Tampering.noKid()));
        assertInstanceOf(CallbackResult.Completed.class, callback(login));
    }

    @Test
    void tokenWithoutKidIsRejectedWhenTheJwksHasTwoKeys() {
        wristband.publishKeys(List.of(Emulators.KEY, TokenMinter.newKey("k2")));
        Started login = login();
        assertIdTokenRejected(login, Emulators.idToken(wristband, USER_ID, login.nonce(), NOW, Tampering.noKid()));
    }
}
