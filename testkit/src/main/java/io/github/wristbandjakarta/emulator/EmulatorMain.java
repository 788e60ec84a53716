package io.github.wristbandjakarta.emulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The emulator as a program (the demo's Wristband). Settings (system property, else environment variable, else
 * default): {@code EMULATOR_PORT} (9099), {@code EMULATOR_CLIENT_ID} (demo-client), {@code EMULATOR_CLIENT_SECRET}
 * (demo-client-secret), {@code EMULATOR_REDIRECT_URIS} (comma separated; http://localhost:9080/api/auth/callback),
 * {@code EMULATOR_LOGIN_URL} (http://localhost:9080/api/auth/login), {@code EMULATOR_LOGIN_URL_TENANT_DOMAIN_SUFFIX}
 * (none), {@code EMULATOR_APPLICATION_CUSTOM_DOMAIN_ACTIVE} (true), {@code EMULATOR_CUSTOM_APPLICATION_LOGIN_PAGE_URL}
 * (none).
 */
final class EmulatorMain {

    private EmulatorMain() {
    }

    /** Starts the emulator with the settings and blocks until the JVM is stopped. */
    static void run() throws InterruptedException {
        int port = Integer.parseInt(setting("EMULATOR_PORT", "9099").trim());
        List<String> redirectUris = new ArrayList<>();
        for (String uri : setting("EMULATOR_REDIRECT_URIS", "http://localhost:9080/api/auth/callback").split(",")) {
            if (!uri.isBlank()) {
                redirectUris.add(uri.trim());
            }
        }
        EmulatorClient client = new EmulatorClient(
                setting("EMULATOR_CLIENT_ID", "demo-client"),
                setting("EMULATOR_CLIENT_SECRET", "demo-client-secret"),
                redirectUris,
                setting("EMULATOR_LOGIN_URL", "http://localhost:9080/api/auth/login"),
                blankToNull(setting("EMULATOR_LOGIN_URL_TENANT_DOMAIN_SUFFIX", "")),
                Boolean.parseBoolean(setting("EMULATOR_APPLICATION_CUSTOM_DOMAIN_ACTIVE", "true").trim()),
                blankToNull(setting("EMULATOR_CUSTOM_APPLICATION_LOGIN_PAGE_URL", "")));
        WristbandEmulator emulator = WristbandEmulator.start(port, client);
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "wristband-emulator-shutdown"));
        System.out.println("Wristband emulator listening on 127.0.0.1:" + emulator.port() + ": application "
                + emulator.applicationOrigin() + ", tenant hosts http://" + emulator.tenantHost("{tenant}")
                + ", client " + client.clientId() + ", users alice/bob@devs4you, carol@acme");
        emulator.awaitClose();
    }

    private static String setting(String name, String defaultValue) {
        String value = System.getProperty(name);
        if (value == null) {
            value = System.getenv(name);
        }
        return value == null ? defaultValue : value;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
