package io.github.wristbandjakarta.internal.token;

/**
 * An ID token failed a check. The reason is short and safe to log (never the token); the callback answers
 * 502 because Wristband's answer cannot be trusted.
 */
public class IdTokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IdTokenException(String reason) {
        super(reason);
    }

    public IdTokenException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
