package io.github.wristbandjakarta.soak;

import io.github.wristbandjakarta.it.WildFlyCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The soak on two WildFly nodes replicating sessions through Infinispan (docs/clustering.md). */
class WildFlySoakClusterIT extends SoakTests {

    private static WildFlyCluster cluster;

    @BeforeAll
    static void run() throws Exception {
        assumeTrue(SoakSettings.runs("wildfly"), "-Dsoak.server names another server");
        cluster = WildFlyCluster.start(CONFIG, app -> app.addClass(SoakStats.class), UnaryOperator.identity());
        soak("wildfly", cluster.a().product() + " + Infinispan", cluster.a(), cluster.b(), cluster.wristband());
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }
}
