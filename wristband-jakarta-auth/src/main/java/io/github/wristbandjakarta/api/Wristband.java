package io.github.wristbandjakarta.api;

import jakarta.inject.Qualifier;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Qualifies the library's own beans where they meet the host application's.
 *
 * <p>Its {@code HttpAuthenticationMechanism}: a host that uses another mechanism beside the library's, on Jakarta EE 11
 * (Jakarta Security 4.0, "Authentication Mechanism Handler"), chooses between them per request in its own
 * {@code HttpAuthenticationMechanismHandler}, and injects the library's with
 * {@code @Inject @Wristband HttpAuthenticationMechanism}, as
 * docs/extension-points.md "Another mechanism beside the library's (Jakarta EE 11)" shows. The mechanism keeps {@code @Default} too.
 *
 * <p>The beans it produces for itself of JDK and platform types (its {@link java.time.Clock}, and the filter around its
 * endpoints where the server provides OpenTelemetry: docs/telemetry.md), so that they never meet the host
 * application's own producers or injection points of the same types (docs/protocol.md §9.9).
 *
 * <p>Inject with it; never declare a bean with it. A {@code Clock} or an {@code HttpAuthenticationMechanism} of the
 * application's with this qualifier would be ambiguous with the library's and fail the deployment, and a servlet
 * {@code Filter} with it would be put around the library's endpoints.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE})
public @interface Wristband {
}
