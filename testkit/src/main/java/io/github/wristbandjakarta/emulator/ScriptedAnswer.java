package io.github.wristbandjakarta.emulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A one-shot answer of the emulator's scripted mode ({@link WristbandEmulator#script}): the next call of an endpoint
 * gets exactly this, whatever the request, instead of the emulator's own answer. For tests of how a client takes
 * answers that Wristband rarely gives (a 503 with {@code Retry-After}, a malformed token response, a slow answer).
 *
 * @param status      the HTTP status
 * @param body        the body, sent as UTF-8 (empty: no body)
 * @param contentType the {@code Content-Type}, or null for none
 * @param headers     further response headers
 * @param delay       how long the emulator waits before answering (the request is recorded at once)
 */
public record ScriptedAnswer(int status, String body, String contentType, Map<String, String> headers,
        Duration delay) {

    /** Validates and copies. */
    public ScriptedAnswer {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status " + status);
        }
        body = body == null ? "" : body;
        headers = Map.copyOf(headers);
        Objects.requireNonNull(delay, "delay");
    }

    /** {@code status} with this JSON body ({@code application/json}), at once. */
    public static ScriptedAnswer json(int status, String body) {
        return new ScriptedAnswer(status, body, "application/json", Map.of(), Duration.ZERO);
    }

    /** {@code status} with no body and no content type, at once. */
    public static ScriptedAnswer empty(int status) {
        return new ScriptedAnswer(status, "", null, Map.of(), Duration.ZERO);
    }

    /** The same answer with another {@code Content-Type} (null: none). */
    public ScriptedAnswer withContentType(String type) {
        return new ScriptedAnswer(status, body, type, headers, delay);
    }

    /** The same answer with one more header. */
    public ScriptedAnswer withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ScriptedAnswer(status, body, contentType, more, delay);
    }

    /** The same answer, given after {@code wait}. */
    public ScriptedAnswer delayed(Duration wait) {
        return new ScriptedAnswer(status, body, contentType, headers, wait);
    }
}
