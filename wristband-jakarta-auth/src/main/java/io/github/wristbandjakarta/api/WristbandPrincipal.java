package io.github.wristbandjakarta.api;

import jakarta.security.enterprise.CallerPrincipal;

import java.util.List;
import java.util.Map;

/**
 * The signed-in Wristband user as the container's caller. The name is the Wristband user id; the rest is what
 * pages and resources commonly need, available through {@code SecurityContext.getPrincipalsByType}. A caller signed
 * in through the session has its tenant name from the login, and its identity provider, email and roles from
 * userinfo, read again at each token refresh; a bearer caller (the JWT strategy,
 * docs/extension-points.md "Bearer tokens") has only what its token says, and no roles.
 *
 * <p>The library creates these; an application constructs one only to stand in for a caller, e.g. in its tests.
 */
public class WristbandPrincipal extends CallerPrincipal {

    private static final long serialVersionUID = 1L;

    /** The Wristband tenant id. */
    private final String tenantId;
    /** The tenant's name, or null. */
    private final String tenantName;
    /** The identity provider's name, or null. */
    private final String identityProviderName;
    /** The user's email, or null. */
    private final String email;
    // Serializable values behind interface types: List.copyOf and Map.copyOf below. javac's "serial" lint (JDK 18 and
    // later) sees only the declared types.
    /** Wristband role names, unmapped. */
    @SuppressWarnings("serial")
    private final List<String> roles;
    /** The bearer access token's claims; empty for a session's caller. */
    @SuppressWarnings("serial")
    private final Map<String, Object> claims;

    /**
     * A caller signed in through the session.
     *
     * @param userId               the Wristband user id, the principal's name
     * @param tenantId             the Wristband tenant id
     * @param tenantName           the tenant's name
     * @param identityProviderName the identity provider the user signed in with
     * @param email                null when the {@code email} scope was not granted
     * @param roles                Wristband role names, e.g. {@code app:invotastic:admin}; copied
     */
    public WristbandPrincipal(String userId, String tenantId, String tenantName, String identityProviderName,
                              String email, List<String> roles) {
        this(userId, tenantId, tenantName, identityProviderName, email, roles, Map.of());
    }

    /**
     * A caller of either kind; with claims, a bearer caller ({@link #isBearer()}).
     *
     * @param userId               the Wristband user id, the principal's name
     * @param tenantId             the Wristband tenant id
     * @param tenantName           the tenant's name; null for a bearer caller
     * @param identityProviderName the identity provider the user signed in with ({@code idp_name}), or null
     * @param email                null when unknown: the {@code email} scope was not granted, or a bearer caller
     * @param roles                Wristband role names; empty for a bearer caller; copied
     * @param claims               the bearer access token's claims (JWT strategy); empty for a session's caller;
     *                             copied
     */
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
     *
     * @return the claims, unmodifiable
     */
    public Map<String, Object> getClaims() {
        return claims;
    }

    /**
     * Whether this caller presented a bearer access token rather than a signed-in session: such a caller has no
     * roles, no CSRF check protected its request, and its {@link #getClaims()} say which client acts for it.
     *
     * @return true for a bearer caller
     */
    public boolean isBearer() {
        return !claims.isEmpty();
    }

    /**
     * The Wristband user id ({@code sub}), the same as {@link #getName()}.
     *
     * @return the user id
     */
    public String getUserId() {
        return getName();
    }

    /**
     * The Wristband tenant id ({@code tnt_id}): scope the application's data by it.
     *
     * @return the tenant id
     */
    public String getTenantId() {
        return tenantId;
    }

    /**
     * The tenant's name, as logins name it ({@code tenant_name}, or the tenant subdomain); null for a bearer caller,
     * whose token does not carry it.
     *
     * @return the tenant name, or null
     */
    public String getTenantName() {
        return tenantName;
    }

    /**
     * The identity provider the user signed in with ({@code idp_name}); null for a bearer caller whose token lacks
     * it.
     *
     * @return the identity provider's name, or null
     */
    public String getIdentityProviderName() {
        return identityProviderName;
    }

    /**
     * The user's email.
     *
     * @return the email; null when the {@code email} scope was not granted, and for a bearer caller
     */
    public String getEmail() {
        return email;
    }

    /**
     * Wristband role names, before mapping to container groups: the groups that {@code isCallerInRole} and
     * {@code @RolesAllowed} check are these names as {@code wristband.role-mapping} maps them (an unmapped name
     * stays as it is).
     *
     * @return the role names, unmodifiable; empty for a bearer caller
     */
    public List<String> getRoles() {
        return roles;
    }
}
