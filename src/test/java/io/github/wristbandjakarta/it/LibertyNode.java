package io.github.wristbandjakarta.it;

import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One Open Liberty cluster node for the cluster tests: a server created from the build's Liberty install
 * ({@code target/liberty/wlp}) with {@code server-config/liberty-cluster} (sessionCache-1.0 + Hazelcast), started
 * with {@code bin/server start}, stopped with {@code bin/server stop}, or killed ({@code SIGKILL}) by its PID.
 */
final class LibertyNode implements ClusterNode {

    final String name;
    final int httpPort;
    final int httpsPort;
    final int hazelcastPort;
    private final Path wlp;
    private final Path dir;

    LibertyNode(Path wlp, String name, int httpPort, int httpsPort, int hazelcastPort) {
        this.wlp = wlp;
        this.name = name;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
        this.hazelcastPort = hazelcastPort;
        this.dir = wlp.resolve("usr/servers").resolve(name);
    }

    @Override
    public String name() {
        return name;
    }

    String origin() {
        return "http://localhost:" + httpPort;
    }

    @Override
    public String url(String pathInApp) {
        return origin() + TestApp.CONTEXT + pathInApp;
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
                throw new IllegalStateException("server.xml no longer names " + feature + ": update LibertyNode");
            }
            stripped = without;
        }
        return stripped;
    }

    /**
     * A fresh server directory: cluster config, the build's test-only override (server-config/test-only/liberty: the
     * production example deploys nothing from dropins), per-node ports, the Hazelcast jar, the application in dropins.
     */
    void create(Path clusterConfig, Path baseServerXml, Path testOnlyConfig, Path hazelcastLib, String hazelcastMembers,
                WebArchive app) {
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
            Files.writeString(dir.resolve("wristband-base.xml"), withoutOptionalFeatures(Files.readString(baseServerXml)));
            Files.copy(clusterConfig.resolve("server.xml"), dir.resolve("server.xml"));
            Files.copy(clusterConfig.resolve("hazelcast.xml"), dir.resolve("hazelcast.xml"));
            Files.writeString(dir.resolve("jvm.options"), Files.readString(clusterConfig.resolve("jvm.options"))
                    + "-Dhazelcast.port=" + hazelcastPort + "\n"
                    + "-Dhazelcast.members=" + hazelcastMembers + "\n");
            Files.writeString(dir.resolve("bootstrap.properties"),
                    "http.port=" + httpPort + "\nhttps.port=" + httpsPort + "\n");
            try (Stream<Path> jars = Files.list(hazelcastLib)) {
                for (Path jar : jars.filter(p -> p.getFileName().toString().endsWith(".jar")).toList()) {
                    Files.copy(jar, dir.resolve("lib").resolve(jar.getFileName()));
                }
            }
            app.as(ZipExporter.class).exportTo(dir.resolve("dropins/app.war").toFile(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + name, e);
        }
    }

    /** {@code bin/server start}: returns once the server reports started (or fails). */
    Process startAsync() {
        return serverCommand("start", "--clean");
    }

    /** Waits until the application answers on this node's HTTP port. */
    void awaitApplication(Duration timeout) {
        ServerProcesses.awaitOk(name, URI.create("http://127.0.0.1:" + httpPort + TestApp.CONTEXT + "/"), timeout,
                this::logTail);
    }

    /** Waits until this node's messages.log shows {@code text}. */
    void awaitLog(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (log().contains(text)) {
                return;
            }
            ServerProcesses.sleep(500);
        }
        throw new AssertionError(name + ": no '" + text + "' in messages.log within " + timeout + "\n" + logTail());
    }

    /** Liberty's sessionCache stores the session at the end of the servlet request, before the answer is sent. */
    @Override
    public Duration storedElsewhereWithin() {
        return Duration.ZERO;
    }

    @Override
    public String log() {
        return ServerProcesses.readLog(dir.resolve("logs/messages.log"));
    }

    String logTail() {
        return ServerProcesses.lastLines(log(), 40);
    }

    Optional<ProcessHandle> process() {
        try {
            Path pidFile = wlp.resolve("usr/servers/.pid").resolve(name + ".pid");
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            // Only this node's JVM: a PID file left by a killed node may name a process that reused the PID.
            return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().map(line -> line.contains(" " + name)).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The process killed, not stopped: SIGKILL, no shutdown hooks, no goodbye to the Hazelcast cluster. */
    @Override
    public ProcessHandle kill() {
        ProcessHandle process = process().orElseThrow(() -> new AssertionError(name + " is not running"));
        process.destroyForcibly();
        try {
            Files.deleteIfExists(wlp.resolve("usr/servers/.pid").resolve(name + ".pid"));
        } catch (IOException e) {
            // process() checks the command line anyway
        }
        return process;
    }

    @Override
    public void killIfRunning() {
        process().ifPresent(ProcessHandle::destroyForcibly);
    }

    @Override
    public void stop() {
        Optional<ProcessHandle> process = process();
        if (process.isEmpty()) {
            return;
        }
        try {
            Process stop = serverCommand("stop");
            if (!stop.waitFor(90, TimeUnit.SECONDS)) {
                stop.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process.filter(ProcessHandle::isAlive).ifPresent(p -> {
                p.destroyForcibly();
                p.onExit().orTimeout(30, TimeUnit.SECONDS).join();
            });
        }
    }

    private Process serverCommand(String command, String... options) {
        List<String> line = new java.util.ArrayList<>(List.of(wlp.resolve("bin/server").toString(), command, name));
        line.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(line)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(wlp.resolve("usr/servers").resolve(name + "-" + command + ".out").toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + line, e);
        }
    }
}
