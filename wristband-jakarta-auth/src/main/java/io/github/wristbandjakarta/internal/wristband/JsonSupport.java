package io.github.wristbandjakarta.internal.wristband;

import jakarta.json.spi.JsonProvider;

/**
 * The one JSON-P provider of the application. {@code jakarta.json.Json.createObjectBuilder()} and its siblings look
 * the provider up with a {@code ServiceLoader} on every call; on Open Liberty that scans the application's class
 * loaders and was measured (benchmarks, case session-endpoint) to cost more than the rest of a Session Endpoint
 * request together. Every request path uses this instance instead.
 */
public final class JsonSupport {

    public static final JsonProvider JSON = JsonProvider.provider();

    private JsonSupport() {
    }
}
