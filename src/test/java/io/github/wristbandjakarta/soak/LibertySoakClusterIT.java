package io.github.wristbandjakarta.soak;

import io.github.wristbandjakarta.it.LibertyCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The soak on two Open Liberty nodes replicating sessions through Hazelcast (docs/clustering.md). */
class LibertySoakClusterIT extends SoakTests {

    private static LibertyCluster cluster;

    @BeforeAll
    static void run() throws Exception {
        assumeTrue(SoakSettings.runs("liberty"), "-Dsoak.server names another server");
        cluster = LibertyCluster.start(CONFIG, List.of(SoakStats.class), List.of("monitor-1.0"));
        soak("liberty", cluster.a().product() + " + Hazelcast", cluster.a(), cluster.b(), cluster.wristband());
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }
}
