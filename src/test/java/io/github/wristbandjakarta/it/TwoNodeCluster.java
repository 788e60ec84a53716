package io.github.wristbandjakarta.it;

import io.github.wristbandjakarta.emulator.WristbandEmulator;

/**
 * Two server processes started by the tests and the emulator both use (LibertyCluster, WildFlyCluster): closing
 * stops both nodes and the emulator, and a JVM that exits first kills the nodes, so that none outlives the run.
 */
abstract class TwoNodeCluster<N extends ClusterNode> implements AutoCloseable {

    final WristbandEmulator wristband;
    final N a;
    final N b;
    private final Thread killOnExit;

    TwoNodeCluster(WristbandEmulator wristband, N a, N b) {
        this.wristband = wristband;
        this.a = a;
        this.b = b;
        this.killOnExit = new Thread(() -> {
            a.killIfRunning();
            b.killIfRunning();
        });
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    @Override
    public void close() {
        try {
            a.stop();
        } finally {
            try {
                b.stop();
            } finally {
                wristband.close();
                try {
                    Runtime.getRuntime().removeShutdownHook(killOnExit);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs anyway
                }
            }
        }
    }
}
