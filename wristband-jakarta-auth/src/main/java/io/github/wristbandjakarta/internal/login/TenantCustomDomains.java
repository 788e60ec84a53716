package io.github.wristbandjakarta.internal.login;

import io.github.wristbandjakarta.internal.config.WristbandConfig;


/**
 * The tenant custom domains a request may name ({@code wristband.tenant-custom-domains}: exact hosts, and
 * {@code *.suffix} for any host below a suffix; none by default). A {@code tenant_custom_domain} parameter becomes the
 * host the browser is sent to, carrying the login's {@code state}, PKCE challenge and nonce: any host would let an
 * attacker relay a victim's login (login CSRF) or phish it from our own URL (RFC 9700 §4.11, open redirectors).
 */
public final class TenantCustomDomains {

    private final WristbandConfig config;

    public TenantCustomDomains(WristbandConfig config) {
        this.config = config;
    }

    public boolean allows(String host) {
        return config.allowsTenantCustomDomain(host);
    }

    /** The Login and Logout endpoints' 400 for a host that is not allowed. */
    static final String NOT_ALLOWED = "The [tenant_custom_domain] query parameter is not an allowed tenant custom domain"
            + " (wristband.tenant-custom-domains)";

    /** {@code host} if allowed, else a 400 with {@code message}. */
    String require(String host, String message) {
        if (!allows(host)) {
            throw new InvalidRequestException(message);
        }
        return host;
    }
}
