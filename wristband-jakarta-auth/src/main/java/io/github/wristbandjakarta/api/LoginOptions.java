package io.github.wristbandjakarta.api;

/**
 * What an application may add to one login (the SDKs' {@code LoginConfig}); every field may be null.
 *
 * @param customState a JSON object as text, carried through the login and handed back by the callback
 * @param returnUrl   wins over the {@code return_url} query parameter
 */
public record LoginOptions(String customState, String defaultTenantCustomDomain, String defaultTenantName,
                           String returnUrl) {

    public static final LoginOptions NONE = new LoginOptions(null, null, null, null);
}
