package io.github.wristbandjakarta.demo;

import jakarta.json.Json;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.net.URISyntaxException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The reference application's own last line for its JAX-RS resources (a host application decides this for itself;
 * the library installs no exception mapper): JAX-RS's own errors keep their status with a JSON body; anything unexpected is logged once and
 * answered 500 {@code {"error":"Internal Server Error"}} (docs/protocol.md §1.2), never with a stack trace. A
 * {@code @RolesAllowed} refusal of a caller who is not signed in at all is 401 {@code {"error":"Unauthorized"}},
 * as the browser SDK expects; 403 stays for signed-in callers without the role.
 */
@Provider
public class DemoExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(DemoExceptionMapper.class.getName());

    @Context
    SecurityContext securityContext;

    @Override
    public Response toResponse(Throwable exception) {
        if (exception instanceof WebApplicationException web) {
            Response.StatusType status = web.getResponse().getStatusInfo();
            if (status.getStatusCode() == 403 && securityContext != null && securityContext.getUserPrincipal() == null) {
                return error(401, "Unauthorized");
            }
            return error(status.getStatusCode(), status.getReasonPhrase());
        }
        if (isUnparseableRequestUri(exception)) {
            // RESTEasy builds a java.net.URI of the request to report an unmatched path; a request target with
            // characters URI refuses ({, ", |, raw bytes, ...) is the client's fault, not ours.
            LOG.fine("Request rejected: its URI cannot be parsed");
            return error(400, "Bad Request");
        }
        LOG.log(Level.SEVERE, "Unexpected error in a REST endpoint: " + exception.getClass().getName(), exception);
        return error(500, "Internal Server Error");
    }

    /** An IllegalArgumentException from {@code URI.create} called by the JAX-RS runtime on the request URI. */
    static boolean isUnparseableRequestUri(Throwable exception) {
        if (!(exception instanceof IllegalArgumentException) || !(exception.getCause() instanceof URISyntaxException)) {
            return false;
        }
        for (StackTraceElement frame : exception.getStackTrace()) {
            String type = frame.getClassName();
            if (type.startsWith("java.")) {
                continue;
            }
            return type.startsWith("org.jboss.resteasy.") || type.startsWith("org.apache.cxf.");
        }
        return false;
    }

    private static Response error(int status, String error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store")
                .entity(Json.createObjectBuilder().add("error", error).build().toString()).build();
    }
}
