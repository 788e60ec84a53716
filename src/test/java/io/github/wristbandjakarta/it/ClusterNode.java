package io.github.wristbandjakarta.it;

import java.time.Duration;

/** One server process of a two-node test cluster (LibertyNode, WildFlyNode), as the cluster tests use it. */
interface ClusterNode {

    /** The node's name, e.g. {@code wristband-node-a} or {@code node-a}. */
    String name();

    /** An absolute URL of the application on this node: {@code http://localhost:<port>/app<pathInApp>}. */
    String url(String pathInApp);

    /**
     * How long after a request's answer the session changes it made may take to reach the other node: zero where the
     * server stores the session before it answers; else the bound within which the server's replication either
     * completes or fails (docs/clustering.md "What reaches the other node when").
     */
    Duration storedElsewhereWithin();

    /** The node's server log as it is now. */
    String log();

    /** Kills the node's JVM (SIGKILL: no shutdown hooks, no goodbye to the cluster) and returns its handle. */
    ProcessHandle kill();

    /** Stops the node if it is still running: gracefully first, then forcibly. */
    void stop();

    /** Kills the node's JVM if it runs, without waiting: for a JVM shutdown hook. */
    void killIfRunning();
}
