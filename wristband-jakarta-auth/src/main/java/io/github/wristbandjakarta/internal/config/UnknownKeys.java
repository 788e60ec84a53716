package io.github.wristbandjakarta.internal.config;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

/**
 * The configured {@code wristband.*} names that no definition has: a misspelt key is otherwise silently ignored, and
 * its default used instead ({@code wristband.client_secret} leaves the client secret unset). Only names are looked at,
 * never values.
 */
final class UnknownKeys {

    private static final String PREFIX = "wristband.";

    private UnknownKeys() {
    }

    /**
     * One WARNING per unknown name, sorted, each naming the nearest known key.
     *
     * @param configuredNames every property name the configuration has, e.g. MicroProfile's
     *                        {@code Config.getPropertyNames()}; names outside {@code wristband.} are not ours to judge
     */
    static List<String> warnings(Iterable<String> configuredNames, List<? extends KeyDefinition> definitions) {
        Set<String> known = new TreeSet<>();
        definitions.forEach(definition -> known.add(definition.key()));
        Set<String> unknown = new TreeSet<>();
        StreamSupport.stream(configuredNames.spliterator(), false)
                .filter(name -> name.startsWith(PREFIX) && !known.contains(name))
                .forEach(unknown::add);
        return unknown.stream().map(name -> LogSafe.clean(name) + " is not a configuration key of the library and is"
                + " ignored; did you mean " + nearest(name, definitions) + "? (docs/configuration.md lists every key)")
                .toList();
    }

    /** The known key fewest single-character edits away; the first defined of equally near ones. */
    static String nearest(String name, List<? extends KeyDefinition> definitions) {
        return definitions.stream().map(KeyDefinition::key)
                .min(Comparator.comparingInt(key -> distance(name, key))).orElseThrow();
    }

    /** Levenshtein distance: insertions, deletions and substitutions of one character each count 1. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
