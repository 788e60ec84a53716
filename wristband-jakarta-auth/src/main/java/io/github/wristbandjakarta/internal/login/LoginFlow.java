package io.github.wristbandjakarta.internal.login;

import io.github.wristbandjakarta.api.LoginOptions;

import io.github.wristbandjakarta.internal.config.WristbandConfig;
import io.github.wristbandjakarta.internal.wristband.ConfigurationResolver;
import io.github.wristbandjakarta.internal.wristband.FormEncoding;
import io.github.wristbandjakarta.internal.wristband.ResolvedConfiguration;
import io.github.wristbandjakarta.internal.wristband.TenantHosts;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The Login Endpoint (docs/protocol.md §3): resolves the tenant, makes state, PKCE verifier and nonce, seals them into a
 * login-state cookie and redirects to Wristband's authorize endpoint on the tenant's host; with no tenant, to
 * the application-level login page carrying the return URL in {@code state}.
 */
public final class LoginFlow {

    private static final Logger LOG = Logger.getLogger(LoginFlow.class.getName());
    static final int MAX_COOKIE_VALUE = 4096;

    private final WristbandConfig config;
    private final ConfigurationResolver resolver;
    private final TenantHosts hosts;
    private final LoginStateCodec codec;
    private final LoginStateCookies cookies;
    private final ReturnUrlPolicy returnUrls;
    private final Clock clock;
    private final RandomValues random;
    private final TenantCustomDomains customDomains;

    public LoginFlow(WristbandConfig config, ConfigurationResolver resolver, TenantHosts hosts,
                     LoginStateCodec codec, LoginStateCookies cookies, ReturnUrlPolicy returnUrls,
                     Clock clock, SecureRandom random) {
        this.config = config;
        this.resolver = resolver;
        this.hosts = hosts;
        this.codec = codec;
        this.cookies = cookies;
        this.returnUrls = returnUrls;
        this.clock = clock;
        this.random = new RandomValues(random);
        this.customDomains = new TenantCustomDomains(config);
    }

    public LoginRedirect start(AuthRequest request, LoginOptions options) {
        QueryParameters query = QueryParameters.parse(request.rawQuery());
        // Every parameter the login reads may appear at most once, whether or not it is used (docs/protocol.md §3.1).
        Optional<String> customDomainParam = query.single("tenant_custom_domain")
                .map(v -> TenantResolver.requireHost(v, "tenant_custom_domain"))
                .map(v -> customDomains.require(v, TenantCustomDomains.NOT_ALLOWED));
        Optional<String> tenantNameParam = query.single("tenant_name")
                .or(() -> query.single("tenant_domain"))
                .map(v -> TenantResolver.requireTenantName(v, "tenant_name"));
        Optional<String> returnUrlParam = query.single("return_url");
        Optional<String> loginHint = query.single("login_hint");
        Optional<String> idpHint = query.single("idp_hint");

        ResolvedConfiguration resolved = resolver.resolve();
        String returnUrl = acceptReturnUrl(options.returnUrl() != null ? options.returnUrl()
                : returnUrlParam.orElse(null), request.origin());

        Optional<Tenant> tenant = tenant(request, resolved, customDomainParam, tenantNameParam, options);
        if (tenant.isEmpty()) {
            LOG.info("Login started without a tenant: redirecting to the application-level login page");
            return new LoginRedirect(applicationLoginUrl(resolved, returnUrl), List.of());
        }

        String state = random.next();
        String codeVerifier = random.next();
        String nonce = random.next();
        Instant now = clock.instant();
        String sealed = codec.seal(new LoginState(state, codeVerifier, nonce, resolved.redirectUri(), returnUrl,
                blankToNull(options.customState()), tenant.get().name(), tenant.get().customDomain(), now));
        if (sealed.length() > MAX_COOKIE_VALUE) {
            throw new InvalidRequestException("Login state cookie exceeds 4kB in size. Ensure your [customState]"
                    + " and [returnUrl] values are a reasonable size.");
        }

        List<String> setCookies = new ArrayList<>(cookies.makeRoom(cookies.find(request.cookieHeaders())));
        setCookies.add(cookies.set(state, now.toEpochMilli(), sealed));

        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("client_id", config.clientId());
        parameters.put("redirect_uri", resolved.redirectUri());
        parameters.put("response_type", "code");
        parameters.put("state", state);
        parameters.put("scope", String.join(" ", config.scopes()));
        parameters.put("code_challenge", RandomValues.codeChallenge(codeVerifier));
        parameters.put("code_challenge_method", "S256");
        parameters.put("nonce", nonce);
        parameters.put("login_hint", loginHint.orElse(null));
        parameters.put("idp_hint", idpHint.orElse(null));
        URI tenantOrigin = tenant.get().origin();
        String location = tenantOrigin + TenantHosts.AUTHORIZE_PATH + "?" + FormEncoding.encode(parameters);
        LOG.info("Login started: redirecting to Wristband's authorize endpoint on " + tenantOrigin.getHost());
        return new LoginRedirect(location, setCookies);
    }

