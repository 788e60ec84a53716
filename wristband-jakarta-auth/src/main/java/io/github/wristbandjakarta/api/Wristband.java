package io.github.wristbandjakarta.api;

import jakarta.inject.Qualifier;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Qualifies the beans of JDK and platform types that the library produces for itself (its {@link java.time.Clock}),
 * so that they never meet the host application's own producers of the same types; and the filter it puts around its
 * endpoints where the server provides OpenTelemetry (telemetry/QueryRedactionFilter).
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE})
public @interface Wristband {
}
