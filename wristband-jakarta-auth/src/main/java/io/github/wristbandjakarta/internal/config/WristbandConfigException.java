package io.github.wristbandjakarta.internal.config;

/** A configuration value is missing or invalid; the message names the key. Stops the deployment. */
public class WristbandConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WristbandConfigException(KeyDefinition key, String problem) {
        super("Invalid Wristband configuration [" + key.key() + "]: " + problem);
    }
}
