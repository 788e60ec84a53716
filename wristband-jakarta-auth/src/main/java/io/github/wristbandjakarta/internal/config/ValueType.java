package io.github.wristbandjakarta.internal.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * How the text of one key becomes its value: a parser, the checks the value must pass, and whether it is a secret.
 * Immutable; each method returns a new type. A key's definition ends it with what an absent key means
 * ({@link #required}, {@link #byDefault}, {@link #optional}, {@link #derived}), which makes it a {@link ValueSpec}.
 *
 * @param <T> the Java type of the value
 */
public final class ValueType<T> {

    /** Turns the text of a key (stripped, never blank) into its value. */
    @FunctionalInterface
    public interface Parser<T> {
        /** @throws InvalidValueException when the text is no such value */
        T parse(String text);
    }

    /**
     * A value refused, with the problem worded to follow the key's name ({@code "must be true or false."}); the
     * loader turns it into a {@link WristbandConfigException} naming the key. The problem never quotes a secret.
     */
    public static final class InvalidValueException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public InvalidValueException(String problem) {
            super(problem, null, false, false);
        }
    }

    private static final Pattern LIST_SEPARATOR = Pattern.compile("[,\\s]+");
    private static final Pattern WHOLE_SECONDS = Pattern.compile("[+-]?\\d{1,18}");

    private final Parser<T> parser;
    private final boolean secret;

    private ValueType(Parser<T> parser, boolean secret) {
        this.parser = parser;
        this.secret = secret;
    }

    public static <T> ValueType<T> of(Parser<T> parser) {
        return new ValueType<>(parser, false);
    }

    /** The text as it is. */
    public static ValueType<String> text() {
        return of(text -> text);
    }

    /** {@code true} or {@code false} in any case, and nothing else (MicroProfile's converter takes {@code yes} too). */
    public static ValueType<Boolean> flag() {
        return of(text -> {
            if (text.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (text.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
            throw new InvalidValueException("must be true or false.");
        });
    }

    /** Whole seconds ({@code 60}) or an ISO-8601 duration ({@code PT30S}). */
    public static ValueType<Duration> duration() {
        return of(text -> {
            if (WHOLE_SECONDS.matcher(text).matches()) {
                return Duration.ofSeconds(Long.parseLong(text));
            }
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new InvalidValueException(
                        "must be a whole number of seconds or an ISO-8601 duration such as PT30S.");
            }
        });
    }

    /** Items separated by commas or white space; a list naming nothing counts as absent. */
    public static ValueType<List<String>> list() {
        return of(text -> Arrays.stream(LIST_SEPARATOR.split(text)).filter(s -> !s.isEmpty()).toList());
    }

    /** This type, refusing a value that fails {@code test} with {@code problem}. */
    public ValueType<T> check(Predicate<? super T> test, String problem) {
        return new ValueType<>(text -> {
            T value = parser.parse(text);
            if (!test.test(value)) {
                throw new InvalidValueException(problem);
            }
            return value;
        }, secret);
    }

    /** This type, whose values {@code WristbandConfig.toString} never shows. */
    public ValueType<T> secret() {
        return new ValueType<>(parser, true);
    }

    /** An absent key stops the deployment with {@code problem}. */
    public ValueSpec<T> required(String problem) {
        return ValueSpec.required(this, problem);
    }

    /** An absent key is {@code value}, which the reference tables show as it is. */
    public ValueSpec<T> byDefault(T value) {
        return ValueSpec.byDefault(this, value, ValueSpec.documentedValue(value));
    }

    /** An absent key is {@code value}; the reference tables add {@code note}, e.g. {@code (8 h)}. */
    public ValueSpec<T> byDefault(T value, String note) {
        return ValueSpec.byDefault(this, value, ValueSpec.documentedValue(value) + " " + note);
    }

    /**
     * An absent key is an empty {@link Optional}, for values that have no default of the library's own (Wristband's
     * auto-configuration supplies them, or the feature is off); the reference tables show {@code documentedDefault}.
     */
    public ValueSpec<Optional<T>> optional(String documentedDefault) {
        ValueType<Optional<T>> optional = new ValueType<>(text -> Optional.of(parser.parse(text)), secret);
        return ValueSpec.byDefault(optional, Optional.empty(), documentedDefault);
    }

    /**
     * An absent key takes a value computed from other keys, by its rule in {@code CrossKeyRules}; the reference tables
     * show {@code documentedDefault}, e.g. {@code the client secret}.
     */
    public ValueSpec<T> derived(String documentedDefault) {
        return ValueSpec.derived(this, documentedDefault);
    }

    T parse(String text) {
        return parser.parse(text);
    }

    boolean isSecret() {
        return secret;
    }
}
