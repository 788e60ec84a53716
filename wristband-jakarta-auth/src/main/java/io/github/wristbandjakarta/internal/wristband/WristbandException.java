package io.github.wristbandjakarta.internal.wristband;

/**
 * An error from Wristband or from talking to it, with the OAuth2-style code of docs/protocol.md §4.2 and §7.2
 * ({@code unexpected_error}, {@code invalid_refresh_token}, the {@code error} value of a callback, ...).
 * Messages never contain tokens, codes or secrets.
 */
public class WristbandException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final String description;

    public WristbandException(String code, String description) {
        this(code, description, null);
    }

    public WristbandException(String code, String description, Throwable cause) {
        super(code + (description == null || description.isEmpty() ? "" : ": " + description), cause);
        this.code = code;
        this.description = description;
    }

    public String code() {
        return code;
    }

    public String description() {
        return description;
    }
}
