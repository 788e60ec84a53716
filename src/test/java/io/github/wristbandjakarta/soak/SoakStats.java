package io.github.wristbandjakarta.soak;

import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Soak-only, added to each node's deployment: {@code GET /test/soak-stats} runs a full collection
 * ({@code System.gc()}) and answers the heap in use after it, the JVM's live threads, and the sessions this node's
 * application created and destroyed since the node started ({@code name=value} lines).
 */
@WebListener
@WebServlet("/test/soak-stats")
public class SoakStats extends HttpServlet implements HttpSessionListener {

    private static final long serialVersionUID = 1L;
    private static final AtomicLong CREATED = new AtomicLong();
    private static final AtomicLong DESTROYED = new AtomicLong();

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        CREATED.incrementAndGet();
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        DESTROYED.incrementAndGet();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        response.setContentType("text/plain");
        response.getWriter().print("heapAfterGc=" + heap + "\nthreads=" + threads + "\nsessionsCreated="
                + CREATED.get() + "\nsessionsDestroyed=" + DESTROYED.get() + "\n");
    }
}
