package io.github.wristbandjakarta.internal.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LogSafeTest {

    @Test
    void lineBreaksAndOtherControlCharactersBecomeSpaces() {
        assertEquals("denied  2026-11-29 INFO forged   x",
                LogSafe.clean("denied\r\n2026-11-29 INFO forged\u2028\u2029\u0009x"));
    }

    @Test
    void printableTextStaysAsItIs() {
        assertEquals("Callback failed: access_denied (tenant devs4you, ü)",
                LogSafe.clean("Callback failed: access_denied (tenant devs4you, ü)"));
    }

    @Test
    void aLongValueIsCutAndMarked() {
        String cleaned = LogSafe.clean("x".repeat(10_000));
        assertEquals(LogSafe.MAX_LENGTH + 1, cleaned.length());
        assertEquals('…', cleaned.charAt(LogSafe.MAX_LENGTH));
    }

    @Test
    void nullIsWrittenAsNull() {
        assertEquals("null", LogSafe.clean(null));
    }
}
