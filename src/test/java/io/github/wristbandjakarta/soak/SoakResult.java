package io.github.wristbandjakarta.soak;

import io.github.wristbandjakarta.soak.Recorder.Answer;
import io.github.wristbandjakarta.soak.Recorder.NodeSample;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What a soak run saw, and its pass lines (docs/soak.md "Pass lines").
 *
 * @param maximum       the pair's unpaced maximum, requests per second
 * @param target        the paced load asked for, requests per second
 * @param refreshCalls  each refresh token presented at the emulator, with the seconds it was presented
 * @param killWindows   per kill: the second of the kill and the second the node served again
 * @param outageWindows per outage of Wristband: its first and last second
 */
record SoakResult(SoakSettings settings, double maximum, double target, Recorder recorder,
                  Map<String, List<Double>> refreshCalls, List<double[]> killWindows, List<double[]> outageWindows) {

    /** The emulator's requests are read once a second: a call is placed in a window with this slack. */
    static final double AUDIT_SLACK = 2;
    /** How long after a node serves again its samples are a fresh reference (a full cycle of every user). */
    static final double FIRST_CYCLE = 120;

    /**
     * The seconds after a kill in which a session may be lost (docs/soak.md "Pass lines"): a request that was
     * refreshing the session's tokens on the killed node when it died may have had Wristband rotate the refresh token
     * without storing the new one; the other node goes on with the access token it has while that is still good, and
     * ends the sign-in when it runs out, at most one access-token lifetime after the kill.
     */
    double killWindowAfter() {
        return settings.tokenLifetime().toSeconds();
    }

    boolean aroundAKill(double second) {
        return killWindows.stream().anyMatch(w -> second >= w[0] && second <= w[0] + killWindowAfter());
    }

    boolean inAnOutage(double second) {
        return outageWindows.stream().anyMatch(w -> second >= w[0] && second <= w[1] + AUDIT_SLACK);
    }

    /** Signed-in requests answered as anonymous outside the seconds around a kill: must be none. */
    List<Answer> lostOutsideKills() {
        return recorder.lost().stream().filter(a -> !aroundAKill(a.second())).toList();
    }

    /** 5xx answers outside Wristband's outages: must be none. */
    List<Answer> fiveXxOutsideOutages() {
        return recorder.fiveXx().stream().filter(a -> !inAnOutage(a.second())).toList();
    }

    /** 5xx answers inside the outages other than the callback's 502 the README promises: must be none. */
    List<Answer> fiveXxInsideOutagesNotPromised() {
        return recorder.fiveXx().stream().filter(a -> inAnOutage(a.second()))
                .filter(a -> !(a.request().equals("callback") && a.status() == 502)).toList();
    }

    /** Refresh calls outside the outages and the kills' windows. */
    long refreshCallsOutsideFaults() {
        return refreshCalls.values().stream().mapToLong(calls -> calls.stream().filter(this::outsideFaults).count())
                .sum();
    }

    /** Refresh tokens presented more than once outside the outages and the kills' windows: must be none. */
    Map<String, Long> refreshTokensPresentedTwice() {
        Map<String, Long> twice = new java.util.TreeMap<>();
        refreshCalls.forEach((token, calls) -> {
            long outside = calls.stream().filter(this::outsideFaults).count();
            if (outside > 1) {
                twice.put(token.substring(0, Math.min(8, token.length())) + "…", outside);
            }
        });
        return twice;
    }

    private boolean outsideFaults(double second) {
        return !inAnOutage(second) && !aroundAKill(second);
    }

    /** The most calls any refresh token got at Wristband, faults included. */
    long mostCallsForOneRefreshToken() {
        return refreshCalls.values().stream().mapToLong(List::size).max().orElse(0);
    }

    /**
     * Per node: its level a full cycle after its latest start and its level at the end, each the median of three
     * samples a minute apart (one sample is one moment of an autonomic thread pool or of a collection's timing).
     */
    record Drift(String node, Level reference, Level end) {

        double heapRatio() {
            return end.heapAfterGc() / reference.heapAfterGc();
        }

        double threadRatio() {
            return end.threads() / reference.threads();
        }

        boolean flat() {
            return heapRatio() <= 1.10 && threadRatio() <= 1.10;
        }
    }

    /** The median heap after GC (bytes) and threads of some samples of one node, and the seconds they span. */
    record Level(double heapAfterGc, double threads, double from, double to) {

        static Level of(List<NodeSample> samples) {
            return new Level(median(samples.stream().mapToDouble(NodeSample::heapAfterGc).toArray()),
                    median(samples.stream().mapToDouble(NodeSample::threads).toArray()),
                    samples.get(0).second(), samples.get(samples.size() - 1).second());
        }

        private static double median(double[] values) {
            double[] sorted = values.clone();
            java.util.Arrays.sort(sorted);
            return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        }
    }

    /** Samples per level. */
    static final int LEVEL_SAMPLES = 3;

    List<Drift> drifts() {
        List<Drift> drifts = new ArrayList<>();
        for (String node : recorder.samples().stream().map(NodeSample::node).distinct().sorted().toList()) {
            double since = killWindows.stream().filter(w -> node.equals(killed(w))).mapToDouble(w -> w[1]).max()
                    .orElse(0);
            List<NodeSample> life = recorder.samples().stream().filter(s -> s.node().equals(node))
                    .filter(s -> s.second() >= since + FIRST_CYCLE)
                    .sorted(Comparator.comparingDouble(NodeSample::second)).toList();
            if (life.size() >= 2 * LEVEL_SAMPLES) {
                drifts.add(new Drift(node, Level.of(life.subList(0, LEVEL_SAMPLES)),
                        Level.of(life.subList(life.size() - LEVEL_SAMPLES, life.size()))));
            }
        }
        return drifts;
    }

    private String killed(double[] window) {
        return recorder.events().stream().filter(e -> e.second() == window[0] && e.what().startsWith("kill -9 "))
                .map(e -> e.what().substring("kill -9 ".length())).findFirst().orElse("");
    }
}
