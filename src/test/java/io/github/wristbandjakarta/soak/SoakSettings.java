package io.github.wristbandjakarta.soak;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One soak run's settings ({@code -Dsoak.*}, docs/soak.md "Settings").
 *
 * @param length          how long the paced load runs (after sign-in and calibration)
 * @param users           virtual users, each a signed-in browser with a session of its own
 * @param loadShare       the share of the pair's measured maximum the paced load asks for
 * @param calibration     how long the unpaced load runs to measure that maximum (after as long a warm-up)
 * @param tokenLifetime   the access tokens' lifetime at the emulator
 * @param firstKill       when the first node is killed (SIGKILL) and restarted, from the start of the paced load
 * @param killEvery       then every this long, the nodes in turn
 * @param firstOutage     when Wristband first answers slowly, then with 503
 * @param outageEvery     then every this long
 * @param slowFor         how long Wristband answers slowly
 * @param slowBy          how slowly: each back-channel call waits this long, then answers
 * @param unavailableFor  how long Wristband then answers 503
 * @param logoutEvery     a user logs out and signs in again after this many rounds of its loop, on average
 * @param docs            whether the run writes its results block into docs/soak.md
 * @param out             where the run writes its plot and raw figures
 */
record SoakSettings(Duration length, int users, double loadShare, Duration calibration, Duration tokenLifetime,
                    Duration firstKill, Duration killEvery, Duration firstOutage, Duration outageEvery,
                    Duration slowFor, Duration slowBy, Duration unavailableFor, int logoutEvery, boolean docs,
                    Path out) {

    static SoakSettings fromSystemProperties() {
        return new SoakSettings(
                Duration.ofMinutes(Long.getLong("soak.minutes", 10)),
                Integer.getInteger("soak.users", 300),
                Double.parseDouble(System.getProperty("soak.load-share", "0.8")),
                Duration.ofSeconds(Long.getLong("soak.calibration-seconds", 30)),
                Duration.ofSeconds(Long.getLong("soak.token-lifetime-seconds", 90)),
                Duration.ofSeconds(Long.getLong("soak.first-kill-seconds", 180)),
                Duration.ofMinutes(10),
                Duration.ofSeconds(Long.getLong("soak.first-outage-seconds", 390)),
                Duration.ofMinutes(15),
                Duration.ofSeconds(30),
                Duration.ofSeconds(4),
                Duration.ofSeconds(30),
                Integer.getInteger("soak.logout-every", 25),
                Boolean.parseBoolean(System.getProperty("soak.docs", "true")),
                Path.of(System.getProperty("soak.out", "target/soak")));
    }

    /** Whether {@code -Dsoak.server} ({@code both} by default) names {@code server}. */
    static boolean runs(String server) {
        String chosen = System.getProperty("soak.server", "both");
        return chosen.equals("both") || chosen.equals(server);
    }

    /** The end of the outage that starts at {@code start}: the slow part, then the 503 part. */
    Duration outageLength() {
        return slowFor.plus(unavailableFor);
    }

    /** Settings in one line, for the report. */
    String describe() {
        return users + " users, " + Math.round(loadShare * 100) + " % of the measured maximum, access tokens of "
                + tokenLifetime.toSeconds() + " s (refresh tokens rotate), a node killed (SIGKILL) and restarted at "
                + minutes(firstKill) + " and every " + killEvery.toMinutes() + " min, Wristband slow (" + slowBy.toSeconds()
                + " s per call) for " + slowFor.toSeconds() + " s then 503 for " + unavailableFor.toSeconds() + " s at "
                + minutes(firstOutage) + " and every " + outageEvery.toMinutes() + " min, a logout and new sign-in every "
                + logoutEvery + " rounds of a user on average";
    }

    static String minutes(Duration d) {
        long s = d.toSeconds();
        return s % 60 == 0 ? s / 60 + " min" : String.format("%d:%02d", s / 60, s % 60);
    }
}
