package io.github.wristbandjakarta.internal.token;

import io.github.wristbandjakarta.internal.wristband.TokenResponse;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Expiry and buffer rules of docs/protocol.md §4.1 step 14 and §7.1. */
class TokenSetTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static TokenSet from(long expiresIn, long buffer, String newRefresh, String previousRefresh) {
        return TokenSet.from(new TokenResponse("at", "id", newRefresh, expiresIn), Duration.ofSeconds(buffer), CLOCK,
                previousRefresh);
    }

    @Test
    void exactExpiryBoundaryIsExpired() {
        assertTrue(new TokenSet("at", "rt", NOW).isExpired(NOW));
    }

    @Test
    void oneMillisecondBeforeExpiryIsNotExpired() {
        assertFalse(new TokenSet("at", "rt", NOW).isExpired(NOW.minusMillis(1)));
    }

    @Test
    void afterExpiryIsExpired() {
        assertTrue(new TokenSet("at", "rt", NOW).isExpired(NOW.plusSeconds(1)));
    }

    @Test
    void defaultBufferTurns1800Into1740() {
        assertEquals(NOW.plusSeconds(1740), from(1800, 60, "rt", null).expiresAt());
    }

    @Test
    void defaultBufferTurns3600Into3540() {
        assertEquals(NOW.plusSeconds(3540), from(3600, 60, "rt", null).expiresAt());
    }

    @Test
    void customBufferIsApplied() {
        assertEquals(NOW.plusSeconds(1500), from(1800, 300, "rt", null).expiresAt());
    }

    @Test
    void zeroBufferKeepsExpiresIn() {
        assertEquals(NOW.plusSeconds(1800), from(1800, 0, "rt", null).expiresAt());
    }

    @Test
    void newRefreshTokenReplacesThePreviousOne() {
        assertEquals("new", from(1800, 60, "new", "old").refreshToken());
    }

    @Test
    void refreshKeepsThePreviousRefreshTokenWhenTheResponseHasNone() {
        assertEquals("old", from(1800, 60, null, "old").refreshToken());
        assertEquals("old", from(1800, 60, "", "old").refreshToken());
    }

    @Test
    void canRefreshOnlyWithARefreshToken() {
        assertTrue(new TokenSet("at", "rt", NOW).canRefresh());
        assertFalse(new TokenSet("at", null, NOW).canRefresh());
        assertFalse(new TokenSet("at", "", NOW).canRefresh());
    }

    @Test
    void toStringHidesTheTokens() {
        String text = new TokenSet("secret-access", "secret-refresh", NOW).toString();
        assertFalse(text.contains("secret"), text);
    }
}
