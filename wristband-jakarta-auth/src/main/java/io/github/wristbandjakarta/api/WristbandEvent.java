package io.github.wristbandjakarta.api;

/**
 * What the library tells the application, as CDI events (docs/extension-points.md "Events"): observe one of the records below, e.g.
 * {@code void onSignIn(@Observes SignedIn signedIn)}. Observers run synchronously on the thread of the request that
 * caused the event, after the fact (the user is signed in, the session ended); one that throws is logged and does not
 * change the request's outcome. User and tenant ids only: never a token.
 */
public sealed interface WristbandEvent
        permits WristbandEvent.SignedIn, WristbandEvent.SignedOut, WristbandEvent.TokensRefreshed,
        WristbandEvent.RefreshFailed, WristbandEvent.SessionEnded, WristbandEvent.CallbackFailed,
        WristbandEvent.RequestRefused {

    /**
     * A user signed in (the Callback Endpoint stored the session).
     *
     * @param customState the login's custom state (JSON text), or null
     */
    record SignedIn(String userId, String tenantId, String tenantName, String customState) implements WristbandEvent {
    }

    /** A signed-in user signed out through the Logout Endpoint. */
    record SignedOut(String userId, String tenantId) implements WristbandEvent {
    }

    /** A session's tokens were refreshed at Wristband (once per refresh, however many requests shared it). */
    record TokensRefreshed(String userId, String tenantId) implements WristbandEvent {
    }

    /**
     * A call to Wristband for new tokens that brought none (once per call, however many requests waited for it).
     *
     * @param userId the session's user
     */
    record RefreshFailed(String userId, Reason reason) implements WristbandEvent {

        public enum Reason {
            /**
             * Wristband refused the refresh token, or its answer failed validation: the session ends (in a cluster,
             * once its access token has expired: docs/clustering.md).
             */
            REFUSED,
            /** Wristband could not be reached or answered 5xx on every attempt: the session is kept for a later try. */
            UNAVAILABLE
        }
    }

    /**
     * A sign-in ended without a logout.
     *
     * @param userId null when the session's value could not be opened ({@link Reason#FORGED_OR_ALTERED})
     */
    record SessionEnded(String userId, String tenantId, Reason reason) implements WristbandEvent {

        public enum Reason {
            /** {@code wristband.session.absolute-lifetime} reached. */
            ABSOLUTE_LIFETIME,
            /** The access token expired and there is no refresh token. */
            TOKENS_EXPIRED,
            /** Wristband refused the refresh token, or its answer failed validation. */
            REFRESH_REFUSED,
            /** The sealed sign-in did not open: altered or forged in the session store, or another secret. */
            FORGED_OR_ALTERED
        }
    }

    /**
     * A callback that signed nobody in.
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
            MISSING_LOGIN_STATE("missing_login_state"),
            INVALID_LOGIN_STATE("invalid_login_state"),
            LOGIN_REQUIRED("login_required"),
            INVALID_GRANT("invalid_grant"),
            // Errors the library answers.
            INVALID_REQUEST("invalid_request"),
            INVALID_ID_TOKEN("invalid_id_token"),
            UNEXPECTED_ERROR("unexpected_error"),
            SDK_CONFIG_ERROR("sdk_config_error"),
            MISSING_TENANT_NAME("missing_tenant_name"),
            MISSING_TENANT_SUBDOMAIN("missing_tenant_subdomain"),
            // Authorization errors Wristband may send to the callback.
            ACCESS_DENIED("access_denied"),
            UNAUTHORIZED_CLIENT("unauthorized_client"),
            UNSUPPORTED_RESPONSE_TYPE("unsupported_response_type"),
            INVALID_SCOPE("invalid_scope"),
            SERVER_ERROR("server_error"),
            TEMPORARILY_UNAVAILABLE("temporarily_unavailable"),
            INTERACTION_REQUIRED("interaction_required"),
            CONSENT_REQUIRED("consent_required"),
            ACCOUNT_SELECTION_REQUIRED("account_selection_required"),
            /** A code from Wristband that none of the above names. */
            OTHER("other");

            private final String code;

            Reason(String code) {
                this.code = code;
            }

            /** The wire spelling, e.g. {@code missing_login_state}. */
            public String code() {
                return code;
            }

            /** The reason of a code, {@link #OTHER} for one not named here. */
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
     * cause these: observers must stay cheap.
     */
    record RequestRefused(Reason reason) implements WristbandEvent {

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
