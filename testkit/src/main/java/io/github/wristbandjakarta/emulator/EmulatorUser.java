package io.github.wristbandjakarta.emulator;

import java.util.List;
import java.util.Objects;

/**
 * A user known to the emulator.
 *
 * @param login      short login name used on the hosted login page (alice, bob, carol)
 * @param userId     26-char Wristband-style user id ({@code sub})
 * @param email      email address
 * @param tenantName tenant name (vanity subdomain label)
 * @param tenantId   26-char tenant id ({@code tnt_id})
 * @param roleNames  role names such as {@code app:demo:admin}
 */
public record EmulatorUser(String login, String userId, String email, String tenantName, String tenantId,
        List<String> roleNames) {

    public EmulatorUser {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(tenantName, "tenantName");
        Objects.requireNonNull(tenantId, "tenantId");
        roleNames = List.copyOf(Objects.requireNonNull(roleNames, "roleNames"));
    }
}
