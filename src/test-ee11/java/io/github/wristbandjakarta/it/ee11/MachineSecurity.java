package io.github.wristbandjakarta.it.ee11;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;

/**
 * The EE 11 host's own, built-in mechanism for its machine clients: HTTP Basic (Jakarta Security 4.0 gives its bean
 * the definition's default qualifier, {@code @BasicAuthenticationMechanism}, not {@code @Default}), checked against the
 * host's identity store, {@link MachineIdentityStore}.
 */
@BasicAuthenticationMechanismDefinition(realmName = MachineSecurity.REALM)
@ApplicationScoped
public class MachineSecurity {
    public static final String REALM = "machines";
    public static final String CALLER = "robot";
    public static final String PASSWORD = "robot-secret";
    /** The machines' role: one that the library's role mapping never gives a Wristband user. */
    public static final String ROLE = "machine";
}
