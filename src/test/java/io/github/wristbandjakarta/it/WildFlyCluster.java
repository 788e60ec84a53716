package io.github.wristbandjakarta.it;

import io.github.wristbandjakarta.emulator.EmulatorClient;
import io.github.wristbandjakarta.emulator.WristbandEmulator;
import io.github.wristbandjakarta.servers.ServerProcesses;
import io.github.wristbandjakarta.servers.TwoNodeCluster;
import io.github.wristbandjakarta.servers.WildFlyNode;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Two WildFly nodes on 127.0.0.1 from the build's one install (prepared by {@code server-config/wildfly/cluster.cli}),
 * each on {@code standalone-ha.xml} with a base directory of its own under {@code cluster.wildfly.dir}
 * ({@code target/wildfly-cluster/node-a}, {@code node-b}: a copy of the install's {@code standalone/configuration},
 * the application in {@code deployments/}), replicating their HttpSessions through Infinispan over JGroups (TCP,
 * static member list), each with the application configured for its own origin, and one Wristband emulator in this
 * JVM that accepts both nodes' callbacks. Port offsets {@code cluster.wildfly.node-a.offset} (300: HTTP 8380, JGroups
 * 7900) and {@code cluster.wildfly.node-b.offset} (400: HTTP 8480, JGroups 8000).
 */
public final class WildFlyCluster extends TwoNodeCluster<WildFlyNode> {

    final WristbandEmulator wristband;

    private WildFlyCluster(WristbandEmulator wristband, WildFlyNode a, WildFlyNode b) {
        super(a, b, wristband::close);
        this.wristband = wristband;
    }

    static WildFlyCluster start() throws Exception {
        return start(app -> app.addClass(AnswerThenLinger.class), UnaryOperator.identity());
    }

    /** With the test deployment and each node's standalone-ha.xml changed. */
    static WildFlyCluster start(UnaryOperator<WebArchive> app, UnaryOperator<String> standaloneHa) throws Exception {
        return start(Map.of(), app, standaloneHa);
    }

    /** With {@code overrides} on top of each node's configuration (LibertyCluster.config) as well. */
    public static WildFlyCluster start(Map<String, String> overrides, UnaryOperator<WebArchive> app,
                                       UnaryOperator<String> standaloneHa) throws Exception {
        Path home = Path.of(System.getProperty("wildfly.home", "target/wildfly/wildfly-39.0.1.Final"));
        Path dir = Path.of(System.getProperty("cluster.wildfly.dir", "target/wildfly-cluster"));
        int offsetA = Integer.getInteger("cluster.wildfly.node-a.offset", 300);
        int offsetB = Integer.getInteger("cluster.wildfly.node-b.offset", 400);
        String members = "127.0.0.1[" + (7600 + offsetA) + "],127.0.0.1[" + (7600 + offsetB) + "]";
        // The cluster's key and secrets (server-config/wildfly/cluster.cli, "only members holding ... join").
        ClusterSecrets secrets = ClusterSecrets.generate(dir);
        WildFlyNode a = node(home, dir, "node-a", offsetA, members, secrets);
        WildFlyNode b = node(home, dir, "node-b", offsetB, members, secrets);
        WristbandEmulator wristband = WristbandEmulator.start(0, new EmulatorClient(TestApp.CLIENT_ID,
                TestApp.CLIENT_SECRET, List.of(TestApp.url(a, "/api/auth/callback"),
                TestApp.url(b, "/api/auth/callback")), TestApp.url(a, "/api/auth/login"), null,
                false, null));
        WildFlyCluster cluster = new WildFlyCluster(wristband, a, b);
        try {
            for (WildFlyNode node : List.of(a, b)) {
                node.stopLeftover();
                create(node, app.apply(TestApp.deployment(LibertyCluster.config(wristband, node, overrides))
                        .addClass(SessionWriteCounter.class)), standaloneHa, secrets);
            }
            cluster.start(List.of(TestApp.CONTEXT + "/"), Duration.ofSeconds(240));
            // Both members in one JGroups view before the first session: the joiner logs the view it joined
            // (WFLYCLJG0033 … (2) [node-b, node-a]); after a merge, the coordinator logs a rebalance of both members.
            awaitEither(a, b, "\\(2\\) \\[node-|members \\[node-., node-.\\]", Duration.ofSeconds(90));
            return cluster;
        } catch (Throwable e) {
            cluster.close();
            throw e;
        }
    }

    /** The emulator both nodes use as Wristband. */
    public WristbandEmulator wristband() {
        return wristband;
    }

    private static WildFlyNode node(Path home, Path dir, String name, int offset, String members,
                                    ClusterSecrets secrets) {
        Path base = dir.resolve(name);
        return new WildFlyNode(home, base, name, offset, "standalone-ha.xml",
                List.of("-b", "127.0.0.1", "-bprivate", "127.0.0.1", "-Djboss.node.name=" + name,
                        "-Djgroups.tcpping.initial_hosts=" + members),
                Map.of("JGROUPS_ENCRYPT_PASSWORD", secrets.encryptPassword(),
                        "JGROUPS_CLUSTER_SECRET", secrets.clusterSecret()),
                base.resolve("console.out"));
    }

    /**
     * A fresh base directory: the install's configuration (standalone-ha.xml) with the cluster's key store
     * ({@code jgroups.p12}), the application in deployments/.
     */
    private static void create(WildFlyNode node, WebArchive app, UnaryOperator<String> standaloneHa,
                               ClusterSecrets secrets) {
        Path base = node.base();
        try {
            ServerProcesses.deleteRecursively(base);
            Path configuration = base.resolve("configuration");
            Path source = node.home().resolve("standalone/configuration");
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.toList()) {
                    Path relative = source.relativize(file);
                    if (relative.startsWith("standalone_xml_history")) {
                        continue;
                    }
                    Path target = configuration.resolve(relative.toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target);
                    }
                }
            }
            Files.copy(secrets.keyStore(), configuration.resolve("jgroups.p12"));
            Path ha = configuration.resolve("standalone-ha.xml");
            Files.writeString(ha, standaloneHa.apply(Files.readString(ha)));
            Files.createDirectories(node.deployments());
            app.as(ZipExporter.class).exportTo(node.deployments().resolve("app.war").toFile(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + node.name(), e);
        }
    }

    private static void awaitEither(WildFlyNode a, WildFlyNode b, String regex, Duration timeout) {
        Pattern pattern = Pattern.compile(regex);
        ServerProcesses.await("no two-member cluster", timeout, 250,
                () -> pattern.matcher(a.log()).find() || pattern.matcher(b.log()).find(),
                () -> a.logTail() + "\n" + b.logTail());
    }
}
