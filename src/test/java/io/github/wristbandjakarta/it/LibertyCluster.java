package io.github.wristbandjakarta.it;

import io.github.wristbandjakarta.emulator.EmulatorClient;
import io.github.wristbandjakarta.emulator.WristbandEmulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Two Open Liberty nodes on 127.0.0.1 replicating their HttpSessions through Hazelcast (sessionCache-1.0), each
 * with the application configured for its own origin, and one Wristband emulator in this JVM that accepts both
 * nodes' callbacks. Ports: {@code cluster.node-a.http} (9481), {@code cluster.node-b.http} (9482), HTTPS 9841/9842,
 * Hazelcast 5801/5802.
 */
final class LibertyCluster extends TwoNodeCluster<LibertyNode> {

    private LibertyCluster(WristbandEmulator wristband, LibertyNode a, LibertyNode b) {
        super(wristband, a, b);
    }

    static LibertyCluster start() throws Exception {
        Path wlp = Path.of(System.getProperty("liberty.wlpHome", "target/liberty/wlp"));
        int hzA = Integer.getInteger("cluster.node-a.hazelcast", 5801);
        int hzB = Integer.getInteger("cluster.node-b.hazelcast", 5802);
        LibertyNode a = new LibertyNode(wlp, "wristband-node-a", Integer.getInteger("cluster.node-a.http", 9481),
                Integer.getInteger("cluster.node-a.https", 9841), hzA);
        LibertyNode b = new LibertyNode(wlp, "wristband-node-b", Integer.getInteger("cluster.node-b.http", 9482),
                Integer.getInteger("cluster.node-b.https", 9842), hzB);
        WristbandEmulator wristband = WristbandEmulator.start(0, new EmulatorClient(TestApp.CLIENT_ID,
                TestApp.CLIENT_SECRET, List.of(a.url("/api/auth/callback"), b.url("/api/auth/callback")),
                a.url("/api/auth/login"), null, false, null));
        LibertyCluster cluster = new LibertyCluster(wristband, a, b);
        try {
            Path config = Path.of(System.getProperty("cluster.config", "server-config/liberty-cluster"));
            Path base = Path.of(System.getProperty("cluster.base.config", "server-config/liberty/server.xml"));
            Path testOnly = Path.of(System.getProperty("cluster.test.config", "server-config/test-only/liberty"));
            Path lib = Path.of(System.getProperty("cluster.lib", "target/cluster-lib"));
            String members = "127.0.0.1:" + hzA + ",127.0.0.1:" + hzB;
            for (LibertyNode node : List.of(a, b)) {
                node.stop(); // a node left over from an aborted run
                node.create(config, base, testOnly, lib, members,
                        TestApp.deployment(config(wristband, node)).addClasses(SessionWriteCounter.class,
                                SerialFilterServlet.class, SerialFilterProbe.class));
            }
            Process startA = a.startAsync();
            Process startB = b.startAsync();
            for (Process start : List.of(startA, startB)) {
                if (!start.waitFor(240, TimeUnit.SECONDS) || start.exitValue() != 0) {
                    throw new AssertionError("server start failed\n" + a.logTail() + "\n" + b.logTail());
                }
            }
            a.awaitApplication(Duration.ofSeconds(180));
            b.awaitApplication(Duration.ofSeconds(180));
            return cluster;
        } catch (Throwable e) {
            cluster.close();
            throw e;
        }
    }

    /** The application's configuration on one node: that node's login and callback URLs, the shared emulator. */
    static Map<String, String> config(WristbandEmulator wristband, ClusterNode node) {
        Map<String, String> config = TestApp.config(TestApp.CLIENT_ID, TestApp.CLIENT_SECRET,
                wristband.applicationOrigin(), node::url);
        config.put("wristband.http.request-timeout", "3");
        config.put("wristband.token-endpoint.enabled", "true");
        config.put("wristband.session.replicated", "true");
        return config;
    }
}
