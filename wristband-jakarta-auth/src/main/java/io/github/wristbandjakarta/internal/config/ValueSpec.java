package io.github.wristbandjakarta.internal.config;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Everything a key's definition says about its value: its {@link ValueType} (parser, checks, secrecy), what an absent
 * key means, and optionally a value that is valid but meant for tests only. The loader reads a key with it,
 * {@code WristbandConfig.toString} shows the value with it, and the reference tables document the default with it,
 * so a default is written once, as a Java value.
 *
 * @param <T> the Java type of the value
 */
public final class ValueSpec<T> {

    private enum WhenAbsent { REQUIRED, DEFAULT, DERIVED }

    private static final Predicate<Object> NEVER = value -> false;

    private final ValueType<T> type;
    private final WhenAbsent whenAbsent;
    /** The value of an absent key; only with {@link WhenAbsent#DEFAULT}. */
    private final T defaultValue;
    /** The problem of an absent required key, else the default as the reference tables show it. */
    private final String absentText;
    private final Predicate<? super T> forTestsOnly;
    private final String forTestsOnlyWarning;

    private ValueSpec(ValueType<T> type, WhenAbsent whenAbsent, T defaultValue, String absentText,
                      Predicate<? super T> forTestsOnly, String forTestsOnlyWarning) {
        this.type = type;
        this.whenAbsent = whenAbsent;
        this.defaultValue = defaultValue;
        this.absentText = absentText;
        this.forTestsOnly = forTestsOnly;
        this.forTestsOnlyWarning = forTestsOnlyWarning;
    }

    static <T> ValueSpec<T> required(ValueType<T> type, String problem) {
        return new ValueSpec<>(type, WhenAbsent.REQUIRED, null, problem, NEVER, "");
    }

    static <T> ValueSpec<T> byDefault(ValueType<T> type, T value, String documentedDefault) {
        return new ValueSpec<>(type, WhenAbsent.DEFAULT, value, documentedDefault, NEVER, "");
    }

    static <T> ValueSpec<T> derived(ValueType<T> type, String documentedDefault) {
        return new ValueSpec<>(type, WhenAbsent.DERIVED, null, documentedDefault, NEVER, "");
    }

    /**
     * This spec, where a value that passes {@code test} is accepted but logged as a WARNING at start: the key's name,
     * then {@code warning} (e.g. {@code "is 0, which is for tests only: …"}).
     */
    public ValueSpec<T> warnWhen(Predicate<? super T> test, String warning) {
        return new ValueSpec<>(type, whenAbsent, defaultValue, absentText, test, warning);
    }

    /**
     * The value of {@code key} from its text (stripped; empty when the key is absent or blank): parsed and checked, or
     * what an absent key means. A list or map that names nothing ({@code " , "}) counts as absent.
     *
     * @return empty only for an absent derived key, whose rule supplies the value
     * @throws WristbandConfigException naming the key, when the value is refused or a required key is absent
     */
    Optional<T> read(KeyDefinition key, Optional<String> text) {
        if (text.isPresent()) {
            T value;
            try {
                value = type.parse(text.get());
            } catch (ValueType.InvalidValueException e) {
                throw new WristbandConfigException(key, e.getMessage());
            }
            if (!namesNothing(value)) {
                return Optional.of(value);
            }
        }
        return switch (whenAbsent) {
            case REQUIRED -> throw new WristbandConfigException(key, absentText);
            case DEFAULT -> Optional.of(defaultValue);
            case DERIVED -> Optional.empty();
        };
    }

    /** The WARNING for a valid value meant for tests only, without the key's name; never quotes the value. */
    @SuppressWarnings("unchecked")
    Optional<String> warning(Object value) {
        return forTestsOnly.test((T) value) ? Optional.of(forTestsOnlyWarning) : Optional.empty();
    }

    boolean secret() {
        return type.isSecret();
    }

    /** The default as the reference tables show it: {@code required}, {@code `60`}, {@code none}, … */
    public String documentedDefault() {
        return whenAbsent == WhenAbsent.REQUIRED ? "required" : absentText;
    }

    /** A value as {@code WristbandConfig.toString} shows it: never a secret's. */
    String shown(Object value) {
        if (secret()) {
            return "(secret)";
        }
        if (value instanceof Optional<?> optional) {
            return optional.map(String::valueOf).orElse("(not set)");
        }
        return String.valueOf(value);
    }

    private static boolean namesNothing(Object value) {
        return value instanceof Collection<?> c && c.isEmpty() || value instanceof Map<?, ?> m && m.isEmpty();
    }

    /** A default value in the reference tables' words: durations in seconds, lists space separated, none for empty. */
    static String documentedValue(Object value) {
        if (namesNothing(value)) {
            return "none";
        }
        String text;
        if (value instanceof Duration duration) {
            text = Long.toString(duration.toSeconds());
        } else if (value instanceof Collection<?> items) {
            text = items.stream().map(String::valueOf).collect(Collectors.joining(" "));
        } else if (value instanceof Map<?, ?> map) {
            text = map.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        } else {
            text = String.valueOf(value);
        }
        return "`" + text + "`";
    }
}
