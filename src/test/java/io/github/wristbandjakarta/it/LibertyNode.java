package io.github.wristbandjakarta.it;

import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
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

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .version(HttpClient.Version.HTTP_1_1).build();

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

    /** A fresh server directory: cluster config, per-node ports, the Hazelcast jar, the application in dropins. */
    void create(Path clusterConfig, Path baseServerXml, Path hazelcastLib, String hazelcastMembers, WebArchive app) {
        try {
            deleteRecursively(dir);
            Files.createDirectories(dir.resolve("dropins"));
            Files.createDirectories(dir.resolve("lib"));
            Files.copy(baseServerXml, dir.resolve("wristband-base.xml"));
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
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + httpPort + TestApp.CONTEXT + "/"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            sleep(500);
        }
        throw new AssertionError(name + ": the application did not answer within " + timeout + "\n" + logTail());
    }

    /** Waits until this node's messages.log shows {@code text}. */
    void awaitLog(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (log().contains(text)) {
                return;
            }
            sleep(500);
        }
        throw new AssertionError(name + ": no '" + text + "' in messages.log within " + timeout + "\n" + logTail());
    }

    String log() {
        try {
            Path messages = dir.resolve("logs/messages.log");
            return Files.exists(messages) ? Files.readString(messages) : "";
        } catch (IOException e) {
            return "";
        }
    }

    String logTail() {
        List<String> lines = log().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
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

    /** Stops the node if it is still running: gracefully first, then forcibly. */
    void stop() {
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
