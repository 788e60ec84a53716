package io.github.wristbandjakarta.it.host.apiroot;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** A host application's JAX-RS root at /api, the library's default auth path's parent; its classes are scanned. */
@ApplicationPath("/api")
public class ApiRootApplication extends Application {
}
