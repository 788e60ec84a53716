package io.github.wristbandjakarta.internal.wristband;

import io.github.wristbandjakarta.internal.config.ConfigRules;
import io.github.wristbandjakarta.internal.config.WristbandConfig;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where Wristband's redirect-style endpoints live (docs/protocol.md §2.1): the tenant vanity host
 * {@code {tenant}-{vanity}} (or {@code {tenant}.{vanity}} with an active application custom domain), a tenant
 * custom domain, or the application vanity domain. Tenant vanity hosts share the application origin's scheme
 * (http only when that is a loopback emulator); a tenant custom domain is https, except http for a loopback host
 * when the application origin itself is http.
 */
public final class TenantHosts {

    public static final String AUTHORIZE_PATH = "/api/v1/oauth2/authorize";
    public static final String LOGOUT_PATH = "/api/v1/logout";
    public static final String APPLICATION_LOGIN_PATH = "/login";

    private final URI applicationOrigin;
    private final String vanityDomain;
    private final boolean httpAllowed;

    public TenantHosts(WristbandConfig config) {
        this.applicationOrigin = config.applicationOrigin();
        this.vanityDomain = config.applicationVanityDomain();
        this.httpAllowed = "http".equals(applicationOrigin.getScheme());
    }

    /**
     * {@code https://{tenantName}{sep}{vanity}}.
     *
     * @throws IllegalArgumentException when the tenant name does not make a valid host name
     */
    public URI tenantOrigin(String tenantName, boolean applicationCustomDomainActive) {
        if (tenantName == null || tenantName.isEmpty()) {
            throw new IllegalArgumentException("The tenant name is empty");
        }
        return origin(tenantName + (applicationCustomDomainActive ? "." : "-") + vanityDomain, httpAllowed);
    }

    /**
     * {@code https://{tenantCustomDomain}}.
     *
     * @throws IllegalArgumentException when the value is not a host with an optional port
     */
    public URI customDomainOrigin(String tenantCustomDomain) {
        if (tenantCustomDomain == null || tenantCustomDomain.isEmpty()) {
            throw new IllegalArgumentException("The tenant custom domain is empty");
        }
        return origin(tenantCustomDomain, false);
    }

    /** The application vanity origin, e.g. {@code https://yourapp-yourco.us.wristband.dev}. */
    public URI applicationOrigin() {
        return applicationOrigin;
    }

    /**
     * The values come from request parameters and Host headers: anything but a plain {@code host[:port]}
     * (a path, userinfo, query) would let a caller steer the browser elsewhere, so it is refused.
     */
    private URI origin(String authority, boolean derivedFromVanityDomain) {
        if (authority.chars().anyMatch(c -> "/?#@\\".indexOf(c) >= 0 || c <= ' ')) {
            throw new IllegalArgumentException("Not a valid host name");
        }
        URI uri;
        try {
            uri = new URI("https://" + authority);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Not a valid host name", e);
        }
        if (uri.getHost() == null || !authority.equals(uri.getRawAuthority())) {
            throw new IllegalArgumentException("Not a valid host name");
        }
        if (httpAllowed && (derivedFromVanityDomain || ConfigRules.isLoopbackHost(uri.getHost()))) {
            return URI.create("http://" + authority);
        }
        return uri;
    }
}
