package io.github.wristbandjakarta.it;

import io.github.wristbandjakarta.api.LoginOptions;
import io.github.wristbandjakarta.api.WristbandAuthOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;

/** Test-only (AuthOptionsIT): an application's per-request login and logout options. */
@ApplicationScoped
public class TestAuthOptions implements WristbandAuthOptions {

    static final String CUSTOM_STATE = "{\"plan\":\"pro\"}";
    static final String LOGOUT_STATE = "after-logout-42";

    @Override
    public LoginOptions login(HttpServletRequest request, LoginOptions configured) {
        return new LoginOptions(CUSTOM_STATE, configured.defaultTenantCustomDomain(), configured.defaultTenantName(),
                configured.returnUrl());
    }

    @Override
    public Logout logout(HttpServletRequest request, Logout configured) {
        return new Logout(configured.redirectUrl(), LOGOUT_STATE, configured.tenantName(),
                configured.tenantCustomDomain());
    }
}
