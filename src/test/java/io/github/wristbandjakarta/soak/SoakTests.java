package io.github.wristbandjakarta.soak;

import io.github.wristbandjakarta.emulator.WristbandEmulator;
import io.github.wristbandjakarta.servers.MeasuredCommit;
import io.github.wristbandjakarta.servers.ServerNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The soak's pass lines (docs/soak.md), one test each, over one run per server that a subclass makes in its
 * {@code @BeforeAll} ({@link #soak}). Only {@code ./mvnw -Psoak} runs them.
 */
abstract class SoakTests {

    /** The library's configuration on both nodes on top of the cluster tests': Wristband's slow answers (4 s) are
     * slow, not failed (a 10 s timeout per call). */
    static final Map<String, String> CONFIG = Map.of("wristband.http.request-timeout", "10");

    static SoakResult result;

    static void soak(String server, String product, ServerNode a, ServerNode b, WristbandEmulator wristband)
            throws Exception {
        SoakSettings settings = SoakSettings.fromSystemProperties();
        result = new Soak(settings, a, b, wristband).run();
        SoakReport report = new SoakReport(result, server, product);
        String command = "./mvnw -Psoak -Dsoak.server=" + server + " -Dsoak.minutes=" + settings.length().toMinutes();
        String commit = MeasuredCommit.of(Path.of("."), "docs/soak.md", "docs/soak");
        System.out.println(report.block(commit, command));
        if (settings.docs()) {
            report.write(Path.of("docs"), commit, command);
            Soak.log("results written to docs/soak.md and docs/soak/" + report.plotName());
        }
    }

    @Test
    void noSessionIsLostOutsideTheSecondsAroundAKill() {
        assertEquals(List.of(), result.lostOutsideKills(), "signed-in requests answered as anonymous");
    }

    @Test
    void noServerErrorOutsideWristbandsOutagesAndInsideThemOnlyTheCallbacks502() {
        assertEquals(List.of(), result.fiveXxOutsideOutages(), "5xx outside the outages");
        assertEquals(List.of(), result.fiveXxInsideOutagesNotPromised(), "5xx inside the outages, not promised");
    }

    @Test
    void atMostOneRefreshCallPerSessionPerExpiry() {
        assertTrue(result.refreshCallsOutsideFaults() > 0, "sessions refreshed outside the faults");
        assertEquals(Map.of(), result.refreshTokensPresentedTwice(), "refresh tokens presented twice at Wristband");
    }

    @Test
    void heapAfterFullGcAndThreadsStayFlat() {
        List<SoakResult.Drift> drifts = result.drifts();
        assertFalse(drifts.isEmpty(), "no node has enough samples after its first cycle");
        for (SoakResult.Drift d : drifts) {
            assertTrue(d.heapRatio() <= 1.10, d.node() + ": heap after GC " + d.reference() + " → " + d.end());
            assertTrue(d.threadRatio() <= 1.10, d.node() + ": threads " + d.reference() + " → " + d.end());
        }
    }
}
