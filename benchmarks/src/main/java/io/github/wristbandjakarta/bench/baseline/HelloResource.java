package io.github.wristbandjakarta.bench.baseline;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The trivial JSON endpoint of the benchmarks. The same class is served by the baseline WAR (case baseline-endpoint,
 * without our library) and added to the bench build of our WAR (case public-endpoint), so that the two differ only by the WAR around it.
 */
@Path("/bench/hello")
public class HelloResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String hello() {
        return "{\"message\":\"hello\"}";
    }
}
