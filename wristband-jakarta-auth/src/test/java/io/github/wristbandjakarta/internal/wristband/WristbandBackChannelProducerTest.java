package io.github.wristbandjakarta.internal.wristband;

import io.github.wristbandjakarta.api.WristbandCallObserver;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Which observers the client tells of its calls (WristbandBackChannelProducer.observer). */
class WristbandBackChannelProducerTest {

    private static final URI URL = URI.create("https://app.example/api/v1/oauth2/jwks");

    private static WristbandCallObserver recording(String name, List<String> told) {
        return (endpoint, method, template, url) -> new WristbandCallObserver.Call() {
            @Override
            public void answered(int status) {
                told.add(name + " " + endpoint + " " + status);
            }

            @Override
            public void failed(Exception cause) {
                told.add(name + " " + endpoint + " " + cause.getClass().getSimpleName());
            }
        };
    }

    @Test
    void withoutObserversNobodyIsTold() {
        assertSame(WristbandCallObserver.NONE, WristbandBackChannelProducer.observer(List.of()));
    }

    @Test
    void everyObserverIsToldOfEveryCall() {
        List<String> told = new ArrayList<>();
        WristbandCallObserver both = WristbandBackChannelProducer.observer(
                List.of(recording("telemetry", told), recording("application", told)));

        both.started("jwks", "GET", "/api/v1/oauth2/jwks", URL).answered(200);
        both.started("jwks", "GET", "/api/v1/oauth2/jwks", URL).failed(new java.io.IOException());

        assertEquals(List.of("telemetry jwks 200", "application jwks 200", "telemetry jwks IOException",
                "application jwks IOException"), told);
    }
}
