package io.github.wristbandjakarta.it;

import io.github.wristbandjakarta.servers.DeploymentConfig;

import io.github.wristbandjakarta.emulator.EmulatorClient;
import io.github.wristbandjakarta.emulator.WristbandEmulator;
import io.github.wristbandjakarta.servers.LibertyNode;
import io.github.wristbandjakarta.servers.ServerNode;
import io.github.wristbandjakarta.servers.ServerProcesses;
import io.github.wristbandjakarta.servers.TwoNodeCluster;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Two Open Liberty nodes on 127.0.0.1 from the build's install ({@code target/liberty/wlp}), each a server of its own
 * made from {@code server-config/liberty-cluster}, replicating their HttpSessions through Hazelcast (sessionCache-1.0),
 * each with the application configured for its own origin, and one Wristband emulator in this JVM that accepts both
 * nodes' callbacks. Ports: {@code cluster.node-a.http} (9481), {@code cluster.node-b.http} (9482), HTTPS 9841/9842,
 * Hazelcast 5801/5802.
 */
public final class LibertyCluster extends TwoNodeCluster<LibertyNode> {

    final WristbandEmulator wristband;

    private LibertyCluster(WristbandEmulator wristband, LibertyNode a, LibertyNode b) {
        super(a, b, wristband::close);
        this.wristband = wristband;
    }

    static LibertyCluster start() throws Exception {
        return start(Map.of(), List.of(SessionWriteCounter.class, SerialFilterServlet.class, SerialFilterProbe.class,
                AnswerThenLinger.class), List.of());
    }

    /**
     * With {@code overrides} on top of each node's {@link #config}, {@code classes} added to the deployment and
     * {@code features} added to each node's server (the soak's statistics servlet and the {@code monitor-1.0} it reads).
     */
    public static LibertyCluster start(Map<String, String> overrides, List<Class<?>> classes, List<String> features)
            throws Exception {
        Path wlp = Path.of(System.getProperty("liberty.wlpHome", "target/liberty/wlp"));
        int hzA = Integer.getInteger("cluster.node-a.hazelcast", 5801);
        int hzB = Integer.getInteger("cluster.node-b.hazelcast", 5802);
        int httpA = Integer.getInteger("cluster.node-a.http", 9481);
        int httpB = Integer.getInteger("cluster.node-b.http", 9482);
        LibertyNode a = new LibertyNode(wlp, "wristband-node-a", httpA, wlp.resolve("usr/servers/wristband-node-a.out"));
        LibertyNode b = new LibertyNode(wlp, "wristband-node-b", httpB, wlp.resolve("usr/servers/wristband-node-b.out"));
        WristbandEmulator wristband = WristbandEmulator.start(0, new EmulatorClient(TestApp.CLIENT_ID,
                TestApp.CLIENT_SECRET, List.of(TestApp.url(a, "/api/auth/callback"), TestApp.url(b, "/api/auth/callback")),
                TestApp.url(a, "/api/auth/login"), null, false, null));
        LibertyCluster cluster = new LibertyCluster(wristband, a, b);
        try {
            Path config = Path.of(System.getProperty("cluster.config", "server-config/liberty-cluster"));
            Path base = Path.of(System.getProperty("cluster.base.config", "server-config/liberty/server.xml"));
            Path testOnly = Path.of(System.getProperty("cluster.test.config", "server-config/test-only/liberty"));
            Path lib = Path.of(System.getProperty("cluster.lib", "target/cluster-lib"));
            String members = "127.0.0.1:" + hzA + ",127.0.0.1:" + hzB;
            for (LibertyNode node : List.of(a, b)) {
                node.stopLeftover();
                create(node, features, node == a ? hzA : hzB,
                        node == a ? Integer.getInteger("cluster.node-a.https", 9841)
                                : Integer.getInteger("cluster.node-b.https", 9842), config, base, testOnly, lib, members,
                        TestApp.deployment(config(wristband, node, overrides)).addClasses(classes.toArray(Class<?>[]::new)));
            }
            // The start command returns once the server has started; the application may answer later.
            cluster.start(List.of(TestApp.CONTEXT + "/"), Duration.ofSeconds(420));
            return cluster;
        } catch (Throwable e) {
            cluster.close();
            throw e;
        }
    }

