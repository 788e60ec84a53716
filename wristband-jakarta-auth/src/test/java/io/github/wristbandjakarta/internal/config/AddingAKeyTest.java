package io.github.wristbandjakarta.internal.config;

import static io.github.wristbandjakarta.internal.config.ValueType.duration;
import static io.github.wristbandjakarta.internal.config.ValueType.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A key is one definition: a definition the library does not have (as a new ConfigKey constant would be) is read,
 * checked, shown and documented with nothing else written for it.
 */
class AddingAKeyTest {

    /** A definition of a key, as a ConfigKey constant is one. */
    private record ExtraKey(String key, ConfigKey.Group group, ValueSpec<?> spec, String documentation)
            implements KeyDefinition {
    }

    private static final ExtraKey GREETING_TIMEOUT = new ExtraKey("wristband.greeting-timeout", ConfigKey.Group.HTTP,
            duration().check(Parsers::positive, "must be greater than 0.").byDefault(Duration.ofSeconds(7), "(s)"),
            "How long a greeting may take.");
    private static final ExtraKey PEPPER = new ExtraKey("wristband.pepper", ConfigKey.Group.SESSION,
            text().secret().optional("none"),
            "A secret added to every greeting.");

    private static final List<KeyDefinition> DEFINITIONS = withExtraKeys();

    private final Map<String, String> values = new HashMap<>(Map.of(
            "wristband.client-id", "client-id",
            "wristband.client-secret", "client-secret-value-0123456789abcdef",
            "wristband.application-vanity-domain", "app-co.us.wristband.dev"));

    private static List<KeyDefinition> withExtraKeys() {
        List<KeyDefinition> definitions = new ArrayList<>(List.of(ConfigKey.values()));
        definitions.add(GREETING_TIMEOUT);
        definitions.add(PEPPER);
        return List.copyOf(definitions);
    }

    private WristbandConfig load() {
        return WristbandConfigLoader.load(DEFINITIONS, key -> Optional.ofNullable(values.get(key)), values.keySet());
    }

    @Test
    void anExtraKeyIsParsedToItsType() {
        values.put("wristband.greeting-timeout", "PT2M");

        assertEquals(Duration.ofMinutes(2), load().value(GREETING_TIMEOUT));
    }

    @Test
    void anAbsentExtraKeyTakesItsDefault() {
        assertEquals(Duration.ofSeconds(7), load().value(GREETING_TIMEOUT));
    }

    @Test
    void aBadValueOfAnExtraKeyIsRefusedNamingTheKey() {
        values.put("wristband.greeting-timeout", "0");

        WristbandConfigException e = assertThrows(WristbandConfigException.class, this::load);

        assertEquals("Invalid Wristband configuration [wristband.greeting-timeout]: must be greater than 0.",
                e.getMessage());
    }

    @Test
    void anExtraKeyIsShownByToString() {
        values.put("wristband.greeting-timeout", "3");

        assertTrue(load().toString().contains("wristband.greeting-timeout=PT3S"), load().toString());
    }

    @Test
    void anExtraSecretKeyIsMaskedByToString() {
        values.put("wristband.pepper", "pepper-of-the-greetings");

        String text = load().toString();

        assertFalse(text.contains("pepper-of-the-greetings"), text);
        assertTrue(text.contains("wristband.pepper=(secret)"), text);
    }

    @Test
    void anExtraKeyIsDocumentedInItsGroupsTable() {
        String tables = KeyDefinition.referenceTables(DEFINITIONS);

        String http = tables.substring(tables.indexOf("### Calls to Wristband"));
        assertTrue(http.contains("| `wristband.greeting-timeout` | `7` (s) | How long a greeting may take. |\n"), http);
        String session = tables.substring(tables.indexOf("### Sessions and cookies"), tables.indexOf("### Requests"));
        assertTrue(session.contains("| `wristband.pepper` | none | A secret added to every greeting. |\n"), session);
    }

    @Test
    void anExtraKeyIsNoUnknownKey() {
        values.put("wristband.greeting-timeout", "3");

        assertEquals(List.of(), UnknownKeys.warnings(values.keySet(), DEFINITIONS));
    }

    @Test
    void aDerivedKeyWithoutItsRuleCannotBeLoaded() {
        ExtraKey derived = new ExtraKey("wristband.derived", ConfigKey.Group.HTTP,
                text().derived("another key"), "Computed from another key.");
        List<KeyDefinition> definitions = new ArrayList<>(List.of(ConfigKey.values()));
        definitions.add(derived);

        assertThrows(IllegalStateException.class, () -> WristbandConfigLoader.load(definitions,
                key -> Optional.ofNullable(values.get(key)), values.keySet()));
    }
}
