package io.github.wristbandjakarta.internal.session;

import jakarta.servlet.http.HttpSession;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Writes a session's changes to the container's session store at once, where the container offers a way, so that they
 * reach another cluster node before the response reaches the browser.
 *
 * <p>Open Liberty's session cache ({@code sessionCache-1.0}, {@code writeFrequency="END_OF_SERVLET_SERVICE"}) writes a
 * request's changes after the servlet has returned, and a response may have reached the browser by then (a redirect,
 * an output stream closed by the endpoint). The browser's next request may then reach the other node before the
 * change does; that node loads the previous value into its in-memory copy of the session and keeps using it while
 * only it serves the session (docs/clustering.md). {@code com.ibm.websphere.servlet.session.IBMSession.sync()}, which
 * Liberty's sessions implement, writes the changes now. Elsewhere (WildFly, a single node) nothing is done: WildFly
 * has no such call, and the sign-in marker bridges its gap (docs/clustering.md).
 */
final class SessionFlush {

    private static final Logger LOG = Logger.getLogger(SessionFlush.class.getName());
    static final String IBM_SESSION = "com.ibm.websphere.servlet.session.IBMSession";

    /** Per session class: its {@code IBMSession.sync()}, or nothing. */
    private final ClassValue<Optional<Method>> sync = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            return syncOf(type);
        }
    };

    /**
     * Writes {@code session}'s changes to the container's store now, if the container offers it.
     *
     * @return whether they were written
     */
    boolean flush(HttpSession session) {
        Optional<Method> method = sync.get(session.getClass());
        if (method.isEmpty()) {
            return false;
        }
        try {
            method.get().invoke(session);
            return true;
        } catch (IllegalAccessException | InvocationTargetException e) {
            // The change is still written at the end of the request, as without this call.
            LOG.fine("The session could not be written before the response: " + e);
            return false;
        }
    }

    private static Optional<Method> syncOf(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> implemented : c.getInterfaces()) {
                if (implemented.getName().equals(IBM_SESSION)) {
                    try {
                        return Optional.of(implemented.getMethod("sync"));
                    } catch (NoSuchMethodException e) {
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.empty();
    }
}
