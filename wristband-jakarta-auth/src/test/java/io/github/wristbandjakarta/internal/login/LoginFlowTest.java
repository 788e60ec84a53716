package io.github.wristbandjakarta.internal.login;

import io.github.wristbandjakarta.emulator.Endpoint;
import io.github.wristbandjakarta.testing.TestConfig;

import io.github.wristbandjakarta.api.LoginOptions;

import io.github.wristbandjakarta.internal.config.ConfigKey;
import io.github.wristbandjakarta.internal.config.WristbandConfig;
import io.github.wristbandjakarta.internal.wristband.ConfigurationResolver;
import io.github.wristbandjakarta.internal.wristband.TenantHosts;
import io.github.wristbandjakarta.api.WristbandCallObserver;
import io.github.wristbandjakarta.internal.wristband.WristbandClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.github.wristbandjakarta.internal.login.LoginTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Login Endpoint behaviour: docs/protocol.md §3 and the conformance list §8.2. */
class LoginFlowTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String TENANT_AUTHORIZE =
            "https://devs4you-invotasticb2b-invotastic.dev.wristband.dev/api/v1/oauth2/authorize";
    private static final Pattern BASE64URL_43 = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final Map<String, String> values = specConfig();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private LoginFlow flow() {
        WristbandConfig config = config(values);
        ConfigurationResolver resolver = new ConfigurationResolver(config,
                new WristbandClient(config, HttpClient.newHttpClient(), WristbandCallObserver.NONE), clock);
        return new LoginFlow(config, resolver, new TenantHosts(config), codec(),
                new LoginStateCookies(config.dangerouslyDisableSecureCookies(), config.loginStateHostPrefix()),
                new ReturnUrlPolicy(config.returnUrlAllowedOrigins()), clock, new SecureRandom());
    }

    private static LoginStateCodec codec() {
        return new LoginStateCodec(TestConfig.LOGIN_STATE_SECRET);
    }

    private LoginRedirect login(String query) {
        return flow().start(request(query), LoginOptions.NONE);
    }

    private LoginRedirect login(String query, LoginOptions options) {
        return flow().start(request(query), options);
    }

    private static LoginState opened(LoginRedirect redirect) {
        assertEquals(1, redirect.setCookies().size(), redirect.setCookies().toString());
        return codec().open(cookieValue(redirect.setCookies().get(0))).orElseThrow();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    // ---- docs/protocol.md §8.2 item 1: the authorize URL

    @Test
    void tenantNameRedirectsToTenantAuthorizeEndpoint() {
        assertEquals(TENANT_AUTHORIZE, base(login("tenant_name=devs4you").location()));
    }

    @Test
    void authorizeParametersComeInTheReferenceOrder() {
        assertEquals(List.of("client_id", "redirect_uri", "response_type", "state", "scope", "code_challenge",
                        "code_challenge_method", "nonce"),
                List.copyOf(params(login("tenant_name=devs4you").location()).keySet()));
    }

    @Test
    void authorizeParametersHaveTheSpecValues() {
        String location = login("tenant_name=devs4you").location();
        Map<String, String> params = params(location);
        assertEquals("clientId", params.get("client_id"));
        assertEquals(REDIRECT_URI, params.get("redirect_uri"));
        assertEquals("code", params.get("response_type"));
        assertEquals("openid offline_access email", params.get("scope"));
        assertEquals("S256", params.get("code_challenge_method"));
        assertTrue(BASE64URL_43.matcher(params.get("state")).matches(), params.get("state"));
        assertTrue(BASE64URL_43.matcher(params.get("nonce")).matches(), params.get("nonce"));
        assertTrue(rawQuery(location).contains(
                "redirect_uri=https%3A%2F%2Flocalhost%3A6001%2Fapi%2Fauth%2Fcallback&response_type=code"), location);
        assertTrue(rawQuery(location).contains("scope=openid+offline_access+email"), location);
    }

    @Test
    void noLoginHintOrIdpHintWhenAbsent() {
        Map<String, String> params = params(login("tenant_name=devs4you").location());
        assertFalse(params.containsKey("login_hint"));
        assertFalse(params.containsKey("idp_hint"));
    }

    @Test
    void loginHintAndIdpHintAreForwardedAfterNonce() {
        Map<String, String> params = params(
                login("tenant_name=devs4you&login_hint=" + enc("a+b@example.com") + "&idp_hint=google").location());
        assertEquals(List.of("nonce", "login_hint", "idp_hint"),
                List.copyOf(params.keySet()).subList(7, 10));
        assertEquals("a+b@example.com", params.get("login_hint"));
        assertEquals("google", params.get("idp_hint"));
    }

    @Test
    void eachLoginGetsFreshStateVerifierAndNonce() {
        Map<String, String> first = params(login("tenant_name=devs4you").location());
        Map<String, String> second = params(login("tenant_name=devs4you").location());
        assertFalse(first.get("state").equals(second.get("state")));
        assertFalse(first.get("nonce").equals(second.get("nonce")));
        assertFalse(first.get("code_challenge").equals(second.get("code_challenge")));
    }

    // ---- docs/protocol.md §8.2 items 2, 3: the login-state cookie

    @Test
    void cookieNameIsLoginStateAndMillis() {
        LoginRedirect redirect = login("tenant_name=devs4you");
        assertEquals(1, redirect.setCookies().size());
        String state = params(redirect.location()).get("state");
        assertEquals("login#" + state + "#" + NOW.toEpochMilli(), cookieName(redirect.setCookies().get(0)));
    }

    @Test
    void cookieAttributesAreHttpOnlyPathMaxAgeSameSiteSecure() {
        assertEquals("; HttpOnly; Path=/; Max-Age=3600; SameSite=Lax; Secure",
                cookieAttributes(login("tenant_name=devs4you").setCookies().get(0)));
    }

    @Test
    void dangerouslyDisableSecureCookiesDropsSecure() {
        values.put(ConfigKey.DANGEROUSLY_DISABLE_SECURE_COOKIES.key(), "true");
        assertEquals("; HttpOnly; Path=/; Max-Age=3600; SameSite=Lax",
                cookieAttributes(login("tenant_name=devs4you").setCookies().get(0)));
    }

    @Test
    void sealedStateMatchesTheAuthorizeUrl() {
        LoginRedirect redirect = login("tenant_name=devs4you");
        Map<String, String> params = params(redirect.location());
        LoginState state = opened(redirect);
        assertEquals(params.get("state"), state.state());
        assertEquals(params.get("nonce"), state.nonce());
        assertEquals(REDIRECT_URI, state.redirectUri());
        assertTrue(BASE64URL_43.matcher(state.codeVerifier()).matches());
        assertEquals(NOW, state.createdAt());
        assertNull(state.returnUrl());
        assertNull(state.customState());
    }

    @Test
    void codeChallengeIsS256OfTheSealedVerifier() {
        LoginRedirect redirect = login("tenant_name=devs4you");
        assertEquals(s256(opened(redirect).codeVerifier()), params(redirect.location()).get("code_challenge"));
    }

    @Test
    void cookieValueIsNotThePlainVerifier() {
        LoginRedirect redirect = login("tenant_name=devs4you");
        String value = cookieValue(redirect.setCookies().get(0));
        assertFalse(value.contains(opened(redirect).codeVerifier()));
        assertFalse(value.contains("localhost"));
    }

    // ---- docs/protocol.md §8.2 item 4 and §3.2: tenant subdomains

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            "tenant.business.example.com:3000, business.example.com, tenant",
            "tenant.business.example.com,      business.example.com, tenant",
            "business.example.com,             business.example.com, NULL",
            "different.domain.com,             business.example.com, NULL",
            "tenant.localhost:6001,            localhost,            tenant",
            "a.b.business.example.com,         business.example.com, NULL",
            "NULL,                             business.example.com, NULL",
            "'',                               business.example.com, NULL"})
    void subdomainParsingTable(String host, String root, String expected) {
        assertEquals(expected, TenantResolver.fromSubdomain(host, root).orElse(null));
    }

    @Test
    void subdomainLoginUsesDashSeparator() {
        useSubdomains(values, false);
        LoginRedirect redirect = flow().start(request("", "devs4you.business.invotastic.com", List.of()),
                LoginOptions.NONE);
        assertEquals(TENANT_AUTHORIZE, base(redirect.location()));
    }

    @Test
    void subdomainLoginWithCustomDomainUsesDotAndKeepsPlaceholder() {
        useSubdomains(values, true);
        LoginRedirect redirect = flow().start(request(null, "devs4you.business.invotastic.com:443", List.of()),
                LoginOptions.NONE);
        assertEquals("https://devs4you.auth.invotastic.com/api/v1/oauth2/authorize", base(redirect.location()));
        assertTrue(redirect.location().contains("&redirect_uri=https%3A%2F%2F%7Btenant_name%7D.business"
                + ".invotastic.com%2Fapi%2Fauth%2Fcallback&"), redirect.location());
        assertEquals("https://{tenant_name}.business.invotastic.com/api/auth/callback",
                opened(redirect).redirectUri());
    }

    @Test
    void unresolvedSubdomainFallsBackToApplicationLogin() {
        useSubdomains(values, false);
        LoginRedirect redirect = flow().start(request("tenant_name=devs4you", "business.invotastic.com",
                List.of()), LoginOptions.NONE);
        assertEquals("https://" + VANITY + "/login?client_id=clientId", redirect.location());
        assertTrue(redirect.setCookies().isEmpty());
    }

    // ---- docs/protocol.md §8.2 item 5 / §3.2: precedence

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "NULL", value = {
            // case, query, defaultCustomDomain, defaultTenantName, expected host
            "custom domain param beats tenant_name and both defaults, tenant_custom_domain=auth.acme.com&tenant_name=devs4you, default.com, deftenant, auth.acme.com",
            "tenant_name param beats both defaults, tenant_name=devs4you, default.com, deftenant, devs4you-" + LoginTestSupport.VANITY,
            "default custom domain beats default tenant name, '', default.com, deftenant, default.com",
            "default custom domain alone, '', default.com, NULL, default.com",
            "default tenant name alone, '', NULL, deftenant, deftenant-" + LoginTestSupport.VANITY,
            "custom domain param alone, tenant_custom_domain=auth.acme.com, NULL, NULL, auth.acme.com"})
    void tenantPrecedenceWithoutSubdomains(String name, String query, String defaultCustomDomain,
                                           String defaultTenantName, String expectedHost) {
        LoginRedirect redirect = login(query, new LoginOptions(null, defaultCustomDomain, defaultTenantName, null));
        assertEquals("https://" + expectedHost + "/api/v1/oauth2/authorize", base(redirect.location()));
    }

    @Test
    void aDefaultTenantCustomDomainOffTheAllowListIs400() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> login("", new LoginOptions(null, "auth.evil.example", null, null)));
        assertTrue(e.getMessage().contains("not an allowed tenant custom domain"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "NULL", value = {
            "custom domain param beats subdomain, tenant_custom_domain=auth.acme.com&tenant_name=other, auth.acme.com",
            "subdomain beats tenant_name param and defaults, tenant_name=other, devs4you-" + LoginTestSupport.VANITY})
    void tenantPrecedenceWithSubdomains(String name, String query, String expectedHost) {
        useSubdomains(values, false);
        LoginRedirect redirect = flow().start(request(query, "devs4you.business.invotastic.com", List.of()),
                new LoginOptions(null, "default.com", "deftenant", null));
        assertEquals("https://" + expectedHost + "/api/v1/oauth2/authorize", base(redirect.location()));
    }

    // ---- tenant custom domains: an allow-list

    @ParameterizedTest
    @ValueSource(strings = {"evil.example", "custom.example", "acme.com", "auth.acme.com.evil.example"})
    void aTenantCustomDomainNotAllowedIsABadRequestAndSendsNobodyAnywhere(String host) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> login("tenant_custom_domain=" + host + "&tenant_name=devs4you"));
        assertEquals(TenantCustomDomains.NOT_ALLOWED, e.getMessage());
    }

    @Test
    void aSuffixEntryAllowsTheHostsBelowIt() {
        LoginRedirect redirect = login("tenant_custom_domain=login.tenant1.custom.example");
        assertEquals("https://login.tenant1.custom.example/api/v1/oauth2/authorize", base(redirect.location()));
    }

    @Test
    void withoutAnAllowListNoTenantCustomDomainIsAccepted() {
        values.remove(ConfigKey.TENANT_CUSTOM_DOMAINS.key());
        assertThrows(InvalidRequestException.class, () -> login("tenant_custom_domain=auth.acme.com"));
    }

    // ---- docs/protocol.md §8.2 items 6, 7

    @Test
    void customScopesAreJoinedBySpace() {
        values.put(ConfigKey.SCOPES.key(), "openid,profile,roles");
        assertEquals("openid profile roles", params(login("tenant_name=devs4you").location()).get("scope"));
    }

    @Test
    void customStateRoundTripsInTheCookie() {
        LoginRedirect redirect = login("tenant_name=devs4you", new LoginOptions("{\"test\":\"abc\"}", null, null,
                null));
        assertEquals("{\"test\":\"abc\"}", opened(redirect).customState());
    }

    @Test
    void returnUrlParamIsStored() {
        LoginRedirect redirect = login("tenant_name=devs4you&return_url=" + enc("https://localhost:6001/x?y=1"));
        assertEquals("https://localhost:6001/x?y=1", opened(redirect).returnUrl());
    }

    @Test
    void optionsReturnUrlBeatsTheParam() {
        LoginRedirect redirect = login("tenant_name=devs4you&return_url=" + enc("/from-param"),
                new LoginOptions(null, null, null, "/from-config"));
        assertEquals("https://localhost:6001/from-config", opened(redirect).returnUrl());
    }

    @Test
    void explicitEmptyOptionsReturnUrlStoresNone() {
        LoginRedirect redirect = login("tenant_name=devs4you&return_url=" + enc("/from-param"),
                new LoginOptions(null, null, null, ""));
        assertNull(opened(redirect).returnUrl());
    }

    @Test
    void offSiteReturnUrlIsNotStored() {
        LoginRedirect redirect = login("tenant_name=devs4you&return_url=" + enc("https://reddit.com"));
        assertNull(opened(redirect).returnUrl());
    }

    @Test
    void returnUrlOf450CharactersIsKept() {
        String url = "https://localhost:6001/" + "a".repeat(450 - "https://localhost:6001/".length());
        assertEquals(450, url.length());
        assertEquals(url, opened(login("tenant_name=devs4you&return_url=" + enc(url))).returnUrl());
    }

    @Test
    void returnUrlLongerThan450CharactersIsIgnored() {
        String url = "https://localhost:6001/" + "a".repeat(451 - "https://localhost:6001/".length());
        LoginRedirect redirect = login("tenant_name=devs4you&return_url=" + enc(url));
        assertEquals(TENANT_AUTHORIZE, base(redirect.location()));
        assertNull(opened(redirect).returnUrl());
    }

    // ---- docs/protocol.md §8.2 item 8: at most three pending logins

    @Test
    void threeExistingLoginCookiesDeleteTheOldestAndAddOne() {
        LoginRedirect redirect = flow().start(request("tenant_name=devs4you", "localhost:6001",
                List.of("login#bbb#2000=x; other=1; login#aaa#1000=y; login#ccc#3000=z")), LoginOptions.NONE);
        assertEquals(2, redirect.setCookies().size());
        assertEquals("login#aaa#1000=; HttpOnly; Path=/; Max-Age=0; SameSite=Lax; Secure",
                redirect.setCookies().get(0));
        assertTrue(redirect.setCookies().get(1).startsWith("login#" + params(redirect.location()).get("state")));
    }

    @Test
    void twoExistingLoginCookiesAreKept() {
        LoginRedirect redirect = flow().start(request("tenant_name=devs4you", "localhost:6001",
                List.of("login#bbb#2000=x", "login#aaa#1000=y")), LoginOptions.NONE);
        assertEquals(1, redirect.setCookies().size());
    }

    @Test
    void fourExistingLoginCookiesDeleteAllButTheTwoNewest() {
        LoginRedirect redirect = flow().start(request("tenant_name=devs4you", "localhost:6001",
                List.of("login#d#4000=a; login#a#1000=b; login#c#3000=c; login#b#2000=d")), LoginOptions.NONE);
        assertEquals(List.of("login#b#2000", "login#a#1000"),
                redirect.setCookies().subList(0, 2).stream().map(LoginTestSupport::cookieName).toList());
        assertEquals(3, redirect.setCookies().size());
    }

    // ---- docs/protocol.md §8.2 items 9, 10: application-level login

    @Test
    void noTenantRedirectsToApplicationLoginExactly() {
        LoginRedirect redirect = login("");
        assertEquals("https://" + VANITY + "/login?client_id=clientId", redirect.location());
        assertTrue(redirect.setCookies().isEmpty());
    }

    @Test
    void noTenantStartsNoLoginState() {
        LoginRedirect redirect = login("");
        assertTrue(redirect.setCookies().stream().noneMatch(c -> c.startsWith("login#")), redirect.setCookies()
                .toString());
    }

    @Test
    void noTenantCarriesTheReturnUrlInState() {
        String returnUrl = "https://localhost:6001/settings?tab=1";
        assertEquals("https://" + VANITY + "/login?client_id=clientId&state=" + enc(returnUrl),
                login("return_url=" + enc(returnUrl)).location());
    }

    @Test
    void customApplicationLoginPageIsUsed() {
        values.put(ConfigKey.CUSTOM_APPLICATION_LOGIN_PAGE_URL.key(), "https://google.com");
        assertEquals("https://google.com?client_id=clientId", login(null).location());
    }

    @Test
    void customApplicationLoginPageCarriesTheReturnUrlInState() {
        values.put(ConfigKey.CUSTOM_APPLICATION_LOGIN_PAGE_URL.key(), "https://google.com");
        assertEquals("https://google.com?client_id=clientId&state=" + enc("https://localhost:6001/x"),
                login("return_url=%2Fx").location());
    }

    // ---- docs/protocol.md §8.2 items 10, 11: errors

    @ParameterizedTest
    @ValueSource(strings = {"tenant_name", "tenant_custom_domain", "return_url", "login_hint", "idp_hint"})
    void duplicateParameterIsRejected(String name) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> login(name + "=devs4you&" + name + "=other"));
        assertEquals("More than one [" + name + "] query parameter was encountered", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.com/", "a b", "x#y", "evil.com", "a@b", "devs4you/../x", "-x", "x?y"})
    void hostileTenantNameIsRejected(String value) {
        assertThrows(InvalidRequestException.class, () -> login("tenant_name=" + enc(value)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.com/", "a b", "x#y", "user@evil.com", "evil.com\\x", "evil.com?x", "evil.com/x"})
    void hostileTenantCustomDomainIsRejected(String value) {
        assertThrows(InvalidRequestException.class, () -> login("tenant_custom_domain=" + enc(value)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tenant_name=%zz", "tenant_name=abc%", "tenant_name=abc%4", "return_url=%E0%A4",
            "login_hint=%C3%28", "tenant_name=%FF", "tenant_name=d\u00e9"})
    void malformedEncodingIsRejected(String query) {
        assertThrows(InvalidRequestException.class, () -> login(query));
    }

    @Test
    void oversizedCustomStateIsRejected() {
        String custom = "{\"x\":\"" + "a".repeat(4000) + "\"}";
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> login("tenant_name=devs4you", new LoginOptions(custom, null, null, null)));
        assertTrue(e.getMessage().startsWith("Login state cookie exceeds 4kB in size."), e.getMessage());
    }

    @Test
    void legacyTenantDomainParamIsAccepted() {
        assertEquals(TENANT_AUTHORIZE, base(login("tenant_domain=devs4you").location()));
    }
}
