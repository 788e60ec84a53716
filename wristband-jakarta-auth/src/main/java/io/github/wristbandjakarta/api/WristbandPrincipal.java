package io.github.wristbandjakarta.api;

import jakarta.security.enterprise.CallerPrincipal;

import java.util.List;
import java.util.Map;

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
    // Serializable values behind interface types: List.copyOf and Map.copyOf below. javac's "serial" lint (JDK 18 and
    // later) sees only the declared types.
    @SuppressWarnings("serial")
    private final List<String> roles;
    @SuppressWarnings("serial")
    private final Map<String, Object> claims;

    /** A caller signed in through the session. */
    public WristbandPrincipal(String userId, String tenantId, String tenantName, String identityProviderName,
                              String email, List<String> roles) {
        this(userId, tenantId, tenantName, identityProviderName, email, roles, Map.of());
    }

    /** @param claims the bearer access token's claims (JWT strategy); empty for a session's caller */
    public WristbandPrincipal(String userId, String tenantId, String tenantName, String identityProviderName,
                              String email, List<String> roles, Map<String, Object> claims) {
        super(userId);
        this.tenantId = tenantId;
        this.tenantName = tenantName;
        this.identityProviderName = identityProviderName;
        this.email = email;
        this.roles = List.copyOf(roles);
        this.claims = Map.copyOf(claims);
    }

    /**
     * The claims of the access token this caller presented as {@code Authorization: Bearer} (the JWT strategy:
     * {@code sub}, {@code tnt_id}, {@code client_id}, {@code scope}, ...); empty for a caller signed in through the
     * session. Only JSON values: strings, numbers, booleans, lists and maps.
     */
    public Map<String, Object> getClaims() {
        return claims;
    }

    /** Whether this caller presented a bearer access token rather than a signed-in session. */
    public boolean isBearer() {
        return !claims.isEmpty();
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
