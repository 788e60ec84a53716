package io.github.wristbandjakarta.internal.config;

/**
 * Text for a log line from values the library does not control (request parameters, exception messages carrying
 * Wristband's answers): control characters, line and paragraph separators become spaces, so that a value cannot start
 * a forged log line ({@code %0D%0A} in a query parameter), and a value is cut at {@value #MAX_LENGTH} characters.
 */
public final class LogSafe {

    static final int MAX_LENGTH = 300;

    private LogSafe() {
    }

    public static String clean(Object value) {
        String text = String.valueOf(value);
        int length = Math.min(text.length(), MAX_LENGTH);
        StringBuilder clean = new StringBuilder(length + 1);
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            clean.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c);
        }
        if (text.length() > MAX_LENGTH) {
            clean.append('…');
        }
        return clean.toString();
    }
}
