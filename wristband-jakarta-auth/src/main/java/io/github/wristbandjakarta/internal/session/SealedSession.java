package io.github.wristbandjakarta.internal.session;

import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The one HttpSession attribute of a signed-in user: its {@link WristbandSession} (identity, roles, tokens, CSRF token)
 * sealed by {@link SessionSeal} with AES-256-GCM. A replicating container stores and ships only these bytes, so a
 * cluster member or a session store can neither read the tokens nor write a sign-in that this library accepts.
 *
 * <p>Immutable and {@link Serializable}; two seals of the same sign-in differ (each has its own IV). The opened sign-in
 * is remembered on the instance, for the node that opened it: a pure function of the bytes, which never change, so
 * requests after the first one on a node do no cryptography (an instance that arrives by replication is new, and is
 * opened, and so checked, once).
 */
public final class SealedSession implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final byte[] value;

    /** What {@link SessionSeal#open} made of {@link #value}, or null before the first opening on this node. */
    private transient volatile SessionSeal.Opened opened;

    SealedSession(byte[] value) {
        this.value = value;
    }

    byte[] value() {
        return value;
    }

    SessionSeal.Opened opened() {
        return opened;
    }

    void opened(SessionSeal.Opened opened) {
        this.opened = opened;
    }

    /** Serialized size in bytes, for the benchmark's and the cluster suite's size check. */
    public int length() {
        return value == null ? 0 : value.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SealedSession that && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "SealedSession[" + length() + " bytes]";
    }
}
