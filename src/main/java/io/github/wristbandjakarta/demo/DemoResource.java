package io.github.wristbandjakarta.demo;

import io.github.wristbandjakarta.api.WristbandPrincipal;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The demo's protected JAX-RS resource, and its public twin. */
@Path("/demo")
@RequestScoped
public class DemoResource {

    /**
     * Looked up once: {@code Json.createObjectBuilder()} and its siblings look the provider up again on every call
     * (a ServiceLoader scan), which cost this resource more than its container's login (docs/benchmarks.md).
     */
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    SecurityContext securityContext;

    @GET
    @Path("me")
    @RolesAllowed("user")
    @Produces(MediaType.APPLICATION_JSON)
    public String me() {
        WristbandPrincipal principal = securityContext.getPrincipalsByType(WristbandPrincipal.class).stream()
                .findFirst().orElseThrow();
        JsonArrayBuilder roles = JSON.createArrayBuilder();
        principal.getRoles().forEach(roles::add);
        return JSON.createObjectBuilder()
                .add("userId", principal.getUserId())
                .add("tenantId", principal.getTenantId())
                .add("tenantName", principal.getTenantName())
                .add("roles", roles)
                .add("admin", securityContext.isCallerInRole("admin"))
                .build().toString();
    }

    @GET
    @Path("public")
    @Produces(MediaType.APPLICATION_JSON)
    public String publicEndpoint() {
        return "{\"message\":\"hello\"}";
    }
}
