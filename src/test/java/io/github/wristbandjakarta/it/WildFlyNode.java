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
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One WildFly cluster node for the cluster tests: the build's WildFly install ({@code target/wildfly/wildfly-39.0.1.Final},
 * prepared by {@code server-config/wildfly/cluster.cli}) started on {@code standalone-ha.xml} with a base directory of
 * its own (a copy of the install's {@code standalone/configuration}, the application in {@code deployments/}), a node
 * name, a port offset (HTTP 8080 + offset, JGroups TCP 7600 + offset) and the static JGroups member list. Started with
 * {@code bin/standalone.sh} by this JVM, stopped with SIGTERM (WildFly's graceful shutdown) or killed with SIGKILL,
 * both by the PID of the server JVM that script started.
 */
final class WildFlyNode implements ClusterNode {

    final String name;
    final int portOffset;
    final int httpPort;
    final int jgroupsPort;
    private final Path home;
    private final Path base;
    private Process script;
    /** The cluster's key and secrets (server-config/wildfly/cluster.cli, "only members holding ... join"). */
    private ClusterSecrets secrets;

    WildFlyNode(Path home, Path base, String name, int portOffset) {
        this.home = home;
        this.base = base;
        this.name = name;
        this.portOffset = portOffset;
        this.httpPort = 8080 + portOffset;
        this.jgroupsPort = 7600 + portOffset;
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
     * A fresh base directory: the install's configuration (standalone-ha.xml) with the cluster's key store
     * ({@code jgroups.p12}), the application in deployments/.
     */
    void create(WebArchive app, java.util.function.UnaryOperator<String> standaloneHa, ClusterSecrets secrets) {
        this.secrets = secrets;
        try {
            ServerProcesses.deleteRecursively(base);
            Path configuration = base.resolve("configuration");
            Path source = home.resolve("standalone/configuration");
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
            Files.createDirectories(base.resolve("deployments"));
            app.as(ZipExporter.class).exportTo(base.resolve("deployments/app.war").toFile(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + name, e);
        }
    }

    /** {@code bin/standalone.sh -c standalone-ha.xml …}: returns at once; see {@link #awaitDeployed}. */
    void start(String jgroupsMembers) {
        List<String> line = List.of(home.resolve("bin/standalone.sh").toString(),
                "-c", "standalone-ha.xml",
                "-b", "127.0.0.1",
                "-bprivate", "127.0.0.1",
                "-Djboss.server.base.dir=" + base.toAbsolutePath(),
                "-Djboss.node.name=" + name,
                "-Djboss.socket.binding.port-offset=" + portOffset,
                "-Djgroups.tcpping.initial_hosts=" + jgroupsMembers);
        ProcessBuilder builder = new ProcessBuilder(line)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("console.out").toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("JAVA_OPTS");
        builder.environment().remove("LAUNCH_JBOSS_IN_BACKGROUND");
        builder.environment().put("JGROUPS_ENCRYPT_PASSWORD", secrets.encryptPassword());
        builder.environment().put("JGROUPS_CLUSTER_SECRET", secrets.clusterSecret());
        try {
            script = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + line, e);
        }
    }

    /** Waits for the deployment scanner's {@code app.war.deployed} marker, then for the application to answer. */
    void awaitDeployed(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Path deployed = base.resolve("deployments/app.war.deployed");
        Path failed = base.resolve("deployments/app.war.failed");
        while (!Files.exists(deployed)) {
            if (Files.exists(failed) || script == null || !script.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError(name + ": app.war not deployed\n" + logTail());
            }
            ServerProcesses.sleep(250);
        }
        ServerProcesses.awaitOk(name, URI.create("http://127.0.0.1:" + httpPort + TestApp.CONTEXT + "/"),
                Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), this::logTail);
        // The PID of the JVM the script started, for an aborted run's successor (see stopLeftover).
        server().ifPresent(p -> writePid(p.pid()));
    }

    /** Waits until this node's server.log matches {@code regex}. */
    void awaitLog(String regex, Duration timeout) {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (pattern.matcher(log()).find()) {
                return;
            }
            ServerProcesses.sleep(250);
        }
        throw new AssertionError(name + ": no /" + regex + "/ in server.log within " + timeout + "\n" + logTail());
    }

    /**
     * WildFly 39 stores a session only after the request's answer has been sent (docs/clustering.md); the write then
     * reaches the other owner synchronously or fails within the {@code web/dist} cache's {@code remote-timeout}, which
     * cluster.cli leaves at WildFly 39's default of 17.5 s.
     */
    @Override
    public Duration storedElsewhereWithin() {
        return Duration.ofMillis(17_500);
    }

    @Override
    public String log() {
        return ServerProcesses.readLog(base.resolve("log/server.log"));
    }

    String logTail() {
        String console = ServerProcesses.lastLines(ServerProcesses.readLog(base.resolve("console.out")), 15);
        return "--- " + name + " server.log ---\n" + ServerProcesses.lastLines(log(), 40)
                + (console.isEmpty() ? "" : "\n--- console.out ---\n" + console);
    }

    /** One management operation on this running node through {@code bin/jboss-cli.sh} (local authentication). */
    String cli(String operation) {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/jboss-cli.sh").toString(), "--connect",
                "--controller=remote+http://127.0.0.1:" + (9990 + portOffset), "--command=" + operation)
                .redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        try {
            Process cli = builder.start();
            String out = new String(cli.getInputStream().readAllBytes());
            cli.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The server JVM that {@code standalone.sh} (the process this node started) runs as its child. */
    Optional<ProcessHandle> server() {
        if (script == null) {
            return Optional.empty();
        }
        return script.toHandle().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains("jboss-modules.jar")).orElse(false))
                .findFirst();
    }

    /** The server JVM killed, not stopped: SIGKILL, no shutdown hooks, no goodbye to the JGroups cluster. */
    @Override
    public ProcessHandle kill() {
        ProcessHandle server = server().orElseThrow(() -> new AssertionError(name + " is not running"));
        server.destroyForcibly();
        return server;
    }

    @Override
    public void killIfRunning() {
        server().ifPresent(ProcessHandle::destroyForcibly);
        if (script != null) {
            script.destroyForcibly();
        }
    }

    /** SIGTERM (WildFly shuts down gracefully), then SIGKILL after 60 s. */
    @Override
    public void stop() {
        Optional<ProcessHandle> server = server();
        try {
            server.ifPresent(ProcessHandle::destroy);
            for (ProcessHandle p : server.stream().toList()) {
                try {
                    p.onExit().get(60, TimeUnit.SECONDS);
                } catch (Exception timeout) {
                    p.destroyForcibly();
                    p.onExit().orTimeout(30, TimeUnit.SECONDS).join();
                }
            }
            if (script != null && !script.waitFor(30, TimeUnit.SECONDS)) {
                script.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deletePid();
        }
    }

    /**
     * A node left running by an aborted earlier run (its test JVM killed before the shutdown hook ran): killed by the
     * PID it wrote, if that process is still a WildFly on this node's base directory.
     */
    void stopLeftover() {
        Path pidFile = pidFile();
        try {
            if (!Files.exists(pidFile)) {
                return;
            }
            String baseDir = "-Djboss.server.base.dir=" + base.toAbsolutePath();
            Optional<ProcessHandle> leftover = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().map(c -> c.contains(baseDir)).orElse(false));
            leftover.ifPresent(p -> {
                p.destroyForcibly();
                p.onExit().orTimeout(30, TimeUnit.SECONDS).join();
            });
        } catch (IOException | NumberFormatException e) {
            // nothing to stop
        }
    }

    private Path pidFile() {
        return base.resolveSibling(name + ".pid");
    }

    private void writePid(long pid) {
        try {
            Files.writeString(pidFile(), Long.toString(pid));
        } catch (IOException e) {
            // only for stopLeftover
        }
    }

    private void deletePid() {
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            // stopLeftover checks the command line anyway
        }
    }
}
