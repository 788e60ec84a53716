package io.github.wristbandjakarta.bench;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The declared cases hang together: each compared with a declared case, measured in the same run. */
class CasesTest {

    private static final List<BenchCase> ALL = Cases.all();

    private static Set<String> names() {
        Set<String> names = new HashSet<>();
        ALL.forEach(c -> assertTrue(names.add(c.name()), "declared twice: " + c.name()));
        return names;
    }

    @Test
    void namesAreUniqueWordsInLowerCase() {
        for (String name : names()) {
            assertTrue(name.matches("[a-z]+(-[a-z]+)+"), name);
        }
    }

    @Test
    void everyBaselineIsADeclaredCaseOnBothServers() {
        Set<String> names = names();
        for (BenchCase c : ALL) {
            if (c.baseline() != null) {
                assertTrue(names.contains(c.baseline()), c.name() + " is compared with undeclared " + c.baseline());
            }
            for (boolean wildFly : List.of(false, true)) {
                String target = Cases.targetBaseline(c, wildFly);
                assertTrue(target == null || names.contains(target), c.name() + "'s target baseline " + target);
            }
        }
        assertEquals(List.of(Cases.BASELINE), ALL.stream().filter(c -> c.baseline() == null).map(BenchCase::name)
                .toList(), "one case is the baseline of all");
        assertTrue(names.containsAll(Cases.LEAVE_SESSIONS));
    }

    @Test
    void aBaselineIsNeverMeasuredAfterTheCasesComparedWithIt() {
        for (BenchCase c : ALL) {
            if (c.baseline() != null && !Cases.LEAVE_SESSIONS.contains(c.name())) {
                assertTrue(!Cases.LEAVE_SESSIONS.contains(c.baseline()), c.name());
            }
        }
    }

    @Test
    void aNarrowRunTakesTheBaselinesAlong() {
        List<String> selected = Cases.selected(ALL, List.of(Cases.SIGNED_IN_ENDPOINT, Cases.SESSION_ENDPOINT)).stream()
                .map(BenchCase::name).toList();
        assertEquals(List.of(Cases.BASELINE, Cases.DIRECT_MECHANISM_FLOOR, Cases.LOGIN_FLOOR, Cases.SESSION_LOGIN_FLOOR,
                Cases.SESSION_ENDPOINT, Cases.SIGNED_IN_ENDPOINT), selected);
        assertThrows(IllegalArgumentException.class, () -> Cases.selected(ALL, List.of("b1")));
        assertEquals(List.of(Cases.BASELINE, Cases.PUBLIC_ENDPOINT, Cases.LIBRARY_PUBLIC_ENDPOINT, Cases.MECHANISM_FLOOR,
                Cases.DIRECT_MECHANISM_FLOOR),
                Cases.selected(ALL, List.of(Cases.PUBLIC_ENDPOINT)).stream().map(BenchCase::name).toList());
        assertEquals(ALL, Cases.selected(ALL, List.of()));
    }
}
