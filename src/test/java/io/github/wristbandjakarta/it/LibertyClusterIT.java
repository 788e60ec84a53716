package io.github.wristbandjakarta.it;

import io.github.wristbandjakarta.testkit.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On Open Liberty (ClusterTests): two server processes replicating the HttpSession through Hazelcast
 * (sessionCache-1.0). And what only Liberty's cluster has: the JEP 290 deserialization allow-list of
 * server-config/liberty-cluster/jvm.options.
 */
class LibertyClusterIT extends ClusterTests {

    private static LibertyCluster cluster;
    private static long suiteStart;

    @BeforeAll
    static void startCluster() throws Exception {
        suiteStart = System.nanoTime();
        cluster = LibertyCluster.start();
        use(cluster.wristband, cluster.a(), cluster.b());
        System.out.printf("[cluster] two Liberty nodes up in %d s%n", seconds(suiteStart));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
        System.out.printf("[cluster] Liberty cluster suite: %d s including server starts and stops%n", seconds(suiteStart));
    }

    /**
     * Whatever bytes a member of the Hazelcast cluster writes into the session cache, the other node deserializes when
     * it loads the session; with gadget classes on its class path that would run code. Here node A's session holds a
     * class that is not on the allow-list (SerialFilterProbe, whose readObject stands for a gadget's code), and
     * Liberty writes it into the cache. Node B refuses it when it loads the attribute, and the probe's code never ran
     * there (it does run on node B when deserialized with a filter that allows it: the control). Its process-wide filter also refuses the entry point of well-known gadget chains and lets the sealed
     * sign-in through.
     */
    @Test
    @Order(1)
    void aNodeRefusesToDeserializeAClassOffTheAllowListFromTheSessionCache() {
        Browser browser = new Browser();
        Browser.Exchange write = browser.get(TestApp.url(cluster.a(), "/test/serial-filter?what=write"));
        assertEquals(200, write.status(), write.body());

        Browser.Exchange read = browser.get(TestApp.url(cluster.b(), "/test/serial-filter?what=read"));

        System.out.println("[cluster] node B read a session attribute off the allow-list: "
                + read.body().trim().replace('\n', ' '));
        assertEquals(200, read.status(), read.body());
        assertTrue(read.body().contains("attribute=null"), "node B handed out no such object: " + read.body());
        assertTrue(read.body().contains("readObjectRuns=0"), "its readObject never ran on node B: " + read.body());
        Browser.Exchange control = new Browser().get(TestApp.url(cluster.b(), "/test/serial-filter?what=control"));
        assertEquals("readObjectRuns=1", control.body().trim(),
                "the probe's code does run where a node deserializes it (with a stream filter that allows it)");
        String log = cluster.b().log();
        assertTrue(log.lines().anyMatch(line -> line.contains("SESN0304E") && line.contains(SerialFilterServlet.ATTRIBUTE))
                && log.contains("java.io.InvalidClassException: filter status: REJECTED"),
                "Liberty could not read the attribute because the JDK's filter refused it:\n" + cluster.b().logTail());

        Browser.Exchange check = new Browser().get(TestApp.url(cluster.b(), "/test/serial-filter?what=check"
                + "&class=io.github.wristbandjakarta.internal.session.SealedSession"
                + "&class=java.util.PriorityQueue"
                + "&class=java.util.HashMap"
                + "&class=io.github.wristbandjakarta.it.SerialFilterProbe"));
        assertEquals(200, check.status(), check.body());
        List<String> answers = check.body().lines().toList();
        assertEquals(List.of("io.github.wristbandjakarta.internal.session.SealedSession=ALLOWED",
                "java.util.PriorityQueue=REJECTED", "java.util.HashMap=REJECTED",
                "io.github.wristbandjakarta.it.SerialFilterProbe=REJECTED"), answers);
    }
}
