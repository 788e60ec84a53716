package io.github.wristbandjakarta.internal.config;

/**
 * How a request may be authenticated ({@code wristband.auth-strategies}, in order; the official SDKs'
 * {@code authStrategies}, docs/extension-points.md "Bearer tokens").
 */
public enum AuthStrategy {
    /** The sign-in kept in the HttpSession (Login and Callback endpoints), with CSRF checks and token refresh. */
    SESSION,
    /** {@code Authorization: Bearer} with a Wristband access token, on API paths; no session, CSRF or refresh. */
    JWT
}
