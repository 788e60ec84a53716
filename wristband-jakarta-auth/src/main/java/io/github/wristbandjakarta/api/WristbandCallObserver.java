package io.github.wristbandjakarta.api;

import java.net.URI;

/**
 * Told of every call the library makes to Wristband's API (code exchange and refresh, revocation, userinfo, signing
 * keys, SDK configuration), before and after it, on the thread that makes the call: that of the request that needed
 * it (a login, callback or logout, a request whose tokens had expired or that presented a bearer token, a readiness
 * check). Where the server provides OpenTelemetry, the library's own observer traces and times these calls
 * (docs/telemetry.md).
 *
 * <p>An application may add its own as a CDI bean; every bean of this type is told of every call, each retry being a
 * call of its own. One instance serves all requests, so it must be thread-safe. An observer that throws is logged at
 * FINE and the call goes on without it. Keep observers quick: they run while a request waits for Wristband.
 */
public interface WristbandCallObserver {

    /** Observes nothing; what the library uses when no bean of this type exists. */
    WristbandCallObserver NONE = (endpoint, method, urlTemplate, url) -> Call.NONE;

    /**
     * A call is about to be sent.
     *
     * @param endpoint    which of Wristband's endpoints: {@code token}, {@code revoke}, {@code userinfo},
     *                    {@code jwks}, {@code sdk-configuration}
     * @param method      the HTTP method
     * @param urlTemplate the path with its variable parts named, e.g.
     *                    {@code /api/v1/clients/{clientId}/sdk-configuration}: a name of few values, for metrics
     *                    and span names
     * @param url         the URL called; it has no query and no credentials (those go in the body and a header, which
     *                    no observer sees)
     * @return what to tell once the call is over; {@link Call#NONE} when this observer does not care how it ends
     */
    Call started(String endpoint, String method, String urlTemplate, URI url);

    /** One call in progress; exactly one of its methods is called, once, on the thread that made the call. */
    interface Call {

        /** Ignores how the call ends. */
        Call NONE = new Call() {
            @Override
            public void answered(int status) {
            }

            @Override
            public void failed(Exception cause) {
            }
        };

        /**
         * Wristband answered, whatever the status and the body: a 4xx or 5xx is an answer too.
         *
         * @param status the HTTP status code
         */
        void answered(int status);

        /**
         * No answer: the connection failed, timed out, or the thread was interrupted.
         *
         * @param cause the {@link java.io.IOException} or {@link InterruptedException}; the library's own telemetry
         *              records its class only, never its message (docs/telemetry.md)
         */
        void failed(Exception cause);
    }
}
