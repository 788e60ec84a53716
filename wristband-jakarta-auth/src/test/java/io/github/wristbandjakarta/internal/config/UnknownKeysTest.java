package io.github.wristbandjakarta.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

class UnknownKeysTest {

    private static final List<ConfigKey> LIBRARY = List.of(ConfigKey.values());

    @Test
    void aMisspeltKeyIsWarnedAboutNamingTheNearestKnownKey() {
        assertEquals(List.of("wristband.client_secret is not a configuration key of the library and is ignored; did you"
                        + " mean wristband.client-secret? (docs/configuration.md lists every key)"),
                UnknownKeys.warnings(List.of("wristband.client_secret"), LIBRARY));
    }

    @ParameterizedTest
    @CsvSource({
            "wristband.session.replicate, wristband.session.replicated",
            "wristband.csrf.cookie, wristband.csrf.cookie-name",
            "wristband.loginStateSecret, wristband.login-state-secret",
            "wristband.auth-strategy, wristband.auth-strategies"})
    void theNearestKnownKeyIsTheFewestEditsAway(String misspelt, String nearest) {
        assertEquals(nearest, UnknownKeys.nearest(misspelt, LIBRARY));
    }

    @Test
    void knownKeysAreNotWarnedAbout() {
        assertEquals(List.of(), UnknownKeys.warnings(List.of("wristband.client-id", "wristband.csrf.enabled"), LIBRARY));
    }

    @Test
    void namesOutsideTheWristbandPrefixAreNotWarnedAbout() {
        assertEquals(List.of(), UnknownKeys.warnings(List.of("mp.config.profile", "WRISTBAND_CLIENT_ID",
                "wristbandx.client-id"), LIBRARY));
    }

    @Test
    void aNameConfiguredTwiceIsWarnedAboutOnce() {
        assertEquals(1, UnknownKeys.warnings(List.of("wristband.scope", "wristband.scope"), LIBRARY).size());
    }

    @Test
    void aNameThatCouldForgeALogLineIsCleaned() {
        String warning = UnknownKeys.warnings(List.of("wristband.x\nINFO: forged"), LIBRARY).get(0);

        assertFalse(warning.contains("\n"), warning);
    }

    @ParameterizedTest
    @CsvSource({"kitten, sitting, 3", "abc, abc, 0", "'', abc, 3", "abc, '', 3", "flaw, lawn, 2", "a_b, a-b, 1"})
    void theDistanceCountsInsertionsDeletionsAndSubstitutions(String a, String b, int distance) {
        assertEquals(distance, UnknownKeys.distance(a, b));
    }
}
