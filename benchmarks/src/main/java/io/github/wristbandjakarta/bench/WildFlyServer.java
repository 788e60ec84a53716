package io.github.wristbandjakarta.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * WildFly: the bench's own install ({@code target/wildfly-bench/wildfly-VERSION}, unpacked and prepared with
 * {@code server-config/wildfly/configure.cli} by the build's profile {@code bench-wildfly}), run on
 * {@code standalone.xml} as a plain process of this JVM: {@code bin/standalone.sh} with the port offset that puts
 * HTTP on the bench's port (9380 - 8080 = 1300: management 11290). The WARs go into {@code standalone/deployments},
 * which the deployment scanner deploys at boot. Stopped with {@code jboss-cli.sh :shutdown}, and by destroying the
 * process tree if that does not end the server in time.
 *
 * <p>The WARs deploy as they are, the diagnostic ones (a mechanism and no descriptor at all) included: Undertow puts
 * every deployment without a {@code jboss-web.xml} in its {@code default-security-domain} ({@code other}), WildFly's
 * Jakarta Security integration installs a WAR's {@code HttpAuthenticationMechanism} bean as its authentication, and
 * {@code integrated-jaspi=false} (configure.cli) takes the caller it reports as it is. The check of case container-login-floor
 * proves it (the caller's name in the answer), and a Flight Recording of container-mechanism-floor shows {@code DoNothingMechanism} called.
 */
final class WildFlyServer implements BenchServer {

    private static final int HTTP_BASE = 8080;
    private static final int MANAGEMENT_BASE = 9990;
    /** A server.log line's level: {@code 2026-01-31 12:00:00,000 WARN  [category] …}. */
    private static final Pattern LEVEL = Pattern.compile("^\\S+ \\S+ (WARN|ERROR) ", Pattern.MULTILINE);

    private final Path home;
    private final int httpPort;
    private final int offset;
    private final Path out;
    /** {@code standalone.sh}, while this runner's server runs; guarded by {@code this} for writes. */
    private volatile Process script;

    WildFlyServer(Path home, int httpPort, Path out) {
        this.home = home.toAbsolutePath().normalize();
        this.httpPort = httpPort;
        this.offset = httpPort - HTTP_BASE;
        this.out = out;
        if (offset < 0) {
            throw new IllegalArgumentException("bench.httpPort " + httpPort + " is below WildFly's " + HTTP_BASE
                    + ": the port offset cannot be negative");
        }
    }

    private int managementPort() {
        return MANAGEMENT_BASE + offset;
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
                        String name = manifest == null ? null : manifest.getMainAttributes().getValue("JBoss-Product-Release-Name");
                        String version = manifest == null ? null : manifest.getMainAttributes().getValue("JBoss-Product-Release-Version");
                        if (name != null && version != null) {
                            return name + " " + version;
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
            throw new IllegalStateException("no WildFly at " + home
                    + " (the profile bench-wildfly unpacks it: ./mvnw -Pbench -Dbench.container=wildfly)");
        }
        return home.resolve("standalone/deployments");
    }

    /**
     * A server JVM of this install left by an aborted run (Maven killed before the shutdown hook ran): recognised by
     * {@code HOME/jboss-modules.jar} on its command line, so that WildFlys of other installs (the test suites') are
     * never touched. SIGTERM, then SIGKILL after 60 s.
     */
    @Override
    public void stopLeftover() {
        String jar = home.resolve("jboss-modules.jar").toString();
        List<ProcessHandle> leftovers = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(jar)).orElse(false))
                .toList();
        for (ProcessHandle p : leftovers) {
            BenchRunner.progress("stopping WildFly left running by an earlier run (pid " + p.pid() + ")");
            p.destroy();
        }
        for (ProcessHandle p : leftovers) {
            awaitExit(p, 60);
        }
    }

    @Override
    public void start() throws IOException {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress("127.0.0.1", httpPort), 1000);
            throw new IllegalStateException("port " + httpPort + " is taken by another process (a bench server on "
                    + "the other container still running?); WildFly would not get it");
        } catch (IOException free) {
            // nobody listens: as it should be
        }
        // One run's log: server.log then holds this run's warnings only.
        Files.deleteIfExists(log());
        BenchRunner.progress("starting WildFly (" + home + ") on port " + httpPort + ", management "
                + managementPort());
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/standalone.sh").toString(),
                "-c", "standalone.xml",
                "-Djboss.socket.binding.port-offset=" + offset)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.resolve("server.log").toFile()));
        // The bench's JDK for the server too, with standalone.conf's own JVM options (not the caller's).
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("JAVA_OPTS");
        builder.environment().remove("LAUNCH_JBOSS_IN_BACKGROUND");
        synchronized (this) {
            script = builder.start();
        }
    }

    /** The server JVM exited, or the deployment scanner marked a WAR {@code .failed} (its content says why). */
    @Override
    public String failure() {
        Process p = script;
        if (p != null && !p.isAlive()) {
            return "WildFly exited (" + p.exitValue() + "); see " + log() + " and " + out.resolve("server.log");
        }
        try (Stream<Path> files = Files.list(deployments())) {
            for (Path marker : files.filter(f -> f.getFileName().toString().endsWith(".failed")).toList()) {
                return marker.getFileName() + ": " + Files.readString(marker, StandardCharsets.UTF_8).strip()
                        + "; see " + log();
            }
        } catch (IOException e) {
            // no verdict yet
        }
        return null;
    }

    @Override
    public Path log() {
        return home.resolve("standalone/log/server.log");
    }

    @Override
    public long pid() {
        return server().orElseThrow(() -> new IllegalStateException("no WildFly JVM under " + script)).pid();
    }

    /** The server JVM, a child of the {@code standalone.sh} this runner started. */
    private Optional<ProcessHandle> server() {
        Process p = script;
        if (p == null) {
            return Optional.empty();
        }
        String jar = home.resolve("jboss-modules.jar").toString();
        return p.toHandle().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info().commandLine().map(c -> c.contains(jar)).orElse(false))
                .findFirst();
    }

    @Override
    public synchronized void stop() {
        if (script == null) {
            return;
        }
        Process started = script;
        Optional<ProcessHandle> jvm = server();
        script = null;
        BenchRunner.progress("stopping WildFly");
        long served = logSize();
        if (started.isAlive()) {
            cliShutdown();
        }
        boolean ended = jvm.map(h -> awaitExit(h, 60)).orElse(true);
        try {
            ended &= started.waitFor(ended ? 30 : 1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = false;
        }
        if (!ended) {
            System.err.println("WildFly did not stop; destroying its processes");
            started.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            started.destroyForcibly();
            jvm.ifPresent(h -> awaitExit(h, 30));
        }
        reportLog(served);
    }

    /** {@code jboss-cli.sh --connect --command=:shutdown} on the management port (local authentication). */
    private void cliShutdown() {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/jboss-cli.sh").toString(), "--connect",
                "--controller=remote+http://127.0.0.1:" + managementPort(), "--command=:shutdown")
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.resolve("server.log").toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("JAVA_OPTS");
        try {
            Process cli = builder.start();
            if (!cli.waitFor(60, TimeUnit.SECONDS)) {
                cli.destroyForcibly();
            }
        } catch (IOException e) {
            System.err.println("jboss-cli.sh :shutdown failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean awaitExit(ProcessHandle p, int seconds) {
        try {
            p.onExit().get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (Exception timeout) {
            p.destroyForcibly();
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception stillThere) {
                // reported by the caller's caller: pgrep shows it
            }
            return false;
        }
    }

    private long logSize() {
        try {
            return Files.exists(log()) ? Files.size(log()) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * How many WARN and ERROR lines this run's server.log has, while serving and during the shutdown (which logs
     * its own, e.g. while it passivates the sessions): a hint to read it.
     */
    private void reportLog(long served) {
        try {
            if (!Files.exists(log())) {
                return;
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(log())) {
                bytes = in.readAllBytes();
            }
            int cut = (int) Math.min(served, bytes.length);
            String whileServing = new String(bytes, 0, cut, StandardCharsets.UTF_8);
            String atShutdown = new String(bytes, cut, bytes.length - cut, StandardCharsets.UTF_8);
            BenchRunner.progress("WildFly's " + log() + ": " + levels(whileServing) + " while serving, "
                    + levels(atShutdown) + " during the shutdown");
        } catch (IOException e) {
            // only a hint
        }
    }

    private static String levels(String log) {
        long warn = 0;
        long error = 0;
        Matcher m = LEVEL.matcher(log);
        while (m.find()) {
            if (m.group(1).equals("WARN")) {
                warn++;
            } else {
                error++;
            }
        }
        return warn + " WARN / " + error + " ERROR lines";
    }
}
