package io.github.wristbandjakarta.emulator;

/** The emulated Wristband endpoints, used for call counters and fault injection. */
public enum Endpoint {
    /** {@code GET /api/v1/oauth2/authorize} (the hosted login page; the approve link is not counted). */
    AUTHORIZE,
    /** {@code POST /api/v1/oauth2/token} with {@code grant_type=authorization_code}. */
    TOKEN_CODE,
    /** {@code POST /api/v1/oauth2/token} with {@code grant_type=refresh_token}. */
    TOKEN_REFRESH,
    /** {@code POST /api/v1/oauth2/revoke}. */
    REVOKE,
    /** {@code GET /api/v1/oauth2/userinfo}. */
    USERINFO,
    /** {@code GET /api/v1/oauth2/jwks}. */
    JWKS,
    /** {@code GET /api/v1/logout}. */
    LOGOUT,
    /** {@code GET /api/v1/clients/{clientId}/sdk-configuration}. */
    SDK_CONFIGURATION,
    /** {@code GET /login} on the application host (tenant discovery page). */
    APPLICATION_LOGIN
}
