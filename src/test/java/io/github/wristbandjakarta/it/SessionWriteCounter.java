package io.github.wristbandjakarta.it;

import io.github.wristbandjakarta.internal.session.SessionStore;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only, added to the cluster tests' deployment: counts how often this node's application sets the
 * sign-in attribute (added or replaced), which with Liberty's {@code writeContents="ONLY_SET_ATTRIBUTES"}
 * is how often the node writes it to the replicated cache. {@code GET /test/session-writes} answers the count.
 */
@WebListener
@WebServlet("/test/session-writes")
public class SessionWriteCounter extends HttpServlet implements HttpSessionAttributeListener {

    private static final long serialVersionUID = 1L;
    private static final AtomicInteger WRITES = new AtomicInteger();

    @Override
    public void attributeAdded(HttpSessionBindingEvent event) {
        count(event);
    }

    @Override
    public void attributeReplaced(HttpSessionBindingEvent event) {
        count(event);
    }

    private static void count(HttpSessionBindingEvent event) {
        if (SessionStore.ATTRIBUTE.equals(event.getName())) {
            WRITES.incrementAndGet();
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().print(WRITES.get());
    }
}
