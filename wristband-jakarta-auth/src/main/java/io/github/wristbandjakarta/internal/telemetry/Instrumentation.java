package io.github.wristbandjakarta.internal.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.inject.Instance;

/** The library's OpenTelemetry instrumentation scope, and the server's OpenTelemetry to report through. */
final class Instrumentation {

    /** The instrumentation scope of every meter and tracer of the library. */
    static final String SCOPE = "io.github.wristbandjakarta";

    private Instrumentation() {
    }

    /**
     * The server's OpenTelemetry (MicroProfile Telemetry's bean), or a no-op one when the API is on the class path
     * without that bean (an application bundling the API itself): nothing is reported, and nothing fails to deploy.
     */
    static OpenTelemetry of(Instance<OpenTelemetry> server) {
        return server.isResolvable() ? server.get() : OpenTelemetry.noop();
    }
}