    /**
     * Where the login goes and for which tenant: sealed into the login state, so that the callback can require the
     * same tenant (docs/protocol.md §4.1).
     *
     * @param name         null when only a custom domain was chosen
     * @param customDomain null unless a custom domain was chosen
     */
    private record Tenant(String name, String customDomain, URI origin) {
    }

    /** docs/protocol.md §3.2: custom domain parameter, tenant name (subdomain or parameter), then the two defaults. */
    private Optional<Tenant> tenant(AuthRequest request, ResolvedConfiguration resolved,
                                    Optional<String> customDomainParam, Optional<String> tenantNameParam,
                                    LoginOptions options) {
        Optional<String> tenantName = resolved.usesTenantSubdomains()
                ? TenantResolver.fromSubdomain(request.host(), resolved.parseTenantFromRootDomain().get())
                : tenantNameParam;
        if (customDomainParam.isPresent()) {
            return Optional.of(new Tenant(tenantName.orElse(null), customDomainParam.get(),
                    hosts.customDomainOrigin(customDomainParam.get())));
        }
        if (tenantName.isPresent()) {
            return Optional.of(new Tenant(tenantName.get(), null,
                    hosts.tenantOrigin(tenantName.get(), resolved.applicationCustomDomainActive())));
        }
        // The defaults come from configuration or the application's options bean: checked as a parameter would be.
        String defaultCustomDomain = Optional.ofNullable(blankToNull(options.defaultTenantCustomDomain()))
                .map(v -> TenantResolver.requireHost(v, "defaultTenantCustomDomain"))
                .map(v -> customDomains.require(v, TenantCustomDomains.NOT_ALLOWED)).orElse(null);
        String defaultName = Optional.ofNullable(blankToNull(options.defaultTenantName()))
                .map(v -> TenantResolver.requireTenantName(v, "defaultTenantName")).orElse(null);
        if (defaultCustomDomain != null) {
            return Optional.of(new Tenant(defaultName, defaultCustomDomain,
                    hosts.customDomainOrigin(defaultCustomDomain)));
        }
        if (defaultName != null) {
            return Optional.of(new Tenant(defaultName, null,
                    hosts.tenantOrigin(defaultName, resolved.applicationCustomDomainActive())));
        }
        return Optional.empty();
    }

    private String applicationLoginUrl(ResolvedConfiguration resolved, String returnUrl) {
        String base = resolved.customApplicationLoginPageUrl()
                .orElse(hosts.applicationOrigin() + TenantHosts.APPLICATION_LOGIN_PATH);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("client_id", config.clientId());
        parameters.put("state", returnUrl);
        return base + (base.contains("?") ? "&" : "?") + FormEncoding.encode(parameters);
    }

    private String acceptReturnUrl(String candidate, URI origin) {
        if (candidate == null || candidate.isEmpty()) {
            return null;
        }
        Optional<String> accepted = returnUrls.accept(candidate, origin);
        if (accepted.isEmpty()) {
            LOG.info("Login return URL ignored: not same-origin, not allow-listed, malformed or longer than "
                    + ReturnUrlPolicy.MAX_LENGTH + " characters");
        }
        return accepted.orElse(null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
