package io.github.wristbandjakarta.api;

import io.github.wristbandjakarta.api.LoginOptions;
import jakarta.servlet.http.HttpServletRequest;

/**
 * What an express application passes to {@code login(req, res, config)} and {@code logout(req, res, config)} per
 * request, as one CDI bean an application may provide (the library provides none). Each method receives the options
 * the configuration gives ({@code wristband.login.default-tenant-name}, {@code …default-tenant-custom-domain},
 * {@code wristband.logout.redirect-url}; docs/extension-points.md "Login and logout options") and returns those to use.
 */
public interface WristbandAuthOptions {

    /**
     * @param configured the configured defaults; {@code customState} and {@code returnUrl} null
     * @return the login's options: {@code customState} (a JSON object's text, handed back in the
     *         {@code SignedIn} event), a default tenant name or custom domain (used when the request names no tenant;
     *         a custom domain must be on {@code wristband.tenant-custom-domains}), a {@code returnUrl} that wins over
     *         the {@code return_url} parameter (same origin or allowed, as that parameter)
     */
    default LoginOptions login(HttpServletRequest request, LoginOptions configured) {
        return configured;
    }

    /**
     * @param configured the configured redirect URL, and the signed-in session's tenant (if any)
     * @return the logout's options; {@code state} comes back from Wristband on its redirect, at most 512 characters
     */
    default Logout logout(HttpServletRequest request, Logout configured) {
        return configured;
    }

    /**
     * The SDKs' {@code LogoutConfig}; every field may be null.
     *
     * @param redirectUrl where Wristband sends the browser after its logout (and where ours does without a tenant)
     * @param state       carried back by Wristband, at most 512 characters
     */
    record Logout(String redirectUrl, String state, String tenantName, String tenantCustomDomain) {
    }
}
