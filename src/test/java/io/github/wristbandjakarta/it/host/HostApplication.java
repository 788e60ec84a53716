package io.github.wristbandjakarta.it.host;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.Set;

/** A host application's own JAX-RS root at /rest, listing its classes explicitly. */
@ApplicationPath("/rest")
public class HostApplication extends Application {
    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(HostResource.class, HostExceptionMapper.class);
    }
}
