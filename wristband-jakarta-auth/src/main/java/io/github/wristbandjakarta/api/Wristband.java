package io.github.wristbandjakarta.api;

import jakarta.inject.Qualifier;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Qualifies the beans the library produces for itself of JDK and platform types (its {@link java.time.Clock}, and
 * the filter around its endpoints where the server provides OpenTelemetry: docs/telemetry.md), so that they never meet
 * the host application's own producers or injection points of the same types (docs/protocol.md §9.9). It is the
 * library's, not for applications: a {@code Clock} of the application's with this qualifier would be ambiguous with
 * the library's and fail the deployment, and a servlet {@code Filter} with it would be put around the library's
 * endpoints.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE})
public @interface Wristband {
}
