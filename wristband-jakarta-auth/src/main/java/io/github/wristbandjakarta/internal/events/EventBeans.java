package io.github.wristbandjakarta.internal.events;

import io.github.wristbandjakarta.api.WristbandEvent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** CDI wiring of the events: the library's one {@link WristbandEvents}, firing through CDI. */
@ApplicationScoped
public class EventBeans {

    @Produces
    @Singleton
    WristbandEvents wristbandEvents(Event<WristbandEvent> event) {
        return new WristbandEvents(event::fire);
    }
}
