package io.github.wristbandjakarta.internal.login;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsumedStatesTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private final ConsumedStates states = new ConsumedStates();

    @Test
    void aStateIsAcceptedOnce() {
        assertTrue(states.consume("s1", NOW.plusSeconds(3600), NOW));
        assertFalse(states.consume("s1", NOW.plusSeconds(3600), NOW.plusSeconds(10)));
    }

    @Test
    void aStateIsForgottenOnceItsCookieHasExpired() {
        states.consume("s1", NOW.plusSeconds(3600), NOW);
        states.consume("s2", NOW.plusSeconds(7200), NOW.plusSeconds(3600));
        assertEquals(1, states.size(), "s1 expired when s2 came");
    }

    @Test
    void theRecordIsBoundedAndForgetsTheOldestFirst() {
        for (int i = 0; i <= ConsumedStates.MAX; i++) {
            states.consume("s" + i, NOW.plusSeconds(3600), NOW);
        }
        assertEquals(ConsumedStates.MAX, states.size());
        assertTrue(states.consume("s0", NOW.plusSeconds(3600), NOW), "the oldest was forgotten");
        assertFalse(states.consume("s" + ConsumedStates.MAX, NOW.plusSeconds(3600), NOW));
    }
}
