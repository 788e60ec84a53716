package io.github.wristbandjakarta.bench.baseline;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The baseline WAR's JAX-RS application: nothing of wristband-jakarta-auth, same {@code /api} root as ours. */
@ApplicationPath("/api")
public class BaselineApplication extends Application {
}
