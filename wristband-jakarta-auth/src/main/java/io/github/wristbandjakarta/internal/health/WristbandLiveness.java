package io.github.wristbandjakarta.internal.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import java.util.Optional;

/**
 * MicroProfile Health liveness check {@value WristbandReadiness#NAME}: up whenever the application runs. It never asks
 * Wristband: an outage of Wristband is a reason to stop sending sign-ins to a server (readiness), never one to restart
 * it, which would end nothing but the sessions it holds.
 */
@Liveness
@ApplicationScoped
public class WristbandLiveness implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return new HealthCheckResponse(WristbandReadiness.NAME, HealthCheckResponse.Status.UP, Optional.empty());
    }
}
