package io.github.wristbandjakarta.api;

import java.net.URI;

/**
 * Told of every call {@link WristbandClient} makes to Wristband's API, on the calling thread, before and after it: the
 * telemetry package traces and times them with OpenTelemetry (docs/telemetry.md). An application may provide its own
 * as a CDI bean. By default nobody is told.
 */
public interface WristbandCallObserver {

    /** Observes nothing. */
    WristbandCallObserver NONE = (endpoint, method, urlTemplate, url) -> Call.NONE;

    /**
     * A call is about to be sent.
     *
     * @param endpoint    which of Wristband's endpoints: {@code token}, {@code revoke}, {@code userinfo},
     *                    {@code jwks}, {@code sdk-configuration}
     * @param method      the HTTP method
     * @param urlTemplate the path with its variable parts named, e.g. {@code /api/v1/clients/{clientId}/sdk-configuration}
     * @param url         the URL called; it has no query and no credentials (those go in the body and a header, which
     *                    no observer sees)
     * @return what to tell once the call is over
     */
    Call started(String endpoint, String method, String urlTemplate, URI url);

    /** One call in progress; exactly one of its methods is called, once. */
    interface Call {

        Call NONE = new Call() {
            @Override
            public void answered(int status) {
            }

            @Override
            public void failed(Exception cause) {
            }
        };

        /** Wristband answered with {@code status} (whatever the body). */
        void answered(int status);

        /** No answer: the connection failed, timed out, or the thread was interrupted. */
        void failed(Exception cause);
    }
}
