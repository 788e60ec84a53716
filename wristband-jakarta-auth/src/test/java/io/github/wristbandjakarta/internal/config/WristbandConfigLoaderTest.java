package io.github.wristbandjakarta.internal.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WristbandConfigLoaderTest {

    private static final String SECRET = "client-secret-value-0123456789abcdef";

    private final Map<String, String> values = new HashMap<>(Map.of(
            "wristband.client-id", "client-id",
            "wristband.client-secret", SECRET,
            "wristband.application-vanity-domain", "app-co.us.wristband.dev"));

    private WristbandConfig load() {
        return WristbandConfigLoader.load(key -> Optional.ofNullable(values.get(key)), values.keySet());
    }

    private WristbandConfig with(String key, String value) {
        values.put(key, value);
        return load();
    }

    private WristbandConfigException rejected(String key, String value) {
        values.put(key, value);
        WristbandConfigException e = assertThrows(WristbandConfigException.class, this::load);
        assertTrue(e.getMessage().contains("[" + key + "]"), e.getMessage());
        return e;
    }

    private static void assertProblem(WristbandConfigException e, String key, String problem) {
        assertEquals("Invalid Wristband configuration [" + key + "]: " + problem, e.getMessage());
    }

    private void autoConfigureOff(String loginUrl, String redirectUri) {
        values.put("wristband.auto-configure-enabled", "false");
        values.put("wristband.login-url", loginUrl);
        values.put("wristband.redirect-uri", redirectUri);
    }

    // docs/protocol.md §8.1 item 1

    @Test
    void blankClientIdIsRejected() {
        assertProblem(rejected("wristband.client-id", "   "), "wristband.client-id",
                "The [clientId] config must have a value.");
    }

    @Test
    void missingClientIdIsRejected() {
        values.remove("wristband.client-id");
        WristbandConfigException e = assertThrows(WristbandConfigException.class, this::load);
        assertProblem(e, "wristband.client-id", "The [clientId] config must have a value.");
    }

    @Test
    void blankClientSecretIsRejected() {
        assertProblem(rejected("wristband.client-secret", " \t"), "wristband.client-secret",
                "The [clientSecret] config must have a value.");
    }

    @Test
    void blankVanityDomainIsRejected() {
        assertProblem(rejected("wristband.application-vanity-domain", ""), "wristband.application-vanity-domain",
                "The [wristbandApplicationVanityDomain] config must have a value.");
    }

    @Test
    void shortLoginStateSecretIsRejected() {
        assertProblem(rejected("wristband.login-state-secret", "x".repeat(31)), "wristband.login-state-secret",
                "The [loginStateSecret] config must have a value of at least 32 characters.");
    }

    @Test
    void loginStateSecretOf32CharactersIsAccepted() {
        assertEquals("y".repeat(32), with("wristband.login-state-secret", "y".repeat(32)).loginStateSecret());
    }

    @Test
    void aClientSecretShorterThan32CharactersCannotStandInForTheLoginStateSecret() {
        values.put("wristband.client-secret", "x".repeat(31));
        assertProblem(assertThrows(WristbandConfigException.class, this::load), "wristband.login-state-secret",
                "The [loginStateSecret] config must have a value of at least 32 characters; without it the client"
                        + " secret seals the login state, and it is shorter.");
    }

    // The demo's published login-state secret (CrossKeyRules.DEMO_LOGIN_STATE_SECRET)

    private static final String DEMO_SECRET = CrossKeyRules.DEMO_LOGIN_STATE_SECRET;

    @Test
    void theDemosLoginStateSecretIsRefusedOutsideTheEmulator() {
        assertProblem(rejected("wristband.login-state-secret", DEMO_SECRET), "wristband.login-state-secret",
                "is the demo's published secret, which keeps nothing secret; set a secret of your own (at least 32"
                        + " random characters). The demo's is accepted only with a loopback"
                        + " wristband.application-vanity-domain (the emulator).");
    }

    @Test
    void theRefusalOfTheDemosSecretDoesNotQuoteIt() {
        assertFalse(rejected("wristband.login-state-secret", DEMO_SECRET).getMessage().contains(DEMO_SECRET));
    }

    @Test
    void theDemosSecretIsRefusedAsTheClientSecretStandingInForTheLoginStateSecret() {
        values.put("wristband.client-secret", DEMO_SECRET);

        WristbandConfigException e = assertThrows(WristbandConfigException.class, this::load);

        assertTrue(e.getMessage().startsWith("Invalid Wristband configuration [wristband.login-state-secret]: is the"
                + " demo's published secret"), e.getMessage());
    }

    @Test
    void aSessionSecretThatIsTheDemosIsRefusedOutsideTheEmulator() {
        WristbandConfigException e = rejected("wristband.session.secrets",
                "a-new-session-secret-of-32-characters-x, " + DEMO_SECRET);

        assertTrue(e.getMessage().startsWith("Invalid Wristband configuration [wristband.session.secrets]: contains"
                + " the demo's published login-state secret"), e.getMessage());
        assertFalse(e.getMessage().contains(DEMO_SECRET), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:9099", "http://127.0.0.1:9099", "http://[::1]:9099"})
    void theDemosSecretIsAcceptedWithTheEmulatorsLoopbackVanityDomain(String emulator) {
        values.put("wristband.application-vanity-domain", emulator);
        values.put("wristband.session.secrets", DEMO_SECRET);

        WristbandConfig config = with("wristband.login-state-secret", DEMO_SECRET);

        assertEquals(DEMO_SECRET, config.loginStateSecret());
        assertEquals(List.of(DEMO_SECRET), config.sessionSecrets());
    }

    @Test
    void theDemosConfigurationHoldsTheSecretTheLoaderKnows() throws IOException {
        // The build runs the tests in the library's module directory; the demo is the repository's.
        Path here = Path.of("").toAbsolutePath();
        Path repository = Files.exists(here.resolve("src/demo")) ? here : here.getParent();
        Properties demo = new Properties();
        try (Reader reader = Files.newBufferedReader(
                repository.resolve("src/demo/resources/META-INF/microprofile-config.properties"))) {
            demo.load(reader);
        }

        assertEquals(DEMO_SECRET, demo.getProperty("wristband.login-state-secret"));
    }

    @Test
    void theHostPrefixOfLoginStateCookiesIsOffByDefault() {
        assertFalse(load().loginStateHostPrefix());
    }

    @Test
    void theHostPrefixOfLoginStateCookiesNeedsSecureCookies() {
        values.put("wristband.dangerously-disable-secure-cookies", "true");
        assertProblem(rejected("wristband.login-state.host-prefix", "true"), "wristband.login-state.host-prefix",
                "needs Secure cookies: a __Host- cookie is accepted over HTTPS only, and"
                        + " wristband.dangerously-disable-secure-cookies is true.");
    }

    @Test
    void tenantCustomDomainsAreHostsOrSuffixes() {
        assertEquals(List.of("auth.acme.com", "*.customers.example", "localhost:9099"),
                with("wristband.tenant-custom-domains", "Auth.Acme.com, *.customers.example,localhost:9099")
                        .tenantCustomDomains());
    }

    @Test
    void aTenantCustomDomainEntryThatIsNoHostIsRejected() {
        rejected("wristband.tenant-custom-domains", "https://auth.acme.com");
    }

    @Test
    void absentLoginStateSecretFallsBackToClientSecret() {
        assertEquals(SECRET, load().loginStateSecret());
    }

    @Test
    void valuesAreTrimmed() {
        assertEquals("client-id", with("wristband.client-id", "  client-id ").clientId());
    }

    // docs/protocol.md §8.1 item 2

    @Test
    void negativeTokenExpirationBufferIsRejected() {
        assertProblem(rejected("wristband.token-expiration-buffer", "-1"), "wristband.token-expiration-buffer",
                "The [tokenExpirationBuffer] config must be greater than or equal to 0.");
    }

    @Test
    void tokenExpirationBufferDefaultsTo60Seconds() {
        assertEquals(Duration.ofSeconds(60), load().tokenExpirationBuffer());
    }

    @Test
    void customTokenExpirationBufferIsReturned() {
        assertEquals(Duration.ofSeconds(120), with("wristband.token-expiration-buffer", "120").tokenExpirationBuffer());
    }

    @Test
    void zeroTokenExpirationBufferIsAccepted() {
        assertEquals(Duration.ZERO, with("wristband.token-expiration-buffer", "0").tokenExpirationBuffer());
    }

    @Test
    void durationsAcceptIso8601() {
        assertEquals(Duration.ofSeconds(30), with("wristband.token-expiration-buffer", "PT30S").tokenExpirationBuffer());
    }

    @Test
    void durationThatIsNotANumberIsRejected() {
        rejected("wristband.token-expiration-buffer", "sixty");
    }

    // docs/protocol.md §8.1 item 3

    @Test
    void rootDomainWithPortIsRejected() {
        assertProblem(rejected("wristband.parse-tenant-from-root-domain", "business.invotastic.com:8080"),
                "wristband.parse-tenant-from-root-domain",
                "The [parseTenantFromRootDomain] config should not include a port.");
    }

    @Test
    void nestedRootDomainIsAccepted() {
        assertEquals(Optional.of("business.invotastic.com"),
                with("wristband.parse-tenant-from-root-domain", "business.invotastic.com").parseTenantFromRootDomain());
    }

    // docs/protocol.md §8.1 item 4

    @Test
    void autoConfigureDisabledWithoutLoginUrlIsRejected() {
        values.put("wristband.auto-configure-enabled", "false");
        values.put("wristband.redirect-uri", "https://app.example/callback");
        WristbandConfigException e = assertThrows(WristbandConfigException.class, this::load);
        assertProblem(e, "wristband.login-url",
                "The [loginUrl] config must have a value when auto-configure is disabled.");
    }

    @Test
    void autoConfigureDisabledWithoutRedirectUriIsRejected() {
        values.put("wristband.auto-configure-enabled", "false");
        values.put("wristband.login-url", "https://app.example/login");
        WristbandConfigException e = assertThrows(WristbandConfigException.class, this::load);
        assertProblem(e, "wristband.redirect-uri",
                "The [redirectUri] config must have a value when auto-configure is disabled.");
    }

    @Test
    void autoConfigureDisabledWithBothUrlsIsAccepted() {
        autoConfigureOff("https://app.example/login", "https://app.example/callback");
        WristbandConfig config = load();
        assertFalse(config.autoConfigureEnabled());
        assertEquals(Optional.of("https://app.example/login"), config.loginUrl());
        assertEquals(Optional.of("https://app.example/callback"), config.redirectUri());
    }

    @Test
    void rootDomainRequiresPlaceholderInLoginUrl() {
        autoConfigureOff("https://app.example/login", "https://{tenant_name}.app.example/callback");
        values.put("wristband.parse-tenant-from-root-domain", "app.example");
        WristbandConfigException e = assertThrows(WristbandConfigException.class, this::load);
        assertProblem(e, "wristband.login-url", "The [loginUrl] must contain the \"{tenant_name}\" or "
                + "\"{tenant_domain}\" placeholder when using the [parseTenantFromRootDomain] config.");
    }

    @Test
    void rootDomainRequiresPlaceholderInRedirectUri() {
        autoConfigureOff("https://{tenant_name}.app.example/login", "https://app.example/callback");
        values.put("wristband.parse-tenant-from-root-domain", "app.example");
        WristbandConfigException e = assertThrows(WristbandConfigException.class, this::load);
        assertProblem(e, "wristband.redirect-uri", "The [redirectUri] must contain the \"{tenant_name}\" or "
                + "\"{tenant_domain}\" placeholder when using the [parseTenantFromRootDomain] config.");
    }

    @Test
    void placeholderWithoutRootDomainIsRejected() {
        autoConfigureOff("https://{tenant_name}.app.example/login", "https://app.example/callback");
        WristbandConfigException e = assertThrows(WristbandConfigException.class, this::load);
        assertProblem(e, "wristband.login-url", "The [loginUrl] cannot contain the \"{tenant_name}\" or "
                + "\"{tenant_domain}\" placeholder when the [parseTenantFromRootDomain] is absent.");
    }

    @Test
    void deprecatedTenantDomainPlaceholderWithoutRootDomainIsRejected() {
        autoConfigureOff("https://app.example/login", "https://{tenant_domain}.app.example/callback");
        rejectedWithCurrentValues("wristband.redirect-uri");
    }

    @Test
    void bothPlaceholderNamesAndMixedUseAreAccepted() {
        autoConfigureOff("https://{tenant_domain}.app.example/login", "https://{tenant_name}.app.example/callback");
        values.put("wristband.parse-tenant-from-root-domain", "app.example");
        WristbandConfig config = load();
        assertEquals(Optional.of("https://{tenant_domain}.app.example/login"), config.loginUrl());
    }

    @Test
    void autoConfigureEnabledChecksManualUrlAgainstManualRootDomain() {
        values.put("wristband.login-url", "https://app.example/login");
        values.put("wristband.parse-tenant-from-root-domain", "app.example");
        rejectedWithCurrentValues("wristband.login-url");
    }

    @Test
    void autoConfigureEnabledAcceptsMissingUrls() {
        WristbandConfig config = load();
        assertTrue(config.loginUrl().isEmpty());
        assertTrue(config.redirectUri().isEmpty());
    }

    @Test
    void autoConfigureEnabledRejectsManualPlaceholderWithoutManualRootDomain() {
        values.put("wristband.redirect-uri", "https://{tenant_name}.app.example/callback");
        rejectedWithCurrentValues("wristband.redirect-uri");
    }

    @Test
    void loginUrlMustBeAbsoluteHttpUrl() {
        rejected("wristband.login-url", "/api/auth/login");
    }

    @Test
    void redirectUriWithOtherSchemeIsRejected() {
        rejected("wristband.redirect-uri", "ftp://app.example/callback");
    }

    private void rejectedWithCurrentValues(String key) {
        WristbandConfigException e = assertThrows(WristbandConfigException.class, this::load);
        assertTrue(e.getMessage().startsWith("Invalid Wristband configuration [" + key + "]"), e.getMessage());
    }

    // docs/protocol.md §8.1 item 5 and the defaults of every key

    @Test
    void scopesDefaultToOpenidOfflineAccessEmail() {
        assertEquals(List.of("openid", "offline_access", "email"), load().scopes());
    }

    @Test
    void emptyScopeListMeansDefault() {
        assertEquals(List.of("openid", "offline_access", "email"), with("wristband.scopes", " , ,").scopes());
    }

    @Test
    void scopesAreSplitOnCommasAndSpaces() {
        assertEquals(List.of("openid", "profile", "roles", "email"),
                with("wristband.scopes", "openid, profile roles,email").scopes());
    }

    @Test
    void defaultsOfTheSdkOptions() {
        WristbandConfig config = load();
        assertFalse(config.dangerouslyDisableSecureCookies());
        assertTrue(config.autoConfigureEnabled());
        assertTrue(config.parseTenantFromRootDomain().isEmpty());
        assertTrue(config.applicationCustomDomainActive().isEmpty());
        assertTrue(config.customApplicationLoginPageUrl().isEmpty());
    }

    @Test
    void defaultsOfThisProjectsKeys() {
        WristbandConfig config = load();
        assertTrue(config.csrfProtectionEnabled());
        assertEquals("CSRF-TOKEN", config.csrfCookieName());
        assertEquals("X-CSRF-TOKEN", config.csrfHeaderName());
        assertEquals(List.of(), config.returnUrlAllowedOrigins());
        assertEquals("/", config.defaultReturnUrl());
        assertEquals(Duration.ofHours(8), config.sessionAbsoluteLifetime());
        assertEquals(Map.of(), config.roleMapping());
        assertFalse(config.tokenEndpointEnabled());
        assertEquals(Duration.ofSeconds(5), config.connectTimeout());
        assertEquals(Duration.ofSeconds(30), config.requestTimeout());
        assertEquals(List.of("/api/"), config.apiPathPrefixes());
        assertEquals("/api/auth", config.authPath());
        assertEquals(Duration.ofSeconds(60), config.clockSkew());
        assertEquals(Duration.ofSeconds(10), config.jwksRefreshCooldown());
    }

    @Test
    void booleanKeysAreRead() {
        values.put("wristband.dangerously-disable-secure-cookies", "TRUE");
        values.put("wristband.csrf.enabled", "false");
        values.put("wristband.token-endpoint.enabled", "True");
        WristbandConfig config = load();
        assertTrue(config.dangerouslyDisableSecureCookies());
        assertFalse(config.csrfProtectionEnabled());
        assertTrue(config.tokenEndpointEnabled());
    }

    @Test
    void booleanOtherThanTrueOrFalseIsRejected() {
        rejected("wristband.auto-configure-enabled", "yes");
    }

    @Test
    void applicationCustomDomainActiveFalseCountsAsSet() {
        assertEquals(Optional.of(false), with("wristband.application-custom-domain-active", "false")
                .applicationCustomDomainActive());
    }

    @Test
    void applicationCustomDomainActiveMustBeBoolean() {
        rejected("wristband.application-custom-domain-active", "1");
    }

    @Test
    void customApplicationLoginPageUrlIsRead() {
        assertEquals(Optional.of("https://app.example/discover"),
                with("wristband.custom-application-login-page-url", "https://app.example/discover")
                        .customApplicationLoginPageUrl());
    }

    @Test
    void csrfCookieNameMustBeAToken() {
        rejected("wristband.csrf.cookie-name", "CSRF TOKEN");
    }

    @Test
    void csrfCookieNameWithSeparatorIsRejected() {
        rejected("wristband.csrf.cookie-name", "csrf=1");
    }

    @Test
    void csrfHeaderNameMustBeAToken() {
        rejected("wristband.csrf.header-name", "X-CSRF:TOKEN");
    }

    @Test
    void customCsrfNamesAreRead() {
        values.put("wristband.csrf.cookie-name", "XSRF-TOKEN");
        values.put("wristband.csrf.header-name", "X-XSRF-TOKEN");
        WristbandConfig config = load();
        assertEquals("XSRF-TOKEN", config.csrfCookieName());
        assertEquals("X-XSRF-TOKEN", config.csrfHeaderName());
    }

    @Test
    void allowedOriginsAreParsedAndNormalised() {
        assertEquals(List.of(URI.create("https://app.example"), URI.create("http://localhost:3000")),
                with("wristband.return-url.allowed-origins", "https://App.Example:443, http://localhost:3000")
                        .returnUrlAllowedOrigins());
    }

    @Test
    void allowedOriginWithPathIsRejected() {
        rejected("wristband.return-url.allowed-origins", "https://app.example/home");
    }

    @Test
    void allowedOriginWithoutSchemeIsRejected() {
        rejected("wristband.return-url.allowed-origins", "app.example");
    }

    @Test
    void defaultReturnUrlMayBeAbsolute() {
        assertEquals("https://app.example/home", with("wristband.default-return-url", "https://app.example/home")
                .defaultReturnUrl());
    }

    @Test
    void protocolRelativeDefaultReturnUrlIsRejected() {
        rejected("wristband.default-return-url", "//evil.example/");
    }

    @Test
    void defaultReturnUrlWithoutLeadingSlashIsRejected() {
        rejected("wristband.default-return-url", "home");
    }

    @Test
    void zeroSessionLifetimeIsRejected() {
        rejected("wristband.session.absolute-lifetime", "0");
    }

    @Test
    void sessionLifetimeIsRead() {
        assertEquals(Duration.ofHours(1), with("wristband.session.absolute-lifetime", "PT1H").sessionAbsoluteLifetime());
    }

    @Test
    void roleMappingSplitsOnLastEquals() {
        assertEquals(Map.of("app:invotastic:admin", "admin", "viewer", "users"),
                with("wristband.role-mapping", " app:invotastic:admin = admin , viewer=users ").roleMapping());
    }

    @Test
    void roleMappingWithoutGroupIsRejected() {
        rejected("wristband.role-mapping", "admin=");
    }

    @Test
    void roleMappingWithoutEqualsIsRejected() {
        rejected("wristband.role-mapping", "admin");
    }

    @Test
    void zeroConnectTimeoutIsRejected() {
        rejected("wristband.http.connect-timeout", "0");
    }

    @Test
    void negativeRequestTimeoutIsRejected() {
        rejected("wristband.http.request-timeout", "-5");
    }

    @Test
    void timeoutsAreRead() {
        values.put("wristband.http.connect-timeout", "2");
        values.put("wristband.http.request-timeout", "PT10S");
        WristbandConfig config = load();
        assertEquals(Duration.ofSeconds(2), config.connectTimeout());
        assertEquals(Duration.ofSeconds(10), config.requestTimeout());
    }

    @Test
    void apiPathPrefixMustStartWithSlash() {
        rejected("wristband.api-path-prefix", "api/");
        rejected("wristband.api-path-prefix", "/api/, rest/");
    }

    @Test
    void apiPathPrefixesAreAList() {
        values.put("wristband.api-path-prefix", "/api/, /rest/ /services/json/");
        assertEquals(List.of("/api/", "/rest/", "/services/json/"), load().apiPathPrefixes());
    }

    @Test
    void authPathIsRead() {
        values.put("wristband.auth-path", "/rest/account/auth");
        assertEquals("/rest/account/auth", load().authPath());
    }

    @Test
    void authPathMustBeAPlainPath() {
        for (String bad : List.of("api/auth", "/api/auth/", "/", "/api/*", "/api//auth", "/api/../auth", "/api/au th",
                "/api/auth?x", "/api/%2e%2e")) {
            rejected("wristband.auth-path", bad);
        }
    }

    @Test
    void negativeClockSkewIsRejected() {
        rejected("wristband.clock-skew", "-1");
    }

    @Test
    void zeroClockSkewAndCooldownAreAccepted() {
        values.put("wristband.clock-skew", "0");
        values.put("wristband.jwks.refresh-cooldown", "0");
        WristbandConfig config = load();
        assertEquals(Duration.ZERO, config.clockSkew());
        assertEquals(Duration.ZERO, config.jwksRefreshCooldown());
    }

    @Test
    void negativeJwksRefreshCooldownIsRejected() {
        rejected("wristband.jwks.refresh-cooldown", "-1");
    }

    @Test
    void aJwksRefreshCooldownOfZeroIsWarnedAboutOnceAsForTestsOnly() {
        values.put("wristband.jwks.refresh-cooldown", "0");

        List<LogRecord> warnings = warningsWhile(this::load);

        assertEquals(1, warnings.size(), warnings.toString());
        String message = new SimpleFormatter().formatMessage(warnings.get(0));
        assertTrue(message.contains("wristband.jwks.refresh-cooldown is 0"), message);
        assertTrue(message.contains("tests only"), message);
        assertTrue(message.contains("unknown key id"), message);
    }

    @Test
    void aJwksRefreshCooldownOfTenSecondsIsNotWarnedAbout() {
        values.put("wristband.jwks.refresh-cooldown", "10");

        assertEquals(List.of(), warningsWhile(this::load));
    }

    // Unknown keys

    @Test
    void aConfiguredNameThatIsNoKeyIsWarnedAboutOnceNamingTheNearestKey() {
        values.put("wristband.client_secret", "a-value-that-is-never-logged-0123456789");

        List<LogRecord> warnings = warningsWhile(this::load);

        assertEquals(1, warnings.size(), warnings.toString());
        String message = new SimpleFormatter().formatMessage(warnings.get(0));
        assertTrue(message.contains("wristband.client_secret is not a configuration key of the library and is ignored;"
                + " did you mean wristband.client-secret?"), message);
        assertFalse(message.contains("a-value-that-is-never-logged"), message);
    }

    /** The WARNING records the loader logs while {@code action} runs. */
    private static List<LogRecord> warningsWhile(Runnable action) {
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.WARNING) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(WristbandConfigLoader.class.getName());
        logger.addHandler(handler);
        try {
            action.run();
        } finally {
            logger.removeHandler(handler);
        }
        return List.copyOf(warnings);
    }

    // wristband.session.replicated, read as strictly as every other boolean

    @Test
    void sessionReplicatedIsRead() {
        assertTrue(with("wristband.session.replicated", "true").sessionReplicated());
    }

    @Test
    void sessionReplicatedOtherThanTrueOrFalseIsRejected() {
        assertProblem(rejected("wristband.session.replicated", "yes"), "wristband.session.replicated",
                "must be true or false.");
    }

    // The application vanity domain and its origin

    @Test
    void bareVanityDomainGetsHttpsOrigin() {
        WristbandConfig config = load();
        assertEquals(URI.create("https://app-co.us.wristband.dev"), config.applicationOrigin());
        assertEquals("app-co.us.wristband.dev", config.applicationVanityDomain());
    }

    @Test
    void bareVanityDomainWithPortKeepsPort() {
        WristbandConfig config = with("wristband.application-vanity-domain", "localhost:9099");
        assertEquals(URI.create("https://localhost:9099"), config.applicationOrigin());
        assertEquals("localhost:9099", config.applicationVanityDomain());
    }

    @Test
    void httpIsAllowedForLocalhost() {
        WristbandConfig config = with("wristband.application-vanity-domain", "http://localhost:9099");
        assertEquals(URI.create("http://localhost:9099"), config.applicationOrigin());
        assertEquals("localhost:9099", config.applicationVanityDomain());
    }

    @Test
    void httpIsAllowedFor127Address() {
        assertEquals(URI.create("http://127.0.0.1:9"),
                with("wristband.application-vanity-domain", "http://127.0.0.1:9").applicationOrigin());
    }

    @Test
    void httpIsAllowedForSubdomainOfLocalhost() {
        assertEquals(URI.create("http://app.localhost:9099"),
                with("wristband.application-vanity-domain", "http://app.localhost:9099").applicationOrigin());
    }

    @Test
    void httpIsAllowedForIpv6Loopback() {
        assertEquals(URI.create("http://[::1]:9099"),
                with("wristband.application-vanity-domain", "http://[::1]:9099").applicationOrigin());
    }

    @Test
    void httpIsRejectedForOtherHosts() {
        rejected("wristband.application-vanity-domain", "http://example.com");
    }

    @Test
    void httpIsRejectedForHostMerelyStartingWithLocalhost() {
        rejected("wristband.application-vanity-domain", "http://localhost.example.com");
    }

    @Test
    void explicitHttpsIsAccepted() {
        WristbandConfig config = with("wristband.application-vanity-domain", "https://x.example");
        assertEquals(URI.create("https://x.example"), config.applicationOrigin());
        assertEquals("x.example", config.applicationVanityDomain());
    }

    @Test
    void vanityDomainWithPathIsRejected() {
        rejected("wristband.application-vanity-domain", "x.example/path");
    }

    @Test
    void vanityDomainWithTrailingSlashIsRejected() {
        rejected("wristband.application-vanity-domain", "https://x.example/");
    }

    @Test
    void vanityDomainWithQueryIsRejected() {
        rejected("wristband.application-vanity-domain", "x.example?a=b");
    }

    @Test
    void vanityDomainWithUserInfoIsRejected() {
        rejected("wristband.application-vanity-domain", "https://user@x.example");
    }

    @Test
    void vanityDomainWithFragmentIsRejected() {
        rejected("wristband.application-vanity-domain", "x.example#frag");
    }

    @Test
    void vanityDomainWithOtherSchemeIsRejected() {
        rejected("wristband.application-vanity-domain", "ftp://x.example");
    }

    @Test
    void vanityDomainWithBadPortIsRejected() {
        rejected("wristband.application-vanity-domain", "x.example:99999");
    }

    // Secrets

    @Test
    void secretsAreAbsentFromToString() {
        values.put("wristband.login-state-secret", "login-state-secret-of-at-least-32-chars");
        values.put("wristband.session.secrets", "session-secret-of-at-least-32-characters");
        String text = load().toString();
        assertFalse(text.contains(SECRET), text);
        assertFalse(text.contains("login-state-secret-of-at-least-32-chars"), text);
        assertFalse(text.contains("session-secret-of-at-least-32-characters"), text);
        assertTrue(text.contains("client-id"), text);
    }

    @Test
    void toStringShowsEveryKeyByName() {
        String text = load().toString();

        for (ConfigKey key : ConfigKey.values()) {
            assertTrue(text.contains(key.key() + "="), key.key() + " is missing from " + text);
        }
    }

    @Test
    void toStringMarksTheSecretsAndTheKeysNotSet() {
        String text = load().toString();

        assertTrue(text.contains("wristband.client-secret=(secret)"), text);
        assertTrue(text.contains("wristband.login-url=(not set)"), text);
    }

    @Test
    void everyAccessorReturnsTheValueItsKeyParsesTo() throws ReflectiveOperationException {
        WristbandConfig config = load();

        for (java.lang.reflect.Method accessor : WristbandConfig.class.getDeclaredMethods()) {
            if (java.lang.reflect.Modifier.isPublic(accessor.getModifiers()) && accessor.getParameterCount() == 0) {
                // A key's value of another type than the accessor's fails its cast here.
                accessor.invoke(config);
            }
        }
    }

    @Test
    void secretIsAbsentFromErrorMessages() {
        values.put("wristband.login-state-secret", "short-secret");
        WristbandConfigException e = assertThrows(WristbandConfigException.class, this::load);
        assertFalse(e.getMessage().contains("short-secret"), e.getMessage());
    }

    // wristband.session.secrets

    @Test
    void sessionSecretsDefaultToTheLoginStateSecret() {
        assertEquals(List.of("y".repeat(32)), with("wristband.login-state-secret", "y".repeat(32)).sessionSecrets());
    }

    @Test
    void sessionSecretsDefaultToTheClientSecretWithoutALoginStateSecret() {
        assertEquals(List.of(SECRET), load().sessionSecrets());
    }

    @Test
    void sessionSecretsAreReadNewestFirst() {
        assertEquals(List.of("n".repeat(32), "o".repeat(40)),
                with("wristband.session.secrets", "n".repeat(32) + ", " + "o".repeat(40)).sessionSecrets());
    }

    @Test
    void sessionSecretsAreSeparatedByCommasAndMayContainSpaces() {
        assertEquals(List.of("a passphrase of several words here", "o".repeat(40)),
                with("wristband.session.secrets", " a passphrase of several words here , " + "o".repeat(40))
                        .sessionSecrets());
    }

    @Test
    void aSessionSecretShorterThan32CharactersIsRejected() {
        assertProblem(rejected("wristband.session.secrets", "n".repeat(32) + "," + "o".repeat(31)),
                "wristband.session.secrets", "must be secrets of at least 32 characters each.");
    }

    @Test
    void moreThanThreeSessionSecretsAreRejected() {
        assertProblem(rejected("wristband.session.secrets", String.join(",", "a".repeat(32), "b".repeat(32),
                "c".repeat(32), "d".repeat(32))), "wristband.session.secrets",
                "takes at most 3 secrets (the newest first).");
    }

    // wristband.auth-strategies

    @Test
    void authStrategiesDefaultToTheSessionAlone() {
        assertEquals(List.of(AuthStrategy.SESSION), load().authStrategies());
    }

    @Test
    void authStrategiesKeepTheirOrder() {
        assertEquals(List.of(AuthStrategy.JWT, AuthStrategy.SESSION),
                with("wristband.auth-strategies", "jwt, SESSION").authStrategies());
    }

    @Test
    void anUnknownAuthStrategyIsRejected() {
        assertProblem(rejected("wristband.auth-strategies", "SESSION,COOKIE"), "wristband.auth-strategies",
                "Invalid auth strategies: 'COOKIE'. Valid strategies are: 'SESSION', 'JWT'");
    }

    @Test
    void aRepeatedAuthStrategyIsRejected() {
        assertProblem(rejected("wristband.auth-strategies", "JWT,SESSION,jwt"), "wristband.auth-strategies",
                "authStrategies contains duplicate strategy: 'JWT'");
    }

    // login and logout options

    @Test
    void aDefaultTenantCustomDomainMustBeOnTheAllowList() {
        values.put("wristband.tenant-custom-domains", "*.acme.example");
        assertEquals(Optional.of("auth.acme.example"),
                with("wristband.login.default-tenant-custom-domain", "auth.acme.example").loginDefaultTenantCustomDomain());
        assertProblem(rejected("wristband.login.default-tenant-custom-domain", "auth.evil.example"),
                "wristband.login.default-tenant-custom-domain", "must be a host on wristband.tenant-custom-domains.");
    }

    @Test
    void aDefaultTenantNameMustBeATenantName() {
        assertProblem(rejected("wristband.login.default-tenant-name", "devs/4you"),
                "wristband.login.default-tenant-name", "must be a tenant name (a DNS label).");
    }

    @Test
    void theLogoutRedirectUrlMustBeAnAbsoluteHttpUrl() {
        assertEquals(Optional.of("https://www.example.com/bye"),
                with("wristband.logout.redirect-url", "https://www.example.com/bye").logoutRedirectUrl());
        rejected("wristband.logout.redirect-url", "javascript:alert(1)");
    }
}
