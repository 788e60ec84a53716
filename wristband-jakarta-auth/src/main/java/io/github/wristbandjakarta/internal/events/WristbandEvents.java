package io.github.wristbandjakarta.internal.events;

import io.github.wristbandjakarta.api.WristbandEvent;

import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fires {@link WristbandEvent}s to the application's observers (CDI {@code Event.fire}: synchronous, on the request's
 * thread). An observer that throws is logged once per event with its exception's class, and the request goes on as if
 * it had not: a sign-in is not undone because an observer failed. With no observer, firing costs CDI's cached
 * resolution; every event is rare (a sign-in, a refresh), none is fired by a plain authenticated request.
 */
public final class WristbandEvents {

    private static final Logger LOG = Logger.getLogger(WristbandEvents.class.getName());

    /** Fires nothing: for code used without CDI. */
    public static final WristbandEvents NONE = new WristbandEvents(event -> { });

    private final Consumer<WristbandEvent> fire;

    public WristbandEvents(Consumer<WristbandEvent> fire) {
        this.fire = fire;
    }

    public void fire(WristbandEvent event) {
        try {
            fire.accept(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "An observer of " + event.getClass().getSimpleName() + " threw "
                    + e.getClass().getName() + "; the request goes on without it");
            LOG.log(Level.FINE, "The observer's exception", e);
        }
    }
}
