package io.github.wristbandjakarta.rest;

import io.github.wristbandjakarta.security.AuthEndpoints;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JAX-RS application: the auth endpoints under {@code /api/auth}, and the application's own resources. */
@ApplicationPath(AuthEndpoints.API_ROOT)
public class WristbandApplication extends Application {
}