    /** The application's configuration on one node: that node's login and callback URLs, the shared emulator. */
    static Map<String, String> config(WristbandEmulator wristband, ServerNode node, Map<String, String> overrides) {
        Map<String, String> config = DeploymentConfig.of(TestApp.CLIENT_ID, TestApp.CLIENT_SECRET,
                wristband.applicationOrigin(), path -> TestApp.url(node, path));
        config.put("wristband.http.request-timeout", "3");
        config.put("wristband.token-endpoint.enabled", "true");
        config.put("wristband.session.replicated", "true");
        config.putAll(overrides);
        return config;
    }

    /**
     * The single-server configuration without mpHealth and mpTelemetry, which the library uses only where they are
     * present.
     */
    static String withoutOptionalFeatures(String serverXml) {
        String stripped = serverXml;
        for (String feature : List.of("mpHealth", "mpTelemetry")) {
            String without = stripped.replaceAll("\\s*<feature>" + feature + "-[0-9.]+</feature>", "");
            if (without.equals(stripped)) {
                throw new IllegalStateException("server.xml no longer names " + feature + ": update LibertyCluster");
            }
            stripped = without;
        }
        return stripped;
    }

    /** The emulator both nodes use as Wristband. */
    public WristbandEmulator wristband() {
        return wristband;
    }

    /**
     * A fresh server directory: cluster config, the build's test-only override (server-config/test-only/liberty: the
     * production example deploys nothing from dropins), the extra features, per-node ports, the Hazelcast jar, the
     * application in dropins.
     */
    private static void create(LibertyNode node, List<String> features, int hazelcastPort, int httpsPort,
                               Path clusterConfig, Path baseServerXml, Path testOnlyConfig, Path hazelcastLib, String hazelcastMembers,
                               WebArchive app) {
        Path dir = node.serverDir();
        try {
            ServerProcesses.deleteRecursively(dir);
            Files.createDirectories(dir.resolve("dropins"));
            Files.createDirectories(dir.resolve("lib"));
            Path overrides = Path.of("configDropins", "overrides");
            Files.createDirectories(dir.resolve(overrides));
            try (Stream<Path> files = Files.list(testOnlyConfig.resolve(overrides))) {
                for (Path file : files.toList()) {
                    Files.copy(file, dir.resolve(overrides).resolve(file.getFileName()));
                }
            }
            // Without the optional features (docs/health-checks.md): the cluster is also the test of a deployment
            // on a server that lacks them (ClusterTests.theLibraryRunsOnServersWithoutMicroProfileHealthOrTelemetry).
            if (!features.isEmpty()) {
                Files.writeString(dir.resolve(overrides).resolve("extra-features.xml"), "<server><featureManager>"
                        + features.stream().map(f -> "<feature>" + f + "</feature>").collect(Collectors.joining())
                        + "</featureManager></server>\n");
            }
            Files.writeString(dir.resolve("wristband-base.xml"), withoutOptionalFeatures(Files.readString(baseServerXml)));
            Files.copy(clusterConfig.resolve("server.xml"), dir.resolve("server.xml"));
            Files.copy(clusterConfig.resolve("hazelcast.xml"), dir.resolve("hazelcast.xml"));
            Files.writeString(dir.resolve("jvm.options"), Files.readString(clusterConfig.resolve("jvm.options"))
                    + "-Dhazelcast.port=" + hazelcastPort + "\n"
                    + "-Dhazelcast.members=" + hazelcastMembers + "\n");
            Files.writeString(dir.resolve("bootstrap.properties"),
                    "http.port=" + node.httpPort() + "\nhttps.port=" + httpsPort + "\n");
            try (Stream<Path> jars = Files.list(hazelcastLib)) {
                for (Path jar : jars.filter(p -> p.getFileName().toString().endsWith(".jar")).toList()) {
                    Files.copy(jar, dir.resolve("lib").resolve(jar.getFileName()));
                }
            }
            app.as(ZipExporter.class).exportTo(node.deployments().resolve("app.war").toFile(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + node.name(), e);
        }
    }
}
