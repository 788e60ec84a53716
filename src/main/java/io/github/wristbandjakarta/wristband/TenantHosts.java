package io.github.wristbandjakarta.wristband;

import io.github.wristbandjakarta.config.WristbandConfig;

import java.net.URI;

/**
 * Where Wristband's redirect-style endpoints live (spec §1.1): the tenant vanity host
 * {@code {tenant}-{vanity}} (or {@code {tenant}.{vanity}} with an active application custom domain), a tenant
 * custom domain, or the application vanity domain. The scheme is https, except http for a loopback host when
 * the application origin itself is http (the emulator).
 */
public final class TenantHosts {

    public static final String AUTHORIZE_PATH = "/api/v1/oauth2/authorize";
    public static final String LOGOUT_PATH = "/api/v1/logout";
    public static final String APPLICATION_LOGIN_PATH = "/login";

    public TenantHosts(WristbandConfig config) {
        throw new UnsupportedOperationException("TODO");
    }

    /** {@code https://{tenantName}{sep}{vanity}}. */
    public URI tenantOrigin(String tenantName, boolean applicationCustomDomainActive) {
        throw new UnsupportedOperationException("TODO");
    }

    /** {@code https://{tenantCustomDomain}}. */
    public URI customDomainOrigin(String tenantCustomDomain) {
        throw new UnsupportedOperationException("TODO");
    }

    /** The application vanity origin, e.g. {@code https://yourapp-yourco.us.wristband.dev}. */
    public URI applicationOrigin() {
        throw new UnsupportedOperationException("TODO");
    }
}
