package io.github.wristbandjakarta.internal.config;

import io.github.wristbandjakarta.api.WristbandBearerFilter;

import static io.github.wristbandjakarta.internal.config.ValueType.duration;
import static io.github.wristbandjakarta.internal.config.ValueType.flag;
import static io.github.wristbandjakarta.internal.config.ValueType.list;
import static io.github.wristbandjakarta.internal.config.ValueType.text;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Every configuration key of the library, each defined here once and completely: its name, its concern, its value
 * (Java type, parser and checks, default as a Java value, whether it is a secret) and its one line of documentation.
 * {@link WristbandConfigLoader} reads and checks each key by its definition, {@link WristbandConfig#toString()} shows
 * the values by them (never a secret's), and docs/configuration.md is their tables (ConfigurationReferenceTest fails
 * when they differ). Rules that involve several keys are in {@link CrossKeyRules}; no other class spells a key.
 *
 * <p>A new key is one constant here, plus an accessor in {@link WristbandConfig} for the code that reads it.
 */
public enum ConfigKey implements KeyDefinition {
    // ---- The Wristband application
    CLIENT_ID("wristband.client-id", Group.APPLICATION,
            text().required("The [clientId] config must have a value."),
            "The Backend Server OAuth2 client id."),
    CLIENT_SECRET("wristband.client-secret", Group.APPLICATION,
            text().secret().required("The [clientSecret] config must have a value."),
            "Its secret: HTTP Basic on Wristband's token and revoke endpoints. Never logged."),
    APPLICATION_VANITY_DOMAIN("wristband.application-vanity-domain", Group.APPLICATION,
            ValueType.of(Parsers::vanityOrigin)
                    .required("The [wristbandApplicationVanityDomain] config must have a value."),
            "The application vanity domain, e.g. `yourapp-yourco.us.wristband.dev` (https). `http://host:port` is accepted only for a loopback host (the emulator, tests)."),
    AUTO_CONFIGURE_ENABLED("wristband.auto-configure-enabled", Group.APPLICATION,
            flag().byDefault(true),
            "Fetch missing values from Wristband's SDK configuration endpoint on first use."),
    LOGIN_URL("wristband.login-url", Group.APPLICATION,
            ValueType.of(Parsers::absoluteHttpUrl).optional("from Wristband (auto-configure)"),
            "This application's Login Endpoint URL; contains `{tenant_name}` when tenants are subdomains."),
    REDIRECT_URI("wristband.redirect-uri", Group.APPLICATION,
            ValueType.of(Parsers::absoluteHttpUrl).optional("from Wristband (auto-configure)"),
            "This application's Callback Endpoint URL; same placeholder rule."),
    PARSE_TENANT_FROM_ROOT_DOMAIN("wristband.parse-tenant-from-root-domain", Group.APPLICATION,
            text().check(domain -> !domain.contains(":"),
                    "The [parseTenantFromRootDomain] config should not include a port.")
                    .optional("none (from Wristband)"),
            "Root domain after the tenant label (`business.example.com`), when tenants are subdomains; no port."),
    APPLICATION_CUSTOM_DOMAIN_ACTIVE("wristband.application-custom-domain-active", Group.APPLICATION,
            flag().optional("`false` (from Wristband)"),
            "Tenant hosts are `{tenant}.{vanity}` instead of `{tenant}-{vanity}`."),
    CUSTOM_APPLICATION_LOGIN_PAGE_URL("wristband.custom-application-login-page-url", Group.APPLICATION,
            text().optional("none (from Wristband)"),
            "Your own tenant-discovery page, used instead of `https://{vanity}/login`."),
    SCOPES("wristband.scopes", Group.APPLICATION,
            list().byDefault(List.of("openid", "offline_access", "email")),
            "Scopes, comma or space separated."),

    // ---- Login and logout
    LOGIN_STATE_SECRET("wristband.login-state-secret", Group.LOGIN,
            text().check(secret -> secret.length() >= Parsers.MIN_SECRET_LENGTH,
                    "The [loginStateSecret] config must have a value of at least 32 characters.")
                    .secret().derived("the client secret"),
            "Key material of the sealed login-state cookies; at least 32 characters, and so is the client secret when it stands in (the SDKs check only a secret given here). The demo's published secret is refused unless the vanity domain is a loopback host (the emulator)."),
    LOGIN_STATE_HOST_PREFIX("wristband.login-state.host-prefix", Group.LOGIN,
            flag().byDefault(false),
            "Name the login-state cookies `__Host-login#…`, which a browser accepts only from this very host over HTTPS, so that a sibling subdomain cannot plant one (cookie tossing); the unprefixed ones are then ignored. Needs Secure cookies (HTTPS). For the CSRF cookie the same is `wristband.csrf.cookie-name=__Host-CSRF-TOKEN` (and `csrfCookieName` in the React SDK)."),
    TENANT_CUSTOM_DOMAINS("wristband.tenant-custom-domains", Group.LOGIN,
            ValueType.of(Parsers::customDomains).byDefault(List.of()),
            "Hosts a `tenant_custom_domain` parameter may name, comma separated: exact hosts (`auth.acme.com`) and `*.suffix` for any host below a suffix. Any other value is refused with 400 at the Login, Callback and Logout endpoints."),
    RETURN_URL_ALLOWED_ORIGINS("wristband.return-url.allowed-origins", Group.LOGIN,
            ValueType.of(Parsers::origins).byDefault(List.of()),
            "Origins besides this application's own that return URLs may point to, comma separated (`https://app.example.com`)."),
    DEFAULT_RETURN_URL("wristband.default-return-url", Group.LOGIN,
            ValueType.of(Parsers::returnUrl).byDefault("/"),
            "Where the callback lands without an acceptable return URL; a path is relative to the context root."),
    LOGIN_DEFAULT_TENANT_NAME("wristband.login.default-tenant-name", Group.LOGIN,
            text().check(ConfigRules::isTenantName, "must be a tenant name (a DNS label).").optional("none"),
            "The tenant a login goes to when the request names none (no `tenant_name`, no tenant subdomain); a DNS label."),
    LOGIN_DEFAULT_TENANT_CUSTOM_DOMAIN("wristband.login.default-tenant-custom-domain", Group.LOGIN,
            ValueType.of(Parsers::host).optional("none"),
            "The same as a tenant custom domain (wins over the default name); must be on `wristband.tenant-custom-domains`."),
    LOGOUT_REDIRECT_URL("wristband.logout.redirect-url", Group.LOGIN,
            ValueType.of(Parsers::absoluteHttpUrl).optional("none"),
            "Where Wristband sends the browser after its logout (`redirect_url`), and where ours does when no tenant is known; an absolute http(s) URL."),

    // ---- Sessions and cookies
    SESSION_SECRETS("wristband.session.secrets", Group.SESSION,
            ValueType.of(Parsers::sessionSecrets).secret().derived("the login-state secret"),
            "Key material of the sealed sessions (docs/security.md): up to three secrets of at least 32 characters, comma separated, the newest first. The first seals; all open, so a new secret goes first and the old one can leave the list once the container's session idle timeout has passed. The same on every node; never logged. The demo's published login-state secret is refused here too unless the vanity domain is a loopback host."),
    SESSION_ABSOLUTE_LIFETIME("wristband.session.absolute-lifetime", Group.SESSION,
            duration().check(Parsers::positive, "must be greater than 0.")
                    .byDefault(Duration.ofHours(8), "(8 h)"),
            "A session ends this long after login, however active (the container's idle timeout applies as well, and is capped to this value at login)."),
    SESSION_REPLICATED("wristband.session.replicated", Group.SESSION,
            flag().byDefault(false),
            "The container replicates the session across cluster nodes (docs/clustering.md): a refresh refused while the access token is still valid keeps the session, and a node waits for a sign-in that another node has just completed (`wristband.session.replication-wait`)."),
    SESSION_REPLICATION_WAIT("wristband.session.replication-wait", Group.SESSION,
            duration().check(Parsers::notNegative, "must be greater than or equal to 0.")
                    .byDefault(Duration.ofSeconds(10), "(s)"),
            "With `wristband.session.replicated`: for this long after a sign-in, a node that does not hold that session yet (WildFly stores a new session just after its answer) waits briefly for it and then answers `307` to the same URL, instead of answering as if nobody were signed in. `0` turns this off."),
    DANGEROUSLY_DISABLE_SECURE_COOKIES("wristband.dangerously-disable-secure-cookies", Group.SESSION,
            flag().byDefault(false),
            "Leaves `Secure` off the login-state and CSRF cookies (plain-HTTP development on a non-localhost host only)."),

    // ---- Requests: paths, strategies, CSRF, CORS, roles
    AUTH_PATH("wristband.auth-path", Group.REQUESTS,
            text().check(Parsers::isAuthPath, "must be a path such as /api/auth: \"/\" and segments of letters,"
                    + " digits, \"-\", \"_\" and \".\", not ending with \"/\".").byDefault("/api/auth"),
            "Where the Login, Callback, Logout, Session and Token endpoints answer within the application (`…/login`, `…/callback`, …): a path of plain segments, not ending with `/`."),
    API_PATH_PREFIX("wristband.api-path-prefix", Group.REQUESTS,
            list().check(prefixes -> prefixes.stream().allMatch(prefix -> prefix.startsWith("/")),
                    "must start with \"/\".").byDefault(List.of("/api/")),
            "Paths of API calls, comma separated (`/api/, /rest/`): without a session they get 401 JSON instead of a redirect, and signed-in callers must send the CSRF header. The Session and Token endpoints are API calls wherever they are."),
    AUTH_STRATEGIES("wristband.auth-strategies", Group.REQUESTS,
            ValueType.of(Parsers::authStrategies).byDefault(List.of(AuthStrategy.SESSION)),
            "How requests authenticate, in order, comma separated: `SESSION` (the signed-in session), `JWT` (`Authorization: Bearer` with a Wristband access token, API paths only); e.g. `SESSION,JWT` (docs/extension-points.md \"Bearer tokens\"). Unknown or repeated names stop the deployment."),
    CSRF_ENABLED("wristband.csrf.enabled", Group.REQUESTS,
            flag().byDefault(true),
            "Require the CSRF header on API requests of signed-in users."),
    CSRF_COOKIE_NAME("wristband.csrf.cookie-name", Group.REQUESTS,
            text().check(Parsers::isToken, "must be a cookie name (an RFC 6265 token).").byDefault("CSRF-TOKEN"),
            "The readable cookie holding the CSRF token."),
    CSRF_HEADER_NAME("wristband.csrf.header-name", Group.REQUESTS,
            text().check(Parsers::isToken, "must be a header name (an RFC 7230 token).").byDefault("X-CSRF-TOKEN"),
            "The header that must repeat it."),
    CSRF_ALLOWED_ORIGINS("wristband.csrf.allowed-origins", Group.REQUESTS,
            ValueType.of(Parsers::origins).byDefault(List.of()),
            "Origins besides this application's own whose pages may send signed-in users' `POST`, `PUT`, `PATCH` and `DELETE` requests (a SPA on another origin), comma separated."),
    CORS_ALLOWED_ORIGINS("wristband.cors.allowed-origins", Group.REQUESTS,
            ValueType.of(Parsers::origins).byDefault(List.of()),
            "Origins of a single-page application on the same site allowed to call the auth endpoints and API paths with credentials (CORS), comma separated (`http://localhost:5173`); docs/extension-points.md \"A single-page application on another origin\"."),
    ROLE_MAPPING("wristband.role-mapping", Group.REQUESTS,
            ValueType.of(Parsers::roleMapping).byDefault(Map.of()),
            "Wristband role name to container group, e.g. `app:myapp:admin=admin, app:myapp:viewer=user`; unmapped roles become groups of their own name."),

    // ---- Tokens
    TOKEN_EXPIRATION_BUFFER("wristband.token-expiration-buffer", Group.TOKENS,
            duration().check(Parsers::notNegative,
                    "The [tokenExpirationBuffer] config must be greater than or equal to 0.")
                    .byDefault(Duration.ofSeconds(60)),
            "Seconds taken off the access token's lifetime, so it is refreshed before it expires."),
    TOKEN_ENDPOINT_ENABLED("wristband.token-endpoint.enabled", Group.TOKENS,
            flag().byDefault(false),
            "Serve the Token Endpoint (access token to the browser)."),
    CLOCK_SKEW("wristband.clock-skew", Group.TOKENS,
            duration().check(Parsers::notNegative, "must be greater than or equal to 0.")
                    .byDefault(Duration.ofSeconds(60)),
            "Allowed clock difference when checking ID-token `exp` and `iat`."),
    JWT_ALLOWED_CLIENT_IDS("wristband.jwt.allowed-client-ids", Group.TOKENS,
            list().derived("this application's `wristband.client-id`"),
            "The JWT strategy accepts access tokens issued to these OAuth2 clients only (their `client_id`), comma separated: list the clients whose tokens this API serves (a native app, an M2M client). Every other client of the Wristband application is refused (docs/extension-points.md \"Bearer tokens\")."),
    JWT_ALLOWED_SUBJECT_KINDS("wristband.jwt.allowed-subject-kinds", Group.TOKENS,
            list().byDefault(List.of("user")),
            "The JWT strategy accepts access tokens whose `sub_kind` is one of these, comma separated: `user` for users; add the kind Wristband gives machine clients' tokens to accept M2M callers."),
    JWT_REQUIRED_SCOPES("wristband.jwt.required-scopes", Group.TOKENS,
            list().byDefault(List.of()),
            "Scopes an access token must all carry in its `scope` for the JWT strategy, comma or space separated."),
    BEARER_FILTER_ALLOWED_ORIGINS("wristband.bearer-filter.allowed-origins", Group.TOKENS,
            ValueType.of(Parsers::origins).byDefault(List.of()),
            "Origins `WristbandBearerFilter` may send the user's access token to, comma separated (`https://api.example.com`); a call to any other origin goes without it, and a WARNING names that origin once."),
    JWKS_REFRESH_COOLDOWN("wristband.jwks.refresh-cooldown", Group.TOKENS,
            duration().check(Parsers::notNegative, "must be greater than or equal to 0.")
                    .byDefault(Duration.ofSeconds(10))
                    // Allowed, since tests need each fetch to happen; in production it lifts the one bound on the
                    // calls to Wristband that anyone can cause with a made-up token (docs/security.md).
                    .warnWhen(Duration::isZero, "is 0, which is for tests only: every token with an unknown key id"
                            + " makes a fetch of Wristband's signing keys, and every request after a failed SDK"
                            + " configuration fetch fetches it again."),
            "At most one fetch of Wristband's signing keys per this many seconds when a token names an unknown key or fails its signature check; a failed fetch of the SDK configuration is also kept this long. `0` (tests only) refetches every time; a WARNING at start says so."),

    // ---- Calls to Wristband
    HTTP_CONNECT_TIMEOUT("wristband.http.connect-timeout", Group.HTTP,
            duration().check(Parsers::positive, "must be greater than 0.").byDefault(Duration.ofSeconds(5)),
            "Connect timeout of calls to Wristband."),
    HTTP_REQUEST_TIMEOUT("wristband.http.request-timeout", Group.HTTP,
            duration().check(Parsers::positive, "must be greater than 0.").byDefault(Duration.ofSeconds(30)),
            "Timeout of each call to Wristband (a refresh makes up to 3 attempts; the callback answers 502 when it is exceeded).");

    /** The concerns the keys are grouped by, in docs/configuration.md's order. */
    public enum Group {
        APPLICATION("The Wristband application"),
        LOGIN("Login and logout"),
        SESSION("Sessions and cookies"),
        REQUESTS("Requests: paths, strategies, CSRF, CORS, roles"),
        TOKENS("Tokens"),
        HTTP("Calls to Wristband");

        private final String title;

        Group(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    private final String key;
    private final Group group;
    private final ValueSpec<?> spec;
    private final String documentation;

    ConfigKey(String key, Group group, ValueSpec<?> spec, String documentation) {
        this.key = key;
        this.group = group;
        this.spec = spec;
        this.documentation = documentation;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public Group group() {
        return group;
    }

    @Override
    public ValueSpec<?> spec() {
        return spec;
    }

    @Override
    public String documentation() {
        return documentation;
    }

    /** docs/configuration.md's tables of the library's keys. */
    public static String referenceTables() {
        return KeyDefinition.referenceTables(List.of(values()));
    }
}
