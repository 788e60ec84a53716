package io.github.wristbandjakarta.servers;

import java.time.Duration;
import java.util.List;

/**
 * Two server nodes started together, and what they both use (an emulator): closing stops both nodes, then that; a JVM
 * that exits first kills the nodes (shutdown hook), so that none outlives the run.
 */
public class TwoNodeCluster<N extends ServerNode> implements AutoCloseable {

    private final N a;
    private final N b;
    private final Runnable closeAlso;
    private final Thread killOnExit;

    /** @param closeAlso what closing runs after it has stopped both nodes */
    public TwoNodeCluster(N a, N b, Runnable closeAlso) {
        this.a = a;
        this.b = b;
        this.closeAlso = closeAlso;
        this.killOnExit = new Thread(() -> {
            a.killIfRunning();
            b.killIfRunning();
        });
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    public final N a() {
        return a;
    }

    public final N b() {
        return b;
    }

    /** Starts both nodes, then waits until both answer 200 on each of {@code paths}. */
    public final void start(List<String> paths, Duration timeout) {
        a.start();
        b.start();
        a.awaitServing(paths, timeout);
        b.awaitServing(paths, timeout);
    }

    @Override
    public void close() {
        try {
            a.stop();
        } finally {
            try {
                b.stop();
            } finally {
                closeAlso.run();
                try {
                    Runtime.getRuntime().removeShutdownHook(killOnExit);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs anyway
                }
            }
        }
    }
}
