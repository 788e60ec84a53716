package io.github.wristbandjakarta.internal.login;

/**
 * The request is malformed (duplicated, missing or undecodable parameters, a hostile value). Answered with
 * 400; the message is safe to show and to log: it names the parameter, never echoes its value.
 */
public class InvalidRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message) {
        super(message);
    }
}
