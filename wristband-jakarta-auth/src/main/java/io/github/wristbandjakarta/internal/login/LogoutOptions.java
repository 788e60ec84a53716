package io.github.wristbandjakarta.internal.login;

/**
 * What the logout knows of the session being ended (the SDKs' {@code LogoutConfig}); every field may be null.
 *
 * @param redirectUrl where Wristband sends the browser after logout; also the fallback when no tenant is known
 * @param state       carried back by Wristband on its redirect, at most 512 characters
 */
public record LogoutOptions(String refreshToken, String tenantName, String tenantCustomDomain, String redirectUrl,
                            String state) {

    public static final LogoutOptions NONE = new LogoutOptions(null, null, null, null, null);

    @Override
    public String toString() {
        return "LogoutOptions[tenantName=" + tenantName + "]";
    }
}
