package io.github.wristbandjakarta.it;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only stand-in for a deserialization gadget (SerialFilterServlet): a Serializable class the JVM can load, whose
 * {@code readObject} is code that runs on the node that deserializes it, as a gadget chain's entry point would. It
 * counts its runs per JVM, so that a test can tell whether a node ran it.
 */
public final class SerialFilterProbe implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    static final AtomicInteger READ_OBJECT_RUNS = new AtomicInteger();

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        READ_OBJECT_RUNS.incrementAndGet();
        in.defaultReadObject();
    }
}
