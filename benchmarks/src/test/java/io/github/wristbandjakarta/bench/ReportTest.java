package io.github.wristbandjakarta.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report shows every case beside its baseline with the ratio, and refuses results with a case missing. */
class ReportTest {

    private static final int ROUNDS = 2;

    private static Settings settings(boolean wildFly) {
        return settings(wildFly, 1);
    }

    private static Settings settings(boolean wildFly, int starts) {
        return new Settings(3, ROUNDS, starts, 10, 4, 1, "false", false, 9380, 9399, null, wildFly ? "wildfly" : "liberty",
                true, Path.of("wlp"), "wristband-bench", Path.of("wildfly"), Path.of("app.war"), Path.of("out"),
                Path.of("."), Path.of(".."), List.of());
    }

    /** The baseline at 1000 req/s and 100 µs of CPU, every other case at half of it, twice the CPU. */
    private static Map<String, List<Sample>> samples(List<BenchCase> cases) {
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        for (BenchCase c : cases) {
            boolean baseline = c.baseline() == null;
            Sample s = baseline ? new Sample(1000, 500, 900, 100, 200, 0, 100)
                    : new Sample(500, 700, 1200, 130, 260, 0, 200);
            samples.put(c.name(), List.of(s, s));
        }
        return samples;
    }

    private static HttpResults results(Map<String, List<Sample>> samples, boolean wildFly) {
        return new HttpResults(settings(wildFly), Cases.all(), samples, 1342, 106, "JSESSIONID + CSRF-TOKEN",
                List.of(), List.of());
    }

    @Test
    void everyCaseIsListedBesideItsBaselineWithTheRatio() {
        String md = Report.markdown(results(samples(Cases.all()), false));
        for (BenchCase c : Cases.all()) {
            String row = md.lines().filter(l -> l.startsWith("| `" + c.name() + "` |")).findFirst()
                    .orElseThrow(() -> new AssertionError("no row for " + c.name() + " in\n" + md));
            if (c.baseline() != null) {
                String expected = c.baseline().equals(Cases.BASELINE) ? "0.50×" : "1.00×";
                assertTrue(row.contains("| `" + c.baseline() + "` | " + expected + " |"), row);
            }
        }
        assertTrue(md.contains("| `" + Cases.SIGNED_IN_ENDPOINT + "` ÷ `" + Cases.LOGIN_FLOOR + "` |"), md);
        assertTrue(md.contains("| `" + Cases.SESSION_ENDPOINT + "` throughput ≥ 0.80× `" + Cases.BASELINE
                + "` | 0.50× | **not met** |"), md);
    }

    @Test
    void onWildFlyTheSessionEndpointsTargetIsTheDirectMechanismFloor() {
        String md = Report.markdown(results(samples(Cases.all()), true));
        assertTrue(md.contains("| `" + Cases.SESSION_ENDPOINT + "` throughput ≥ 0.85× `" + Cases.DIRECT_MECHANISM_FLOOR
                + "` | 1.00× | met |"), md);
    }

    @Test
    void onLibertyOurPublicShareIsTakenAgainstTheMechanismFloor() {
        String md = Report.markdown(results(samples(Cases.all()), false));
        assertTrue(md.contains("| `" + Cases.PUBLIC_ENDPOINT + "` throughput ≥ 0.95× `" + Cases.MECHANISM_FLOOR
                + "` (our share of a public request) | 1.00× | met |"), md);
        assertTrue(!md.contains("WildFly's price for a mechanism"), md);
    }

    @Test
    void onWildFlyOurPublicShareIsTakenAgainstTheDirectFloorWhichIsTakenAgainstTheBaseline() {
        String md = Report.markdown(results(samples(Cases.all()), true));
        assertTrue(md.contains("| `" + Cases.PUBLIC_ENDPOINT + "` throughput ≥ 0.95× `" + Cases.DIRECT_MECHANISM_FLOOR
                + "` (our share of a public request) | 1.00× | met |"), md);
        assertTrue(md.contains("| `" + Cases.DIRECT_MECHANISM_FLOOR + "` throughput ≥ 0.80× `" + Cases.BASELINE
                + "` (WildFly's price for a mechanism) | 0.50× | **not met**: "), md);
    }

    @Test
    void aMechanismPriceNotMetIsSplitIntoCdiAndTheMechanismBeyondIt() {
        String md = Report.markdown(results(samples(Cases.all()), true));
        assertTrue(md.contains("(WildFly's price for a mechanism) | 0.50× | **not met**: CDI alone (a WAR with a "
                + "mechanism bean is a bean archive) 0.50× (`" + Cases.CDI_FLOOR + "` ÷ `" + Cases.BASELINE + "`), "
                + "the mechanism beyond CDI 1.00× (`" + Cases.DIRECT_MECHANISM_FLOOR + "` ÷ `" + Cases.CDI_FLOOR
                + "`) |"), md);
    }

    @Test
    void aPublicShareNotMetIsSplitIntoTheLibraryAloneAndTheApplicationsContent() {
        Map<String, List<Sample>> samples = samples(Cases.all());
        Sample slower = new Sample(400, 700, 1200, 130, 260, 0, 250);
        samples.put(Cases.PUBLIC_ENDPOINT, List.of(slower, slower));
        String md = Report.markdown(results(samples, false));
        assertTrue(md.contains("(our share of a public request) | 0.80× | **not met**: the library alone 1.00× (`"
                + Cases.LIBRARY_PUBLIC_ENDPOINT + "` ÷ `" + Cases.MECHANISM_FLOOR + "`), the reference "
                + "application's own content 0.80× (`" + Cases.PUBLIC_ENDPOINT + "` ÷ `" + Cases.LIBRARY_PUBLIC_ENDPOINT
                + "`) |"), md);
    }

