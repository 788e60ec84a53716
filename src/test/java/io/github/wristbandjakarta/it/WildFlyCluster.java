package io.github.wristbandjakarta.it;

import io.github.wristbandjakarta.emulator.EmulatorClient;
import io.github.wristbandjakarta.emulator.WristbandEmulator;

import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Two WildFly nodes on 127.0.0.1 from the build's one install, each with a base directory of its own under
 * {@code cluster.wildfly.dir} ({@code target/wildfly-cluster/node-a}, {@code node-b}), replicating their HttpSessions
 * through Infinispan over JGroups (TCP, static member list: {@code server-config/wildfly/cluster.cli}), each with the
 * application configured for its own origin, and one Wristband emulator in this JVM that accepts both nodes'
 * callbacks. Port offsets {@code cluster.wildfly.node-a.offset} (300: HTTP 8380, JGroups 7900) and
 * {@code cluster.wildfly.node-b.offset} (400: HTTP 8480, JGroups 8000).
 */
final class WildFlyCluster extends TwoNodeCluster<WildFlyNode> {

    private WildFlyCluster(WristbandEmulator wristband, WildFlyNode a, WildFlyNode b) {
        super(wristband, a, b);
    }

    static WildFlyCluster start() throws Exception {
        return start(UnaryOperator.identity(), UnaryOperator.identity());
    }

    /** With the test deployment and each node's standalone-ha.xml changed (WildFlyWriteProbeClusterIT). */
    static WildFlyCluster start(UnaryOperator<WebArchive> app, UnaryOperator<String> standaloneHa) throws Exception {
        Path home = Path.of(System.getProperty("wildfly.home", "target/wildfly/wildfly-39.0.1.Final"));
        Path dir = Path.of(System.getProperty("cluster.wildfly.dir", "target/wildfly-cluster"));
        WildFlyNode a = new WildFlyNode(home, dir.resolve("node-a"), "node-a",
                Integer.getInteger("cluster.wildfly.node-a.offset", 300));
        WildFlyNode b = new WildFlyNode(home, dir.resolve("node-b"), "node-b",
                Integer.getInteger("cluster.wildfly.node-b.offset", 400));
        WristbandEmulator wristband = WristbandEmulator.start(0, new EmulatorClient(TestApp.CLIENT_ID,
                TestApp.CLIENT_SECRET, List.of(a.url("/api/auth/callback"), b.url("/api/auth/callback")),
                a.url("/api/auth/login"), null, false, null));
        WildFlyCluster cluster = new WildFlyCluster(wristband, a, b);
        try {
            String members = "127.0.0.1[" + a.jgroupsPort + "],127.0.0.1[" + b.jgroupsPort + "]";
            ClusterSecrets secrets = ClusterSecrets.generate(dir);
            for (WildFlyNode node : List.of(a, b)) {
                node.stopLeftover();
                node.create(app.apply(TestApp.deployment(LibertyCluster.config(wristband, node))
                        .addClass(SessionWriteCounter.class)), standaloneHa, secrets);
            }
            a.start(members);
            b.start(members);
            a.awaitDeployed(Duration.ofSeconds(240));
            b.awaitDeployed(Duration.ofSeconds(240));
            // Both members in one JGroups view before the first session: the joiner logs the view it joined
            // (WFLYCLJG0033 … (2) [node-b, node-a]); after a merge, the coordinator logs a rebalance of both members.
            awaitEither(a, b, "\\(2\\) \\[node-|members \\[node-., node-.\\]", Duration.ofSeconds(90));
            return cluster;
        } catch (Throwable e) {
            cluster.close();
            throw e;
        }
    }

    private static void awaitEither(WildFlyNode a, WildFlyNode b, String regex, Duration timeout) {
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pattern.matcher(a.log()).find() && !pattern.matcher(b.log()).find()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no two-member cluster within " + timeout + "\n" + a.logTail() + "\n" + b.logTail());
            }
            ServerProcesses.sleep(250);
        }
    }
}
