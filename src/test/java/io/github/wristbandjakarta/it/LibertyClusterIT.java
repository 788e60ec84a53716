package io.github.wristbandjakarta.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Issue 5 on Open Liberty (ClusterTests): two server processes replicating the HttpSession through Hazelcast
 * (sessionCache-1.0).
 */
class LibertyClusterIT extends ClusterTests {

    private static LibertyCluster cluster;
    private static long suiteStart;

    @BeforeAll
    static void startCluster() throws Exception {
        suiteStart = System.nanoTime();
        cluster = LibertyCluster.start();
        use(cluster.wristband, cluster.a, cluster.b);
        System.out.printf("[cluster] two Liberty nodes up in %d s%n", seconds(suiteStart));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        System.out.printf("[cluster] Liberty cluster suite: %d s including server starts and stops%n", seconds(suiteStart));
    }
}
