package io.github.wristbandjakarta.internal.login;

import io.github.wristbandjakarta.internal.config.LogSafe;
import io.github.wristbandjakarta.internal.config.WristbandConfig;
import io.github.wristbandjakarta.internal.wristband.ConfigurationResolver;
import io.github.wristbandjakarta.internal.wristband.FormEncoding;
import io.github.wristbandjakarta.internal.wristband.ResolvedConfiguration;
import io.github.wristbandjakarta.internal.wristband.TenantHosts;
import io.github.wristbandjakarta.internal.wristband.WristbandClient;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Logout Endpoint (docs/protocol.md §5): revokes the refresh token (a failure is logged, not fatal), deletes every
 * login-state cookie, and redirects to Wristband's logout endpoint on the tenant's host, or to the
 * application-level login page when no tenant is known.
 */
public final class LogoutFlow {

    private static final Logger LOG = Logger.getLogger(LogoutFlow.class.getName());
    static final int MAX_STATE_LENGTH = 512;

    private final WristbandConfig config;
    private final ConfigurationResolver resolver;
    private final TenantHosts hosts;
    private final WristbandClient wristband;
    private final LoginStateCookies cookies;
    private final TenantCustomDomains customDomains;

    public LogoutFlow(WristbandConfig config, ConfigurationResolver resolver, TenantHosts hosts,
                      WristbandClient wristband, LoginStateCookies cookies) {
        this.config = config;
        this.resolver = resolver;
        this.hosts = hosts;
        this.wristband = wristband;
        this.cookies = cookies;
        this.customDomains = new TenantCustomDomains(config);
    }

    public LoginRedirect logout(AuthRequest request, LogoutOptions options) {
        String state = blankToNull(options.state());
        if (state != null && state.length() > MAX_STATE_LENGTH) {
            throw new InvalidRequestException("The [state] logout config cannot exceed 512 characters.");
        }
        QueryParameters query = QueryParameters.parse(request.rawQuery());
        Optional<String> customDomainParam = query.single("tenant_custom_domain")
                .map(v -> TenantResolver.requireHost(v, "tenant_custom_domain"))
                .map(v -> customDomains.require(v, TenantCustomDomains.NOT_ALLOWED));
        Optional<String> tenantNameParam = query.single("tenant_name")
                .map(v -> TenantResolver.requireTenantName(v, "tenant_name"));
        ResolvedConfiguration resolved = resolver.resolve();

        revoke(options.refreshToken());

        List<String> setCookies = new ArrayList<>(cookies.deleteAll(cookies.find(request.cookieHeaders())));
        Optional<URI> origin = tenantOrigin(request, resolved, options, customDomainParam, tenantNameParam);
        String redirectUrl = blankToNull(options.redirectUrl());
        String location;
        if (origin.isPresent()) {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("client_id", config.clientId());
            parameters.put("redirect_url", redirectUrl);
            parameters.put("state", state);
            location = origin.get() + TenantHosts.LOGOUT_PATH + "?" + FormEncoding.encode(parameters);
        } else if (redirectUrl != null) {
            location = redirectUrl;
        } else {
            String base = resolved.customApplicationLoginPageUrl()
                    .orElse(hosts.applicationOrigin() + TenantHosts.APPLICATION_LOGIN_PATH);
            location = base + (base.contains("?") ? "&" : "?") + "client_id=" + FormEncoding.encode(config.clientId());
        }
        LOG.info("Logout: redirecting to Wristband");
        return new LoginRedirect(location, setCookies);
    }

    /** docs/protocol.md §5.2: the session's tenant first, then the request's. */
    private Optional<URI> tenantOrigin(AuthRequest request, ResolvedConfiguration resolved, LogoutOptions options,
                                       Optional<String> customDomainParam, Optional<String> tenantNameParam) {
        if (blankToNull(options.tenantCustomDomain()) != null) {
            // Checked again: the allow-list may have changed since the login stored it.
            if (customDomains.allows(options.tenantCustomDomain())) {
                return Optional.of(hosts.customDomainOrigin(options.tenantCustomDomain()));
            }
            LOG.info("Logout: the session's tenant custom domain is no longer allowed; using the tenant's host");
        }
        if (blankToNull(options.tenantName()) != null) {
            return Optional.of(hosts.tenantOrigin(options.tenantName(), resolved.applicationCustomDomainActive()));
        }
        if (customDomainParam.isPresent()) {
            return Optional.of(hosts.customDomainOrigin(customDomainParam.get()));
        }
        Optional<String> tenantName = resolved.usesTenantSubdomains()
                ? TenantResolver.fromSubdomain(request.host(), resolved.parseTenantFromRootDomain().get())
                : tenantNameParam;
        return tenantName.map(name -> hosts.tenantOrigin(name, resolved.applicationCustomDomainActive()));
    }

    private void revoke(String refreshToken) {
        if (refreshToken == null || refreshToken.isEmpty()) {
            return;
        }
        try {
            wristband.revoke(refreshToken);
        } catch (RuntimeException e) {
            // Logout goes on: the session ends here whatever Wristband says (docs/protocol.md §5.1 step 2).
            LOG.log(Level.WARNING, "Logout: revoking the refresh token failed: {0}", LogSafe.clean(e.getMessage()));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
