package io.github.wristbandjakarta.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One Open Liberty server of an install ({@code wlp}): a server directory that whoever constructs the node has made
 * ({@code liberty:create}'s for the bench, the cluster tests' own under {@code usr/servers}), started with
 * {@code bin/server start --clean}, stopped with {@code bin/server stop}, or killed (SIGKILL) by the PID in Liberty's
 * PID file. The HTTP port is the one its configuration gives it; the node only needs to know it.
 */
public final class LibertyNode implements ServerNode {

    private final Path wlp;
    private final String name;
    private final int httpPort;
    private final Path console;
    /** The latest {@code bin/server start}: it exits once the server has started (0) or failed. */
    private volatile Process starting;

    /**
     * @param console where the output of {@code bin/server} goes (appended)
     */
    public LibertyNode(Path wlp, String name, int httpPort, Path console) {
        this.wlp = wlp;
        this.name = name;
        this.httpPort = httpPort;
        this.console = console;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int httpPort() {
        return httpPort;
    }

    /** The server's directory, {@code wlp/usr/servers/<name>}. */
    public Path serverDir() {
        return wlp.resolve("usr/servers").resolve(name);
    }

    @Override
    public String product() {
        try {
            return Files.readAllLines(wlp.resolve("lib/versions/openliberty.properties")).stream()
                    .filter(l -> l.startsWith("com.ibm.websphere.productVersion="))
                    .findFirst().map(l -> "Open Liberty " + l.substring(l.indexOf('=') + 1)).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public Path deployments() {
        if (!Files.isDirectory(serverDir())) {
            throw new IllegalStateException("no Liberty server at " + serverDir() + " (run liberty:create first)");
        }
        return serverDir().resolve("dropins");
    }

    /** Liberty's sessionCache stores the session at the end of the servlet request, before the answer is sent. */
    @Override
    public Duration storedElsewhereWithin() {
        return Duration.ZERO;
    }

    /** {@code bin/server stop} would do the same: only a JVM of this server, found by its PID file, is stopped. */
    @Override
    public void stopLeftover() {
        stop();
    }

    @Override
    public void start() {
        checkPortFree();
        starting = serverCommand("start", "--clean");
    }

    @Override
    public String failure() {
        Process start = starting;
        if (start == null || start.isAlive()) {
            return null;
        }
        if (start.exitValue() != 0) {
            return "bin/server start exited " + start.exitValue() + "; see " + console;
        }
        return process().isPresent() ? null : "the server JVM exited; see " + logFile();
    }

    @Override
    public Optional<ProcessHandle> process() {
        try {
            Path pidFile = pidFile();
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            // Only this server's JVM: a PID file left by a killed server may name a process that reused the PID.
            return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().map(line -> line.contains(" " + name)).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The JVM killed, not stopped: SIGKILL, no shutdown hooks, no goodbye to the Hazelcast cluster. */
    @Override
    public ProcessHandle kill() {
        ProcessHandle process = ServerNode.super.kill();
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            // process() checks the command line anyway
        }
        return process;
    }

    @Override
    public void killIfRunning() {
        process().ifPresent(ProcessHandle::destroyForcibly);
    }

    /** {@code bin/server stop}, waited for up to 90 s; then the JVM is killed if it still runs. */
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
            process.filter(ProcessHandle::isAlive).ifPresent(p -> ServerProcesses.awaitExit(p, 0));
        }
    }

    @Override
    public Path logFile() {
        return serverDir().resolve("logs/messages.log");
    }

    @Override
    public String logTail() {
        return "--- " + name + " messages.log ---\n" + ServerProcesses.lastLines(log(), 40);
    }

    private Path pidFile() {
        return wlp.resolve("usr/servers/.pid").resolve(name + ".pid");
    }

    private Process serverCommand(String command, String... options) {
        String script = System.getProperty("os.name").startsWith("Windows") ? "server.bat" : "server";
        List<String> line = new ArrayList<>(List.of(wlp.resolve("bin").resolve(script).toString(), command, name));
        line.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(line)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()));
        // This JVM's JDK for the server too.
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + line, e);
        }
    }
}
