package io.github.wristbandjakarta.servers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One application server process that a test or the bench starts itself (a cluster node, the bench's server), not
 * through Arquillian: Open Liberty ({@link LibertyNode}) or WildFly ({@link WildFlyNode}). Its configuration is made
 * by whoever constructs it; the node starts it, waits until it serves, stops it (gracefully, then forcibly), kills
 * it (SIGKILL) and starts it again, and reads its log.
 */
public sealed interface ServerNode permits LibertyNode, WildFlyNode {

    /** The node's name, e.g. {@code wristband-node-a} or {@code node-a}. */
    String name();

    /** The HTTP port it serves on. */
    int httpPort();

    /** {@code http://localhost:<port>}. */
    default String origin() {
        return "http://localhost:" + httpPort();
    }

    /** An absolute URL of {@code path} (context root included) on this node. */
    default String url(String path) {
        return origin() + path;
    }

    /** Product name and version read from the install, e.g. {@code Open Liberty 26.0.0.3}; {@code null} if unknown. */
    String product();

    /** The directory the server deploys from at start (each WAR under the context root of its file name). */
    Path deployments();

    /**
     * How long after a request's answer the session changes it made may take to reach another node of a cluster of
     * this product as the cluster tests configure it (docs/clustering.md "What reaches the other node when").
     */
    Duration storedElsewhereWithin();

    /** Stops a server of this node's configuration left running by an aborted earlier run (its JVM killed). */
    void stopLeftover();

    /** Starts the server, also after {@link #kill()}; returns once it is launched (see {@link #awaitServing}). */
    void start();

    /** Why the server will never serve (it exited, a deployment failed), or {@code null}. */
    String failure();

    /** The server JVM, while it runs. */
    Optional<ProcessHandle> process();

    /** Stops the server if it runs: gracefully, then forcibly. Safe to call twice and from a shutdown hook. */
    void stop();

    /** Kills the server's JVM if it runs, without waiting: for a JVM shutdown hook. */
    void killIfRunning();

    /** The server's log file. */
    Path logFile();

    /** The last lines of the server's log (and of its console where it has one), for failure messages. */
    String logTail();

    /** The server's log as it is now. */
    default String log() {
        return ServerProcesses.readLog(logFile());
    }

    /** The PID of the server JVM (for Flight Recorder). */
    default long pid() {
        return process().orElseThrow(() -> new IllegalStateException(name() + " is not running")).pid();
    }

    /** Kills the server JVM (SIGKILL: no shutdown hooks, no goodbye to a cluster) and returns its handle. */
    default ProcessHandle kill() {
        ProcessHandle process = process().orElseThrow(() -> new AssertionError(name() + " is not running"));
        process.destroyForcibly();
        return process;
    }

    /** Stops the server if it runs (gracefully; nothing after {@link #kill()}) and starts it again. */
    default void restart() {
        stop();
        start();
    }

    /** Waits until each of {@code paths} (context root included) answers 200, failing as soon as {@link #failure()}. */
    default void awaitServing(List<String> paths, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String path : paths) {
            ServerProcesses.awaitOk(name(), URI.create("http://127.0.0.1:" + httpPort() + path),
                    Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), this::failure, this::logTail);
        }
    }

    /** Waits until the server's log matches {@code regex}. */
    default void awaitLog(String regex, Duration timeout) {
        Pattern pattern = Pattern.compile(regex);
        ServerProcesses.await(name() + ": no /" + regex + "/ in " + logFile(), timeout, 250,
                () -> pattern.matcher(log()).find(), this::logTail);
    }

    /** Fails if something listens on the node's HTTP port already: the server would not get it. */
    default void checkPortFree() {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress("127.0.0.1", httpPort()), 1000);
            throw new IllegalStateException(name() + ": port " + httpPort() + " is taken by another process (a server"
                    + " of another run still running?)");
        } catch (IOException free) {
            // nobody listens: as it should be
        }
    }
}
