package io.github.wristbandjakarta.internal.login;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A query string parsed strictly from the raw request line, not through the container's parameter map, so that
 * duplicates are seen and malformed percent-encoding or UTF-8 is a 400 rather than a container-specific
 * surprise. Empty values count as absent (docs/protocol.md §3.1).
 */
public final class QueryParameters {

    /** More parameters than any Wristband flow sends is an attack, not a login. */
    static final int MAX_PARAMETERS = 64;

    private final Map<String, List<String>> values;

    private QueryParameters(Map<String, List<String>> values) {
        this.values = values;
    }

    public static QueryParameters parse(String rawQuery) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return new QueryParameters(values);
        }
        int count = 0;
        // Scanned pair by pair, stopping at the cap: a huge query costs no more than its first pairs.
        for (int start = 0; start <= rawQuery.length(); ) {
            int end = rawQuery.indexOf('&', start);
            if (end < 0) {
                end = rawQuery.length();
            }
            String pair = rawQuery.substring(start, end);
            start = end + 1;
            if (pair.isEmpty()) {
                continue;
            }
            if (++count > MAX_PARAMETERS) {
                throw new InvalidRequestException("Too many query parameters");
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            values.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
        }
        return new QueryParameters(values);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** How often the parameter appears, empty values included. */
    public int count(String name) {
        List<String> list = values.get(name);
        return list == null ? 0 : list.size();
    }

    /**
     * The value of a parameter that may appear at most once.
     *
     * @param duplicateMessage the 400 message when it appears more than once
     */
    public Optional<String> single(String name, String duplicateMessage) {
        List<String> list = values.get(name);
        if (list == null) {
            return Optional.empty();
        }
        if (list.size() > 1) {
            throw new InvalidRequestException(duplicateMessage);
        }
        String value = list.get(0);
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** Login and logout's wording for a duplicate (docs/protocol.md §3.1, §5.1). */
    public Optional<String> single(String name) {
        return single(name, "More than one [" + name + "] query parameter was encountered");
    }

    private static String decode(String raw) {
        if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
            return raw;
        }
        ByteBuffer bytes = ByteBuffer.allocate(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '+') {
                bytes.put((byte) ' ');
            } else if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new InvalidRequestException("Malformed percent-encoding in the query string");
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new InvalidRequestException("Malformed percent-encoding in the query string");
                }
                bytes.put((byte) ((hi << 4) | lo));
                i += 2;
            } else if (c > 0x7f) {
                // The raw query is ASCII on the wire; anything else came in undecoded and is not ours to guess.
                throw new InvalidRequestException("Malformed query string");
            } else {
                bytes.put((byte) c);
            }
        }
        bytes.flip();
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = utf8.decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new InvalidRequestException("Query string is not valid UTF-8");
        }
    }
}
