package io.github.wristbandjakarta.internal.config;

import static io.github.wristbandjakarta.internal.config.ConfigKey.*;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every rule that involves more than one key, in one place, run once each key has been parsed and checked on its own:
 * the defaults taken from other keys ({@link ValueType#derived}) and the checks of keys against each other. Each
 * failure names the key the user should change. The order is the official SDKs' where they have the rule
 * (docs/protocol.md §2.4), so that the first error reported is theirs.
 */
final class CrossKeyRules {

    /**
     * The login-state secret of the offline demo (src/demo/resources/META-INF/microprofile-config.properties), the one
     * place the library knows it. Published with the source, it keeps nothing secret, yet the demo WAR run with only
     * the client id and secret overridden would seal its login states and, through the default of
     * wristband.session.secrets, its sessions with it. So it is refused as the login-state secret or a session secret
     * unless the vanity domain is a loopback host: the emulator, where the demo runs.
     */
    static final String DEMO_LOGIN_STATE_SECRET = "demo-login-state-secret-of-32-characters";

    /** The values of one load, by key; derived keys are absent until their rule puts them. */
    private final Map<KeyDefinition, Object> values;

    private CrossKeyRules(Map<KeyDefinition, Object> values) {
        this.values = values;
    }

    /**
     * Puts the derived keys' values into {@code values} and checks the keys against each other.
     *
     * @throws WristbandConfigException naming the first key a rule refuses
     */
    static void apply(Map<KeyDefinition, Object> values) {
        CrossKeyRules rules = new CrossKeyRules(values);
        rules.loginStateSecretDefaultsToTheClientSecret();
        rules.sessionSecretsDefaultToTheLoginStateSecret();
        rules.theDemosSecretOnlyWithALoopbackVanityDomain();
        rules.urlsAreGivenWhenAutoConfigureIsOff();
        rules.urlsHaveTheTenantPlaceholderExactlyWithARootDomain();
        rules.hostPrefixNeedsSecureCookies();
        rules.defaultTenantCustomDomainIsAllowed();
        rules.jwtAllowedClientIdsDefaultToTheClientId();
    }

    /**
     * docs/protocol.md §2.4 rule 3. The SDKs seal the login state with the client secret when no login-state secret is
     * set, and check the length of the secret only when it is set. The key is the same either way, so the rule is too.
     */
    private void loginStateSecretDefaultsToTheClientSecret() {
        if (values.containsKey(LOGIN_STATE_SECRET)) {
            return;
        }
        String clientSecret = get(CLIENT_SECRET);
        if (clientSecret.length() < Parsers.MIN_SECRET_LENGTH) {
            throw new WristbandConfigException(LOGIN_STATE_SECRET, "The [loginStateSecret] config must have a value"
                    + " of at least 32 characters; without it the client secret seals the login state, and it is"
                    + " shorter.");
        }
        values.put(LOGIN_STATE_SECRET, clientSecret);
    }

    /** Sessions are sealed with the login state's key material unless they have their own (docs/security.md). */
    private void sessionSecretsDefaultToTheLoginStateSecret() {
        String loginStateSecret = get(LOGIN_STATE_SECRET);
        values.putIfAbsent(SESSION_SECRETS, List.of(loginStateSecret));
    }

    /** See {@link #DEMO_LOGIN_STATE_SECRET}; checked after the defaults, which may carry it from the client secret. */
    private void theDemosSecretOnlyWithALoopbackVanityDomain() {
        URI origin = get(APPLICATION_VANITY_DOMAIN);
        if (ConfigRules.isLoopbackHost(origin.getHost())) {
            return;
        }
        String loginStateSecret = get(LOGIN_STATE_SECRET);
        if (isDemoSecret(loginStateSecret)) {
            throw new WristbandConfigException(LOGIN_STATE_SECRET, "is the demo's published secret, which keeps"
                    + " nothing secret; set a secret of your own (at least 32 random characters). The demo's is"
                    + " accepted only with a loopback " + APPLICATION_VANITY_DOMAIN.key() + " (the emulator).");
        }
        List<String> sessionSecrets = get(SESSION_SECRETS);
        if (sessionSecrets.stream().anyMatch(CrossKeyRules::isDemoSecret)) {
            throw new WristbandConfigException(SESSION_SECRETS, "contains the demo's published login-state secret,"
                    + " which keeps nothing secret; set secrets of your own (at least 32 random characters each)."
                    + " The demo's is accepted only with a loopback " + APPLICATION_VANITY_DOMAIN.key()
                    + " (the emulator).");
        }
    }

    /** docs/protocol.md §2.4 rule 7: without auto-configuration nothing else supplies them. */
    private void urlsAreGivenWhenAutoConfigureIsOff() {
        boolean autoConfigureEnabled = get(AUTO_CONFIGURE_ENABLED);
        if (autoConfigureEnabled) {
            return;
        }
        Optional<String> loginUrl = get(LOGIN_URL);
        Optional<String> redirectUri = get(REDIRECT_URI);
        if (loginUrl.isEmpty()) {
            throw new WristbandConfigException(LOGIN_URL,
                    "The [loginUrl] config must have a value when auto-configure is disabled.");
        }
        if (redirectUri.isEmpty()) {
            throw new WristbandConfigException(REDIRECT_URI,
                    "The [redirectUri] config must have a value when auto-configure is disabled.");
        }
    }

    /**
     * docs/protocol.md §2.4 rule 8: tenants are subdomains exactly when a root domain is given, and then both URLs
     * name the tenant's host. With auto-configure on, only what was supplied by hand is checked here (the root domain
     * may come later; the back channel checks the resolved values by the same rule).
     */
    private void urlsHaveTheTenantPlaceholderExactlyWithARootDomain() {
        Optional<String> rootDomain = get(PARSE_TENANT_FROM_ROOT_DOMAIN);
        Optional<String> loginUrl = get(LOGIN_URL);
        Optional<String> redirectUri = get(REDIRECT_URI);
        loginUrl.ifPresent(url -> checkPlaceholder(LOGIN_URL, "loginUrl", url, rootDomain.isPresent()));
        redirectUri.ifPresent(url -> checkPlaceholder(REDIRECT_URI, "redirectUri", url, rootDomain.isPresent()));
    }

    /** A browser accepts a {@code __Host-} cookie only with {@code Secure} (RFC 6265bis §4.1.3.2). */
    private void hostPrefixNeedsSecureCookies() {
        boolean hostPrefix = get(LOGIN_STATE_HOST_PREFIX);
        boolean insecure = get(DANGEROUSLY_DISABLE_SECURE_COOKIES);
        if (hostPrefix && insecure) {
            throw new WristbandConfigException(LOGIN_STATE_HOST_PREFIX, "needs Secure cookies: a __Host- cookie is"
                    + " accepted over HTTPS only, and " + DANGEROUSLY_DISABLE_SECURE_COOKIES.key() + " is true.");
        }
    }

    /** The default goes where a request's {@code tenant_custom_domain} may, and no further. */
    private void defaultTenantCustomDomainIsAllowed() {
        Optional<String> domain = get(LOGIN_DEFAULT_TENANT_CUSTOM_DOMAIN);
        List<String> allowed = get(TENANT_CUSTOM_DOMAINS);
        if (domain.isPresent() && !WristbandConfig.allows(allowed, domain.get())) {
            throw new WristbandConfigException(LOGIN_DEFAULT_TENANT_CUSTOM_DOMAIN,
                    "must be a host on " + TENANT_CUSTOM_DOMAINS.key() + ".");
        }
    }

    /** Bearer tokens are taken from this application's own client unless others are listed (docs/extension-points.md "Bearer tokens"). */
    private void jwtAllowedClientIdsDefaultToTheClientId() {
        String clientId = get(CLIENT_ID);
        values.putIfAbsent(JWT_ALLOWED_CLIENT_IDS, List.of(clientId));
    }

    private static void checkPlaceholder(ConfigKey key, String name, String url, boolean rootDomain) {
        boolean hasPlaceholder = ConfigRules.containsTenantPlaceholder(url);
        if (rootDomain && !hasPlaceholder) {
            throw new WristbandConfigException(key, "The [" + name + "] must contain the "
                    + ConfigRules.TENANT_PLACEHOLDERS
                    + " placeholder when using the [parseTenantFromRootDomain] config.");
        }
        if (!rootDomain && hasPlaceholder) {
            throw new WristbandConfigException(key, "The [" + name + "] cannot contain the "
                    + ConfigRules.TENANT_PLACEHOLDERS + " placeholder when the [parseTenantFromRootDomain] is absent.");
        }
    }

    /**
     * Whether {@code secret} is {@link #DEMO_LOGIN_STATE_SECRET}, compared without an early exit (as every secret in
     * the library): the time taken tells nothing of how much of the configured secret matches.
     */
    private static boolean isDemoSecret(String secret) {
        return MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                DEMO_LOGIN_STATE_SECRET.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The value of a key, of the type its definition parses to. Assign it to a variable of that type before use: as an
     * argument the type may be inferred as another ({@code List.of(get(…))} would take it for an array).
     */
    @SuppressWarnings("unchecked")
    private <T> T get(ConfigKey key) {
        return (T) values.get(key);
    }
}
