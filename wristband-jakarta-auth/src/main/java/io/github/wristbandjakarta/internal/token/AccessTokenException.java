package io.github.wristbandjakarta.internal.token;

/** A bearer access token failed a check; the reason is short and safe to log (never the token). */
public class AccessTokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AccessTokenException(String reason) {
        super(reason);
    }

    public AccessTokenException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
