package io.github.wristbandjakarta.it.host;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A host application's own catch-all mapper: its answer must govern its resources, and only those. */
public class HostExceptionMapper implements ExceptionMapper<Throwable> {
    @Override
    public Response toResponse(Throwable exception) {
        return Response.status(418).entity("the host's mapper: " + exception.getClass().getSimpleName()).build();
    }
}
