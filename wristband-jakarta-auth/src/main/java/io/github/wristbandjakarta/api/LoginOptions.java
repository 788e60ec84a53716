package io.github.wristbandjakarta.api;

/**
 * What an application may add to one login (the SDKs' {@code LoginConfig}), given to and returned by
 * {@link WristbandAuthOptions#login}; every field may be null, meaning not set
 * (docs/extension-points.md "Login and logout options"). The custom state and return URL travel in the login-state
 * cookie, which may not exceed 4 kB (docs/protocol.md §3.4): a login whose values are larger is answered 400.
 *
 * @param customState               a JSON object as text, carried through the login and handed back in
 *                                  {@link WristbandEvent.SignedIn}; any other text is dropped with a WARNING
 * @param defaultTenantCustomDomain the tenant custom domain a login goes to when the request names no tenant (it wins
 *                                  over {@code defaultTenantName}); one not on {@code wristband.tenant-custom-domains}
 *                                  makes such a login a 400
 * @param defaultTenantName         the tenant a login goes to when the request names none; without either default
 *                                  such a login goes to the application-level login page (docs/protocol.md §3.6)
 * @param returnUrl                 where the user lands after signing in; wins over the {@code return_url} query
 *                                  parameter and is checked as it is (docs/protocol.md §9.6), else dropped
 */
public record LoginOptions(String customState, String defaultTenantCustomDomain, String defaultTenantName,
                           String returnUrl) {

    /** No options: the login goes by its request alone. */
    public static final LoginOptions NONE = new LoginOptions(null, null, null, null);
}
