package io.github.wristbandjakarta.demo;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The reference application's own JAX-RS application, as a host application has one: its resources under
 * {@code /api}. The Wristband auth endpoints are not among them: the library serves them at {@code /api/auth}
 * (wristband.auth-path) with a servlet of its own.
 */
@ApplicationPath("/api")
public class DemoApplication extends Application {
}