    @Test
    void ourShareOfASignedInRequestIsTakenBeyondTheSessionLoginFloor() {
        String md = Report.markdown(results(samples(Cases.all()), false));
        assertTrue(md.contains("| `" + Cases.SIGNED_IN_ENDPOINT + "` throughput ≥ 0.95× `" + Cases.SESSION_LOGIN_FLOOR
                + "` | 1.00× | met |"), md);
    }

    @Test
    void everySignedInPageOrCallHasAThroughputTargetAgainstItsPublicTwin() {
        String md = Report.markdown(results(samples(Cases.all()), false));
        for (BenchCase c : Cases.all()) {
            if (c.target() == BenchCase.Target.PROTECTED_OVERHEAD) {
                assertTrue(md.contains("| `" + c.name() + "` throughput ≥ 0.85× `" + c.baseline()
                        + "` (signed in, against its public twin) | 1.00× | met |"), md);
            }
        }
    }

    @Test
    void theStartsOfARunAreTakenTogetherRoundByRound() {
        Settings twoStarts = settings(false, 2);
        Map<String, List<Sample>> slow = samples(Cases.all());
        Sample slower = new Sample(250, 700, 1200, 130, 260, 0, 400);
        slow.put(Cases.PUBLIC_ENDPOINT, List.of(slower, slower));
        HttpResults merged = HttpResults.merge(List.of(
                new HttpResults(twoStarts, Cases.all(), samples(Cases.all()), 1342, 106, "JSESSIONID + CSRF-TOKEN",
                        List.of(), List.of("note: once")),
                new HttpResults(twoStarts, Cases.all(), slow, 1342, 106, "JSESSIONID + CSRF-TOKEN",
                        List.of("a problem"), List.of("note: once"))));
        assertEquals(List.of(), merged.missing());
        assertEquals(2 * ROUNDS, merged.samples().get(Cases.PUBLIC_ENDPOINT).size());
        assertEquals(List.of("a problem"), merged.problems());
        assertEquals(List.of("note: once"), merged.notes());
        String md = Report.markdown(merged);
        assertTrue(md.contains("Medians over " + ROUNDS + " rounds of 3 s per case and load on each of 2 server starts"),
                md);
        // Per round against the baseline of the same round: 0.50× twice and 0.25× twice; the median is 0.375×.
        assertTrue(md.lines().anyMatch(l -> l.startsWith("| `" + Cases.PUBLIC_ENDPOINT + "` |")
                && l.contains("| `" + Cases.BASELINE + "` | 0.38× |")), md);
    }

    @Test
    void aRunOfSeveralStartsIsShortOfSamplesUntilEveryStartGaveItsRounds() {
        HttpResults oneOfTwo = new HttpResults(settings(false, 2), Cases.all(), samples(Cases.all()), 1342, 106,
                "JSESSIONID + CSRF-TOKEN", List.of(), List.of());
        assertEquals(Cases.all().size(), oneOfTwo.missing().size());
        assertTrue(oneOfTwo.settings().command().contains(" -Dbench.starts=2"), oneOfTwo.settings().command());
    }

    @Test
    void aCaseMissingFromTheResultsFailsTheReport() {
        Map<String, List<Sample>> samples = samples(Cases.all());
        samples.remove(Cases.PUBLIC_JSF_PAGE);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Report.markdown(results(samples, false)));
        assertTrue(e.getMessage().contains(Cases.PUBLIC_JSF_PAGE), e.getMessage());
    }

    @Test
    void aCaseShortOfARoundFailsTheReportToo() {
        Map<String, List<Sample>> samples = samples(Cases.all());
        samples.put(Cases.LOGIN_ROUND_TRIP, samples.get(Cases.LOGIN_ROUND_TRIP).subList(0, 1));
        assertEquals(List.of(Cases.LOGIN_ROUND_TRIP + " (1 of " + ROUNDS + " rounds)"),
                results(samples, false).missing());
        assertThrows(IllegalStateException.class, () -> Report.markdown(results(samples, false)));
    }

    @Test
    void theResultsBlockIsReplacedBetweenItsMarkersOnly() {
        String page = "intro\n" + ResultsPage.BEGIN + "\nold\n" + ResultsPage.END + "\n" + ResultsPage.WILDFLY_BEGIN
                + "\nother\n" + ResultsPage.WILDFLY_END + "\n";
        assertEquals("intro\n" + ResultsPage.BEGIN + "\nnew\n" + ResultsPage.END + "\n" + ResultsPage.WILDFLY_BEGIN
                        + "\nother\n" + ResultsPage.WILDFLY_END + "\n",
                ResultsPage.replaceBlock(page, ResultsPage.BEGIN, ResultsPage.END, "new\n"));
        assertThrows(IllegalStateException.class, () -> ResultsPage.replaceBlock("no markers", ResultsPage.BEGIN,
                ResultsPage.END, "new\n"));
    }
}
