package io.github.wristbandjakarta.it.ee11;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * The host's store of its machine clients, which the Basic mechanism asks. An application's own store rather than
 * Security 4.0's {@code @InMemoryIdentityStoreDefinition}: Open Liberty ignores that one unless the server allows it
 * ({@code <webAppSecurity allowInMemoryIdentityStores="true"/>}), and a store of fixed passwords is for tests anyway.
 * The library's mechanism never asks a store: it tells the container its caller itself.
 */
@ApplicationScoped
public class MachineIdentityStore implements IdentityStore {

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (credential instanceof UsernamePasswordCredential login
                && MachineSecurity.CALLER.equals(login.getCaller())
                && MessageDigest.isEqual(MachineSecurity.PASSWORD.getBytes(StandardCharsets.UTF_8),
                        login.getPasswordAsString().getBytes(StandardCharsets.UTF_8))) {
            return new CredentialValidationResult(MachineSecurity.CALLER, Set.of(MachineSecurity.ROLE));
        }
        return CredentialValidationResult.INVALID_RESULT;
    }
}
