package io.github.wristbandjakarta.api;

/**
 * What the library tells the application, as CDI events (docs/extension-points.md "Events"): observe one of the
 * records below, e.g. {@code void onSignIn(@Observes SignedIn signedIn)}, or all with {@code @Observes WristbandEvent}.
 * Observers run synchronously on the thread of the request that caused the event, after the fact (the user is signed
 * in, the session ended), before that request's answer is sent; one that throws is logged and does not change the
 * request's outcome. No plain authenticated request fires any. User and tenant ids only: never a token.
 */
public sealed interface WristbandEvent
        permits WristbandEvent.SignedIn, WristbandEvent.SignedOut, WristbandEvent.TokensRefreshed,
        WristbandEvent.RefreshFailed, WristbandEvent.SessionEnded, WristbandEvent.CallbackFailed,
        WristbandEvent.RequestRefused {

    /**
     * A user signed in: the Callback Endpoint stored the session, and its answer will redirect to the return URL.
     *
     * @param userId      the Wristband user id
     * @param tenantId    the Wristband tenant id
     * @param tenantName  the tenant's name, as logins name it
     * @param customState the login's custom state (JSON text, {@link LoginOptions#customState()}), or null
     */
    record SignedIn(String userId, String tenantId, String tenantName, String customState) implements WristbandEvent {
    }

    /**
     * A signed-in user signed out through the Logout Endpoint. A logout without a session fires nothing.
     *
     * @param userId   the Wristband user id
     * @param tenantId the Wristband tenant id
     */
    record SignedOut(String userId, String tenantId) implements WristbandEvent {
    }

    /**
     * A session's tokens were refreshed at Wristband (once per refresh, however many requests shared it; told by the
     * request that called Wristband).
     *
     * @param userId   the session's user
     * @param tenantId the session's tenant
     */
    record TokensRefreshed(String userId, String tenantId) implements WristbandEvent {
    }

    /**
     * A call to Wristband for new tokens that brought none (once per call, however many requests waited for it). A
     * refusal is followed by {@link SessionEnded} with {@link SessionEnded.Reason#REFRESH_REFUSED} when the session
     * ends.
     *
     * @param userId the session's user
     * @param reason whether the session ends or is kept
     */
    record RefreshFailed(String userId, Reason reason) implements WristbandEvent {

        /** Why no tokens came, and so what becomes of the session. */
        public enum Reason {
            /**
             * Wristband refused the refresh token, or its answer failed validation: the session ends (in a cluster,
             * once its access token has expired: docs/clustering.md).
             */
            REFUSED,
            /**
             * Wristband could not be reached or answered 5xx on every attempt: the session is kept for a later try,
             * and the request goes on without a caller (401 or the login redirect where it needs one).
             */
            UNAVAILABLE
        }
    }

    /**
     * A sign-in ended without a logout, told by the request that found it over. A session the container drops for
     * idleness fires nothing: no request sees it end.
     *
     * @param userId   the session's user; null when the session's value could not be opened
     *                 ({@link Reason#FORGED_OR_ALTERED})
     * @param tenantId the session's tenant; null as {@code userId}
     * @param reason   why it ended
     */
    record SessionEnded(String userId, String tenantId, Reason reason) implements WristbandEvent {

        /** Why a sign-in ended; the user must sign in again in every case. */
        public enum Reason {
            /** {@code wristband.session.absolute-lifetime} reached. */
            ABSOLUTE_LIFETIME,
            /** The access token expired and there is no refresh token (no {@code offline_access} scope). */
            TOKENS_EXPIRED,
            /** Wristband refused the refresh token, or its answer failed validation. */
            REFRESH_REFUSED,
            /**
             * The sealed sign-in did not open: altered or forged in the session store, or sealed under a secret no
             * longer on {@code wristband.session.secrets}; worth an alert when no secret left that list.
             */
            FORGED_OR_ALTERED
        }
    }

    /**
     * A callback that signed nobody in: either answered with an error, or sent back to the login (docs/protocol.md
     * §4.2). Anyone can send a callback request: keep observers cheap.
     *
     * @param reason why: the error answered, or the reason of the redirect back to the login
     */
    record CallbackFailed(Reason reason) implements WristbandEvent {

        /**
         * Every way a callback can fail, each with its code on the wire (docs/protocol.md §4.2): the Callback
         * Endpoint answers with it, the telemetry counts by it. Wristband's own authorization errors (RFC 6749
         * §4.1.2.1, OpenID Connect Core 3.1.2.6) are named; any other code Wristband sends is {@link #OTHER}.
         */
        public enum Reason {
            // Redirects back to the login (docs/protocol.md §4.2).
            /**
             * Redirected to the login: no login-state cookie for the callback's {@code state} (the login began in
             * another browser, or its cookie expired or was deleted).
             */
            MISSING_LOGIN_STATE("missing_login_state"),
            /**
             * Redirected to the login: the login state did not open, is over an hour old, or was used already (a
             * callback replayed).
             */
            INVALID_LOGIN_STATE("invalid_login_state"),
            /** Redirected to the login: Wristband answered {@code login_required} (OpenID Connect Core 3.1.2.6). */
            LOGIN_REQUIRED("login_required"),
            /**
             * Redirected to the login: Wristband refused the authorization code as expired, used or revoked
             * (RFC 6749 §5.2).
             */
            INVALID_GRANT("invalid_grant"),
            // Errors the library answers.
            /**
             * 400: a malformed callback (a parameter missing, repeated or ill-formed, another tenant than the
             * login's), or Wristband's own {@code invalid_request}.
             */
            INVALID_REQUEST("invalid_request"),
            /** 502: Wristband's ID token failed validation (docs/protocol.md §4.3), or userinfo names another user. */
            INVALID_ID_TOKEN("invalid_id_token"),
            /**
             * 502: Wristband could not be reached; or 400: it refused the code exchange other than as
             * {@code invalid_grant}.
             */
            UNEXPECTED_ERROR("unexpected_error"),
            /** 502: the SDK configuration could not be fetched from Wristband (docs/protocol.md §2.5). */
            SDK_CONFIG_ERROR("sdk_config_error"),
            /** 400: the callback names no tenant ({@code tenant_name}). */
            MISSING_TENANT_NAME("missing_tenant_name"),
            /** 400: tenants are subdomains, and the callback's host has none. */
            MISSING_TENANT_SUBDOMAIN("missing_tenant_subdomain"),
            // Authorization errors Wristband may send to the callback.
            /** 400, from Wristband: the user or the server denied the request. */
            ACCESS_DENIED("access_denied"),
            /** 400, from Wristband: this client may not use the authorization code flow. */
            UNAUTHORIZED_CLIENT("unauthorized_client"),
            /** 400, from Wristband: it does not support the {@code code} response type for this client. */
            UNSUPPORTED_RESPONSE_TYPE("unsupported_response_type"),
            /** 400, from Wristband: a scope of {@code wristband.scopes} is unknown or not allowed. */
            INVALID_SCOPE("invalid_scope"),
            /** 400, from Wristband: it met an unexpected condition. */
            SERVER_ERROR("server_error"),
            /** 400, from Wristband: it is overloaded or under maintenance; a later login may succeed. */
            TEMPORARILY_UNAVAILABLE("temporarily_unavailable"),
            /** 400, from Wristband: the user must interact with it to sign in. */
            INTERACTION_REQUIRED("interaction_required"),
            /** 400, from Wristband: the user must consent first. */
            CONSENT_REQUIRED("consent_required"),
            /** 400, from Wristband: the user must choose an account first. */
            ACCOUNT_SELECTION_REQUIRED("account_selection_required"),
            /** 400: a code from Wristband that none of the above names (the answer carries Wristband's own code). */
            OTHER("other");

            private final String code;

            Reason(String code) {
                this.code = code;
            }

            /**
             * The wire spelling, as the Callback Endpoint answers it and the telemetry counts it.
             *
             * @return the code, e.g. {@code missing_login_state}
             */
            public String code() {
                return code;
            }

            /**
             * The reason of a code, so that a code from outside (Wristband, a forged callback) maps to a fixed set.
             *
             * @param code a wire spelling, e.g. {@code access_denied}
             * @return its reason; {@link #OTHER} for a code not named here
             */
            public static Reason of(String code) {
                for (Reason reason : values()) {
                    if (reason.code.equals(code)) {
                        return reason;
                    }
                }
                return OTHER;
            }
        }
    }

    /**
     * A signed-in user's request answered 403 before the application saw it ({@code CSRF_TOKEN}, {@code CROSS_ORIGIN}),
     * or a bearer token refused ({@code BEARER_TOKEN}, whatever another strategy then made of the request). Anyone can
     * cause these: observers must stay cheap. No user id: the request may be an attacker's.
     *
     * @param reason what was refused
     */
    record RequestRefused(Reason reason) implements WristbandEvent {

        /** What a request was refused for (docs/protocol.md §6.4; CSRF: §6.3; bearer tokens: §6.6). */
        public enum Reason {
            /** An API request of a signed-in user without the session's CSRF token in its header. */
            CSRF_TOKEN,
            /** A signed-in user's POST, PUT, PATCH or DELETE sent by a page of another origin. */
            CROSS_ORIGIN,
            /** An {@code Authorization: Bearer} token that is not a valid Wristband access token. */
            BEARER_TOKEN
        }
    }
}
