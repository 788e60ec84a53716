package io.github.wristbandjakarta.internal.events;

import io.github.wristbandjakarta.api.WristbandEvent;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class WristbandEventsTest {

    @Test
    void anObserverThatThrowsIsLoggedAndTheCallerGoesOn() {
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(WristbandEvents.class.getName());
        logger.addHandler(handler);
        try {
            new WristbandEvents(event -> {
                throw new IllegalStateException("the observer's own failure, with a secret: s3cr3t");
            }).fire(new WristbandEvent.SignedIn("u", "t", "n", null));
        } finally {
            logger.removeHandler(handler);
        }
        List<LogRecord> warnings = records.stream().filter(r -> r.getLevel() == Level.WARNING).toList();
        assertEquals(1, warnings.size());
        assertEquals("An observer of SignedIn threw java.lang.IllegalStateException; the request goes on without it",
                warnings.get(0).getMessage());
        assertFalse(warnings.get(0).getMessage().contains("s3cr3t"), "the observer's message stays out of WARNING");
    }
}
