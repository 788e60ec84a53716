package io.github.wristbandjakarta.wristband;

import io.github.wristbandjakarta.config.WristbandConfig;

import java.net.http.HttpClient;

/**
 * The back channel to Wristband's API at the application vanity origin (spec §1.2, §2.4) over the JDK's
 * HttpClient: redirects are never followed, connect and request timeouts come from the configuration,
 * HTTP Basic {@code clientId:clientSecret} on token and revoke, form bodies always form-encoded.
 */
public final class WristbandClient {

    public WristbandClient(WristbandConfig config, HttpClient httpClient) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * {@code grant_type=authorization_code}.
     *
     * @throws InvalidGrantException         400 with {@code error=invalid_grant}
     * @throws WristbandUnavailableException network error, timeout, 5xx, or a body without a string
     *                                       {@code access_token} and a numeric {@code expires_in}
     * @throws WristbandException            any other error answer (code {@code unexpected_error})
     */
    public TokenResponse exchangeAuthorizationCode(String code, String redirectUri, String codeVerifier) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * {@code grant_type=refresh_token}, up to 3 attempts (spec §7.5): 5xx/network/garbage wait 100 ms then
     * 200 ms and retry; {@code invalid_grant} stops at once with {@link InvalidGrantException}; any other 4xx
     * stops at once with code {@code invalid_refresh_token} (description from the body or
     * "Invalid Refresh Token"); after the third failure {@link WristbandUnavailableException}.
     */
    public TokenResponse refresh(String refreshToken) {
        throw new UnsupportedOperationException("TODO");
    }

    /** POST revoke {@code token={refreshToken}}; throws on any failure (callers log and go on). */
    public void revoke(String refreshToken) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * GET userinfo with the bearer token.
     *
     * @throws WristbandUnavailableException on network error, timeout, non-2xx, garbage, or a missing
     *                                       required claim ({@code sub}, {@code tnt_id}, {@code app_id},
     *                                       {@code idp_name})
     */
    public UserInfo userInfo(String accessToken) {
        throw new UnsupportedOperationException("TODO");
    }

    /** GET the JWKS document as JSON text; {@link WristbandUnavailableException} on any failure. */
    public String jwks() {
        throw new UnsupportedOperationException("TODO");
    }

    /** GET the SDK configuration, no credentials, one attempt; {@link WristbandUnavailableException} on failure. */
    public SdkConfiguration sdkConfiguration() {
        throw new UnsupportedOperationException("TODO");
    }
}
