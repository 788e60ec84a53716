package io.github.wristbandjakarta.security;

import jakarta.security.enterprise.CallerPrincipal;

import java.util.List;

/**
 * The signed-in Wristband user as the container's caller. The name is the Wristband user id; the rest is what
 * pages and resources commonly need, available through {@code SecurityContext.getPrincipalsByType}.
 */
public class WristbandPrincipal extends CallerPrincipal {

    private static final long serialVersionUID = 1L;

    private final String tenantId;
    private final String tenantName;
    private final String identityProviderName;
    private final String email;
    private final List<String> roles;

    public WristbandPrincipal(String userId, String tenantId, String tenantName, String identityProviderName,
                              String email, List<String> roles) {
        super(userId);
        this.tenantId = tenantId;
        this.tenantName = tenantName;
        this.identityProviderName = identityProviderName;
        this.email = email;
        this.roles = List.copyOf(roles);
    }

    public String getUserId() {
        return getName();
    }

    public String getTenantId() {
        return tenantId;
    }

    public String getTenantName() {
        return tenantName;
    }

    public String getIdentityProviderName() {
        return identityProviderName;
    }

    /** Null when the {@code email} scope was not granted. */
    public String getEmail() {
        return email;
    }

    /** Wristband role names, before mapping to container groups. */
    public List<String> getRoles() {
        return roles;
    }
}
