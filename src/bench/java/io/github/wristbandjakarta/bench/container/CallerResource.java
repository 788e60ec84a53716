package io.github.wristbandjakarta.bench.container;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import java.security.Principal;

/** Case b0's endpoint: the caller the container knows, as JSON, like the Session Endpoint's user. */
@Path("/bench/caller")
public class CallerResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String caller(@Context SecurityContext security) {
        Principal caller = security.getUserPrincipal();
        return "{\"caller\":\"" + (caller == null ? "" : caller.getName()) + "\"}";
    }
}
