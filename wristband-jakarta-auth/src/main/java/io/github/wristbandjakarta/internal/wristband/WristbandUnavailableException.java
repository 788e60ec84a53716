package io.github.wristbandjakarta.internal.wristband;

/**
 * Wristband could not be reached or answered with a 5xx, a timeout or a body that is not what the API
 * promises. Code {@code unexpected_error}; the endpoints answer 502 for it.
 */
public class WristbandUnavailableException extends WristbandException {
    private static final long serialVersionUID = 1L;

    public WristbandUnavailableException(String description, Throwable cause) {
        super("unexpected_error", description, cause);
    }
}
