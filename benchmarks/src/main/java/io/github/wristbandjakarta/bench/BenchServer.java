package io.github.wristbandjakarta.bench;

import java.nio.file.Path;

/**
 * The application server the bench loads ({@code -Dbench.container}): Open Liberty ({@link LibertyServer}) or
 * WildFly ({@link WildFlyServer}). Either deploys the WARs found in {@link #deployments()} when it starts, each under
 * the context root of its file name without {@code .war}, and serves HTTP on the bench's port.
 */
interface BenchServer {

    /** Product name and version read from the install, e.g. {@code Open Liberty 26.0.0.3}; {@code null} if unknown. */
    String product();

    /** The directory the server deploys from at start; the runner empties it and writes the WARs there. */
    Path deployments();

    /** Stops a server of this install left running by an earlier, aborted run (before the WARs are written). */
    void stopLeftover() throws Exception;

    /** Starts the server; returns once it is launched, the runner then waits for the applications to answer. */
    void start() throws Exception;

    /** Why the applications will never answer (the server exited, a deployment failed), or {@code null}. */
    String failure();

    /** The server's log, named in error messages. */
    Path log();

    /** The PID of the server JVM, for Flight Recorder ({@code bench.profile}). */
    long pid() throws Exception;

    /** Stops the server if this runner started it; safe to call twice and from a shutdown hook. */
    void stop();

    static BenchServer of(Settings settings) {
        return switch (settings.container()) {
            case "liberty" -> new LibertyServer(settings.wlp(), settings.server(), settings.httpPort(), settings.out());
            case "wildfly" -> new WildFlyServer(settings.wildflyHome(), settings.httpPort(), settings.out());
            default -> throw new IllegalArgumentException("bench.container must be liberty or wildfly, not "
                    + settings.container());
        };
    }
}
