package io.github.wristbandjakarta.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * On WildFly (ClusterTests): two server processes on standalone-ha.xml replicating the HttpSession through
 * Infinispan (distributable-web, ATTRIBUTE granularity, SealedSession declared immutable) over JGroups TCP.
 */
class WildFlyClusterIT extends ClusterTests {

    private static WildFlyCluster cluster;
    private static long suiteStart;

    @BeforeAll
    static void startCluster() throws Exception {
        suiteStart = System.nanoTime();
        cluster = WildFlyCluster.start();
        use(cluster.wristband, cluster.a(), cluster.b());
        System.out.printf("[cluster] two WildFly nodes up in %d s%n", seconds(suiteStart));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        System.out.printf("[cluster] WildFly cluster suite: %d s including server starts and stops%n", seconds(suiteStart));
    }
}
