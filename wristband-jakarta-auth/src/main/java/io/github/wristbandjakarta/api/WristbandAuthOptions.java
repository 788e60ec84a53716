package io.github.wristbandjakarta.api;

import io.github.wristbandjakarta.api.LoginOptions;
import jakarta.servlet.http.HttpServletRequest;

/**
 * What an express application passes to {@code login(req, res, config)} and {@code logout(req, res, config)} per
 * request, as one CDI bean an application may provide (the library provides none). Each method receives the options
 * the configuration gives ({@code wristband.login.default-tenant-name}, {@code …default-tenant-custom-domain},
 * {@code wristband.logout.redirect-url}; docs/extension-points.md "Login and logout options") and returns those to use.
 * Both run on the thread of the endpoint's request; one that throws makes the endpoint answer 500.
 */
public interface WristbandAuthOptions {

    /**
     * Called by the Login Endpoint for each login it starts; the default keeps the configured options.
     *
     * @param request    the Login Endpoint's request (its query: {@code tenant_name}, {@code return_url}, …)
     * @param configured the configured defaults; {@code customState} and {@code returnUrl} null
     * @return the login's options, never null: {@code customState} (a JSON object's text, handed back in the
     *         {@code SignedIn} event), a default tenant name or custom domain (used when the request names no tenant;
     *         a custom domain must be on {@code wristband.tenant-custom-domains}), a {@code returnUrl} that wins over
     *         the {@code return_url} parameter (same origin or allowed, as that parameter)
     */
    default LoginOptions login(HttpServletRequest request, LoginOptions configured) {
        return configured;
    }

    /**
     * Called by the Logout Endpoint for each logout it performs (not for one it first asks the user to confirm); the
     * default keeps the configured options.
     *
     * @param request    the Logout Endpoint's request
     * @param configured the configured redirect URL, and the signed-in session's tenant (if any)
     * @return the logout's options, never null; {@code state} comes back from Wristband on its redirect, at most 512
     *         characters
     */
    default Logout logout(HttpServletRequest request, Logout configured) {
        return configured;
    }

    /**
     * The SDKs' {@code LogoutConfig}; every field may be null. The tenant picks whose Wristband logout the browser is
     * sent to (with neither field, the request's {@code tenant_custom_domain} or tenant); with no tenant at all the
     * browser goes to {@code redirectUrl}, else to the application's login page (docs/protocol.md §5.2).
     *
     * @param redirectUrl        where Wristband sends the browser after its logout (and where ours does without a
     *                           tenant)
     * @param state              carried back by Wristband to {@code redirectUrl}, at most 512 characters (a longer one
     *                           makes the logout a 400); not sent without a tenant
     * @param tenantName         the tenant to log out of; configured: the session's
     * @param tenantCustomDomain the tenant custom domain to log out through, winning over {@code tenantName} while it
     *                           is on {@code wristband.tenant-custom-domains}; configured: the one the session's login
     *                           came through
     */
    record Logout(String redirectUrl, String state, String tenantName, String tenantCustomDomain) {
    }
}
