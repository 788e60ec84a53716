package io.github.wristbandjakarta.events;

/**
 * What the library tells the application, as CDI events (README "Events"): observe one of the records below, e.g.
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
             * once its access token has expired: README "Clustering").
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
     * @param reason the error code answered ({@code invalid_request}, {@code invalid_id_token}, ...) or the reason of
     *               the redirect back to the login ({@code missing_login_state}, {@code login_required}, ...)
     */
    record CallbackFailed(String reason) implements WristbandEvent {
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
