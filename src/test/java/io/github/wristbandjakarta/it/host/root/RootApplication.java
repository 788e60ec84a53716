package io.github.wristbandjakarta.it.host.root;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** A host application's JAX-RS root at the context root, over every path; its classes are scanned. */
@ApplicationPath("/")
public class RootApplication extends Application {
}
