package io.github.wristbandjakarta.emulator;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A request the emulator received, as {@link WristbandEmulator#requests(Endpoint)} returns it: for tests that
 * assert what a client sent (the form of a token request, its {@code Authorization} header, a query string).
 *
 * @param endpoint the endpoint it called, or null when it named none (an unknown path or grant type)
 * @param method   the HTTP method
 * @param path     the raw path
 * @param rawQuery the raw query string, or null
 * @param headers  the headers; names compare case-insensitively
 * @param body     the body as UTF-8 text (empty when none)
 */
public record RecordedRequest(Endpoint endpoint, String method, String path, String rawQuery,
        Map<String, List<String>> headers, String body) {

    /** Copies the headers into a map whose names compare case-insensitively. */
    public RecordedRequest {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = Collections.unmodifiableMap(copy);
        body = body == null ? "" : body;
    }

    /** The first value of the header {@code name} (any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** {@code method path}, e.g. {@code POST /api/v1/oauth2/token}. */
    public String requestLine() {
        return method + " " + path;
    }
}
