package io.github.wristbandjakarta.internal.session;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The cookie announcing a sign-in to the other cluster nodes: it holds for its session id until its time, no more. */
class SignInMarkerTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant UNTIL = NOW.plusSeconds(10);
    private static final String SECRET = "a session secret of at least thirty-two characters";
    private static final String OLDER_SECRET = "the secret used before the rotation, 32+ chars";
    private static final SignInMarker MARKER = SignInMarker.of(List.of(SECRET), true);

    /** The cookie value of {@code setCookie}. */
    private static String value(String setCookie) {
        return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    }

    private static String markerValue(SignInMarker marker, String sessionId) {
        return value(marker.set(sessionId, UNTIL, NOW));
    }

    /** {@code value} with the character at {@code index} replaced by another one of the same alphabet. */
    private static String changedAt(String value, int index) {
        char original = value.charAt(index);
        char other = Character.isDigit(original) ? (char) ('0' + (original - '0' + 1) % 10)
                : original == 'A' ? 'B' : 'A';
        return value.substring(0, index) + other + value.substring(index + 1);
    }

    @Test
    void aMarkerHoldsForItsSessionIdUntilItsTime() {
        String value = markerValue(MARKER, "session-1");

        assertEquals(Optional.of(UNTIL), MARKER.holdsUntil(value, "session-1", NOW));
        assertEquals(Optional.of(UNTIL), MARKER.holdsUntil(value, "session-1", UNTIL.minusSeconds(1)));
    }

    @Test
    void aMarkerDoesNotHoldForAnotherSessionId() {
        String value = markerValue(MARKER, "session-1");

        assertEquals(Optional.empty(), MARKER.holdsUntil(value, "session-2", NOW));
    }

    @Test
    void aMarkerDoesNotHoldFromItsTimeOn() {
        String value = markerValue(MARKER, "session-1");

        assertEquals(Optional.empty(), MARKER.holdsUntil(value, "session-1", UNTIL));
        assertEquals(Optional.empty(), MARKER.holdsUntil(value, "session-1", UNTIL.plusSeconds(60)));
    }

    @Test
    void aMarkerWithOneCharacterOfItsMacChangedDoesNotHold() {
        String value = markerValue(MARKER, "session-1");

        String tampered = changedAt(value, value.indexOf('.') + 1);

        assertEquals(Optional.empty(), MARKER.holdsUntil(tampered, "session-1", NOW));
    }

    @Test
    void aMarkerWithOneCharacterOfItsTimeChangedDoesNotHold() {
        String value = markerValue(MARKER, "session-1");

        // The first digit: a time far later, which would make the marker last longer.
        String tampered = changedAt(value, 0);

        assertEquals(Optional.empty(), MARKER.holdsUntil(tampered, "session-1", NOW));
    }

    @Test
    void aMarkerHoldsForTheSessionIdWithTheRouteAWildFlyCookieAppends() {
        String value = markerValue(MARKER, "session-1");

        assertEquals(Optional.of(UNTIL), MARKER.holdsUntil(value, "session-1.node-a", NOW));
    }

    @Test
    void aMarkerMadeUnderAnOlderSecretStillHoldsWhileThatSecretIsSecond() {
        String value = markerValue(SignInMarker.of(List.of(OLDER_SECRET), true), "session-1");
        SignInMarker rotated = SignInMarker.of(List.of(SECRET, OLDER_SECRET), true);

        assertEquals(Optional.of(UNTIL), rotated.holdsUntil(value, "session-1", NOW));
    }

    @Test
    void aMarkerMadeUnderASecretNotInTheListDoesNotHold() {
        String value = markerValue(SignInMarker.of(List.of("a secret nobody configured here, 32+ chars"), true),
                "session-1");
        SignInMarker rotated = SignInMarker.of(List.of(SECRET, OLDER_SECRET), true);

        assertEquals(Optional.empty(), rotated.holdsUntil(value, "session-1", NOW));
    }

    @Test
    void anOversizedValueIsRefused() {
        String value = markerValue(MARKER, "session-1");
        assertEquals(Optional.of(UNTIL), MARKER.holdsUntil("0" + value, "session-1", NOW),
                "precondition: a leading zero names the same time, so only its length refuses the value below");

        String oversized = "0".repeat(97 - value.length()) + value; // longer than the 96 characters looked at

        assertEquals(Optional.empty(), MARKER.holdsUntil(oversized, "session-1", NOW));
    }

    @Test
    void malformedValuesAreRefusedWithoutException() {
        String future = Long.toString(UNTIL.getEpochSecond());
        for (String malformed : Arrays.asList(null, "", ".", "no-dot", future, future + ".", future + ".A",
                future + ".!!!!", "." + value(MARKER.set("session-1", UNTIL, NOW)).split("\\.")[1],
                "ten." + "A".repeat(43), "-1.AAAA", "99999999999999999999.AAAA", "1.2.3")) {
            assertEquals(Optional.empty(), MARKER.holdsUntil(malformed, "session-1", NOW), "refused: " + malformed);
        }
    }

    @Test
    void theSetCookieIsHttpOnlyLaxForTheWholeSiteAndLastsUntilItsTime() {
        String setCookie = MARKER.set("session-1", UNTIL, NOW);

        List<String> parts = List.of(setCookie.split("; "));
        assertEquals(SignInMarker.NAME, parts.get(0).substring(0, parts.get(0).indexOf('=')));
        assertEquals(Set.of("HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=10", "Secure"),
                Set.copyOf(parts.subList(1, parts.size())));
    }

    @Test
    void theSetCookieIsNotSecureWhenSecureCookiesAreDisabled() {
        String setCookie = SignInMarker.of(List.of(SECRET), false).set("session-1", UNTIL, NOW);

        List<String> parts = List.of(setCookie.split("; "));
        assertEquals(Set.of("HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=10"),
                Set.copyOf(parts.subList(1, parts.size())));
    }

    @Test
    void aMarkerAnnouncesTheGenerationOfTheTokensItWasMadeFor() {
        String value = value(MARKER.set("session-1", UNTIL, NOW, 1_767_226_140L));
        assertEquals(Optional.of(new SignInMarker.Announcement(UNTIL, 1_767_226_140L)),
                MARKER.announcement(value, "session-1", NOW));
    }

    @Test
    void anotherGenerationDoesNotMatchTheMarkersMac() {
        String value = value(MARKER.set("session-1", UNTIL, NOW, 1_767_226_140L));
        String[] parts = value.split("\\.");
        String tampered = parts[0] + ".1767226141." + parts[2];
        assertEquals(Optional.empty(), MARKER.announcement(tampered, "session-1", NOW));
    }

    @Test
    void aMarkerWithoutGenerationAnnouncesAnyTokens() {
        String value = value(MARKER.set("session-1", UNTIL, NOW));
        assertEquals(Optional.of(new SignInMarker.Announcement(UNTIL, 0)), MARKER.announcement(value, "session-1", NOW));
    }
}
