package io.github.wristbandjakarta.servers;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * One WildFly server of an install ({@code home}) on a base directory ({@code home/standalone}, or one of its own for
 * each cluster node): {@code bin/standalone.sh -c <config> -Djboss.server.base.dir=<base>} with a port offset (HTTP
 * 8080 + offset, management 9990 + offset, JGroups TCP 7600 + offset), run as a plain process of this JVM. Stopped
 * with SIGTERM (WildFly's graceful shutdown) and SIGKILL after 60 s, or killed with SIGKILL, both by the PID of the
 * server JVM that script started.
 */
public final class WildFlyNode implements ServerNode {

    private static final int HTTP_BASE = 8080;

    private final Path home;
    private final Path base;
    private final String name;
    private final int portOffset;
    private final String config;
    private final List<String> arguments;
    private final Map<String, String> environment;
    private final Path console;
    /** {@code standalone.sh}, while this node's server runs. */
    private volatile Process script;

    /**
     * @param config      the server configuration in {@code base/configuration}, e.g. {@code standalone-ha.xml}
     * @param arguments   added to {@code standalone.sh}'s (node name, bind addresses, system properties)
     * @param environment added to the script's, which otherwise is this JVM's without {@code JAVA_OPTS} (the server
     *                    keeps {@code standalone.conf}'s JVM options) and with this JVM's {@code JAVA_HOME}
     * @param console     where the script's output goes (appended)
     */
    public WildFlyNode(Path home, Path base, String name, int portOffset, String config, List<String> arguments,
                       Map<String, String> environment, Path console) {
        if (portOffset < 0) {
            throw new IllegalArgumentException(name + ": the port offset " + portOffset + " cannot be negative (HTTP "
                    + "below " + HTTP_BASE + ")");
        }
        this.home = home.toAbsolutePath().normalize();
        this.base = base.toAbsolutePath().normalize();
        this.name = name;
        this.portOffset = portOffset;
        this.config = config;
        this.arguments = List.copyOf(arguments);
        this.environment = Map.copyOf(environment);
        this.console = console;
    }

    /** The install's own {@code standalone/} on {@code standalone.xml}, HTTP on {@code httpPort} (the bench's). */
    public static WildFlyNode standalone(Path home, int httpPort, Path console) {
        return new WildFlyNode(home, home.resolve("standalone"), "wildfly", httpPort - HTTP_BASE, "standalone.xml",
                List.of(), Map.of(), console);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int httpPort() {
        return HTTP_BASE + portOffset;
    }

    /** The JGroups TCP port of {@code standalone-ha.xml}. */
    public int jgroupsPort() {
        return 7600 + portOffset;
    }

    /** The install, e.g. {@code target/wildfly/wildfly-39.0.1.Final}, absolute. */
    public Path home() {
        return home;
    }

    /** The base directory (configuration, deployments, log), absolute. */
    public Path base() {
        return base;
    }

    /** {@code JBoss-Product-Release-Name} and {@code -Version} of the product module's jar, as WildFly's banner. */
    @Override
    public String product() {
        try {
            String slot = "main";
            Path conf = home.resolve("bin/product.conf");
            if (Files.exists(conf)) {
                slot = Files.readAllLines(conf).stream().filter(l -> l.startsWith("slot="))
                        .map(l -> l.substring(5).trim()).findFirst().orElse(slot);
            }
            Path module = home.resolve("modules/system/layers/base/org/jboss/as/product").resolve(slot);
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(module, "*.jar")) {
                for (Path jar : jars) {
                    try (JarFile file = new JarFile(jar.toFile())) {
                        Manifest manifest = file.getManifest();
                        String product = manifest == null ? null
                                : manifest.getMainAttributes().getValue("JBoss-Product-Release-Name");
                        String version = manifest == null ? null
                                : manifest.getMainAttributes().getValue("JBoss-Product-Release-Version");
                        if (product != null && version != null) {
                            return product + " " + version;
                        }
                    }
                }
            }
        } catch (IOException e) {
            // below: the install's directory name
        }
        String dir = home.getFileName().toString();
        return dir.startsWith("wildfly-") ? "WildFly " + dir.substring("wildfly-".length()) : null;
    }

    @Override
    public Path deployments() {
        if (!Files.isExecutable(home.resolve("bin/standalone.sh"))) {
            throw new IllegalStateException("no WildFly at " + home);
        }
        return base.resolve("deployments");
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

    /**
     * A server JVM on this node's base directory left by an aborted run (its JVM killed before a shutdown hook ran):
     * recognised by the base directory on its command line, so that other WildFlys of the same install (the other
     * cluster node, the integration tests') are never touched. SIGTERM, then SIGKILL after 60 s.
     */
    @Override
    public void stopLeftover() {
        String baseDir = baseDirArgument();
        List<ProcessHandle> leftovers = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> List.of(c.split(" ")).contains(baseDir)).orElse(false))
                .filter(p -> p.info().commandLine().map(c -> c.contains("jboss-modules.jar")).orElse(false))
                .toList();
        leftovers.forEach(ProcessHandle::destroy);
        leftovers.forEach(p -> ServerProcesses.awaitExit(p, 60));
    }

    @Override
    public synchronized void start() {
        checkPortFree();
        List<String> line = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
                "-c", config,
                baseDirArgument(),
                "-Djboss.socket.binding.port-offset=" + portOffset));
        line.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(line)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()));
        // This JVM's JDK for the server too, with standalone.conf's own JVM options (not the caller's).
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("JAVA_OPTS");
        builder.environment().remove("LAUNCH_JBOSS_IN_BACKGROUND");
        builder.environment().putAll(environment);
        try {
            script = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + line, e);
        }
    }

    /** The script exited, or the deployment scanner marked a WAR {@code .failed} (its content says why). */
    @Override
    public String failure() {
        Process p = script;
        if (p != null && !p.isAlive()) {
            return "WildFly exited (" + p.exitValue() + "); see " + logFile() + " and " + console;
        }
        try (Stream<Path> files = Files.list(base.resolve("deployments"))) {
            for (Path marker : files.filter(f -> f.getFileName().toString().endsWith(".failed")).toList()) {
                return marker.getFileName() + ": " + Files.readString(marker, StandardCharsets.UTF_8).strip()
                        + "; see " + logFile();
            }
        } catch (IOException e) {
            // no verdict yet
        }
        return null;
    }

    /** The server JVM, a child of the {@code standalone.sh} this node started. */
    @Override
    public Optional<ProcessHandle> process() {
        Process p = script;
        if (p == null) {
            return Optional.empty();
        }
        return p.toHandle().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info().commandLine().map(c -> c.contains("jboss-modules.jar")).orElse(false))
                .findFirst();
    }

    @Override
    public void killIfRunning() {
        process().ifPresent(ProcessHandle::destroyForcibly);
        Process p = script;
        if (p != null) {
            p.destroyForcibly();
        }
    }

    /** SIGTERM (WildFly shuts down gracefully), then SIGKILL after 60 s; the script then ends with its server. */
    @Override
    public synchronized void stop() {
        Process started = script;
        if (started == null) {
            return;
        }
        Optional<ProcessHandle> jvm = process();
        jvm.ifPresent(ProcessHandle::destroy);
        jvm.ifPresent(p -> ServerProcesses.awaitExit(p, 60));
        try {
            if (!started.waitFor(30, TimeUnit.SECONDS)) {
                started.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                started.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            script = null;
        }
    }

    @Override
    public Path logFile() {
        return base.resolve("log/server.log");
    }

    @Override
    public String logTail() {
        String out = ServerProcesses.lastLines(ServerProcesses.readLog(console), 15);
        return "--- " + name + " server.log ---\n" + ServerProcesses.lastLines(log(), 40)
                + (out.isEmpty() ? "" : "\n--- " + console.getFileName() + " ---\n" + out);
    }

    private String baseDirArgument() {
        return "-Djboss.server.base.dir=" + base;
    }
}
