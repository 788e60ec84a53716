package io.github.wristbandjakarta.internal.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One definition per configuration key, and docs/configuration.md says exactly those. With
 * {@code -Ddocs.regenerate=true} the test writes the tables into that page instead of comparing them.
 */
class ConfigurationReferenceTest {

    private static final String BEGIN = "<!-- config-keys:begin";
    private static final String END = "<!-- config-keys:end -->";
    /** A string literal that is a key of ours: {@code "wristband.…"}. */
    private static final Pattern KEY_LITERAL = Pattern.compile("\"wristband\\.[a-z]");

    /** The build runs the tests in the library's module directory; docs/ is the repository's. */
    private static Path repository() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("README.md")) ? here : here.getParent();
    }

    @Test
    void theConfigurationReferenceTablesAreTheKeyDefinitions() throws IOException {
        Path page = repository().resolve("docs/configuration.md");
        String text = Files.readString(page);
        int begin = text.indexOf('\n', text.indexOf(BEGIN)) + 1;
        int end = text.indexOf(END);
        if (Boolean.getBoolean("docs.regenerate")) {
            Files.writeString(page, text.substring(0, begin) + ConfigKey.referenceTables() + text.substring(end));
            return;
        }
        assertEquals(ConfigKey.referenceTables(), text.substring(begin, end),
                "docs/configuration.md and ConfigKey disagree: regenerate the page (-Ddocs.regenerate=true)");
    }

    @Test
    void noClassButConfigKeySpellsAKey() throws IOException {
        Path main = repository().resolve("wristband-jakarta-auth/src/main/java");
        List<String> spelled;
        try (Stream<Path> files = Files.walk(main)) {
            spelled = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.getFileName().toString().equals("ConfigKey.java"))
                    // The telemetry package's "wristband." literals name OpenTelemetry instruments and attributes
                    // (docs/telemetry.md), not configuration keys.
                    .filter(f -> !main.relativize(f).startsWith(Path.of("io/github/wristbandjakarta/internal/telemetry")))
                    .filter(f -> KEY_LITERAL.matcher(read(f)).find())
                    .map(f -> main.relativize(f).toString()).toList();
        }
        assertEquals(List.of(), spelled);
    }

    @Test
    void noClassButTheProducerReadsMicroProfileConfig() throws IOException {
        Path main = repository().resolve("wristband-jakarta-auth/src/main/java");
        List<String> readers;
        try (Stream<Path> files = Files.walk(main)) {
            readers = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> read(f).contains("org.eclipse.microprofile.config"))
                    .map(f -> main.relativize(f).toString()).toList();
        }
        // Every key goes through the loader: parsed as strictly as the others and checked against the known names.
        assertEquals(List.of("io/github/wristbandjakarta/internal/config/WristbandConfigProducer.java"), readers);
    }

    @Test
    void everyKeyIsDefinedOnce() {
        assertEquals(ConfigKey.values().length,
                Stream.of(ConfigKey.values()).map(ConfigKey::key).distinct().count());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
