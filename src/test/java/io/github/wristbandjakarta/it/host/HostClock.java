package io.github.wristbandjakarta.it.host;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** A host application's own unqualified Clock producer, which must not meet the library's. */
@ApplicationScoped
public class HostClock {

    static final Instant FIXED = Instant.parse("2030-01-02T03:04:05Z");

    @Produces
    Clock clock() {
        return Clock.fixed(FIXED, ZoneOffset.UTC);
    }
}
