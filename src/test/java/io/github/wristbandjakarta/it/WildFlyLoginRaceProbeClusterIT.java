package io.github.wristbandjakarta.it;

import org.junit.jupiter.api.Test;

/**
 * A measurement, not part of the build's suites (run it alone: {@code ./mvnw -o package
 * failsafe:integration-test@cluster-wildfly -Dit.test=WildFlyLoginRaceProbeClusterIT}): how often a request to node B
 * made right after a sign-in on node A (or on node B itself) finds no session, with and without a short pause.
 */
class WildFlyLoginRaceProbeClusterIT {

    private static final int SIGN_INS = 60;

    @Test
    void sessionOnBRightAfterSignInOnA() throws Exception {
        try (WildFlyCluster cluster = WildFlyCluster.start(war -> war, xml -> xml)) {
            for (String round : new String[] {"A0", "B0", "A0", "B0", "A100"}) {
                WildFlyNode signInNode = round.startsWith("A") ? cluster.a : cluster.b;
                long pauseMillis = Long.parseLong(round.substring(1));
                int missed = 0;
                for (int i = 0; i < SIGN_INS; i++) {
                    Browser browser = new Browser();
                    SignIn.as(browser, i % 2 == 0 ? "alice" : "bob",
                            signInNode.url("/api/auth/login?tenant_name=devs4you"));
                    String csrf = browser.cookie("localhost", "CSRF-TOKEN").orElseThrow().value();
                    if (pauseMillis > 0) {
                        Thread.sleep(pauseMillis);
                    }
                    Browser.Exchange onB = browser.get(cluster.b.url("/api/auth/session"), "X-CSRF-TOKEN", csrf);
                    if (onB.status() != 200) {
                        missed++;
                        Browser.Exchange again = browser.get(cluster.b.url("/api/auth/session"), "X-CSRF-TOKEN", csrf);
                        System.out.printf("[cluster] miss %d: %d, then %d%n", i, onB.status(), again.status());
                    }
                }
                System.out.printf("[cluster] sign-in on %s, pause %d ms: %d of %d sessions missing on B%n",
                        round.substring(0, 1), pauseMillis, missed, SIGN_INS);
            }
        }
    }
}
