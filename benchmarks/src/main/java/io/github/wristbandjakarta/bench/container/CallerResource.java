package io.github.wristbandjakarta.bench.container;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.security.Principal;

/**
 * The endpoint of cases container-login-floor and signed-in-endpoint: the caller the container knows, as JSON, like the Session Endpoint's user; 401 without
 * one, so that the benchmark's check before the load fails if the caller is missing.
 */
@Path("/bench/caller")
public class CallerResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response caller(@Context SecurityContext security) {
        Principal caller = security.getUserPrincipal();
        if (caller == null) {
            return Response.status(Response.Status.UNAUTHORIZED).build();
        }
        return Response.ok("{\"caller\":\"" + caller.getName() + "\"}").build();
    }
}
