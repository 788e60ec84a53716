package io.github.wristbandjakarta.internal.wristband;

/** Wristband answered 400 {@code invalid_grant}: the code or refresh token is bad, expired or used. */
public class InvalidGrantException extends WristbandException {
    private static final long serialVersionUID = 1L;

    public InvalidGrantException(String description) {
        super("invalid_grant", description);
    }
}
