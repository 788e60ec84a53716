package io.github.wristbandjakarta.soak;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.Set;

/**
 * Soak-only, added to each node's deployment: {@code GET /test/soak-stats} runs a full collection
 * ({@code System.gc()}) and answers the heap in use after it, the JVM's live threads, and the sessions of this
 * application as the container itself counts them ({@code name=value} lines; {@code sessions=-1} when the container
 * offers no count):
 * <ul>
 *   <li>WildFly: the deployment's management resource ({@code /deployment=…/subsystem=undertow}, in JMX
 *       {@code jboss.as:deployment=…,subsystem=undertow}), operation {@code list-sessions}: the sessions this node
 *       owns in the distributed session cache (the two nodes' counts add up to the cluster's);</li>
 *   <li>Open Liberty: the {@code SessionStats} MXBean of {@code monitor-1.0}, attribute {@code LiveCount}: the sessions
 *       this node holds in memory (its session cache's local copies). The soak adds {@code monitor-1.0} to its
 *       nodes only.</li>
 * </ul>
 */
@WebServlet("/test/soak-stats")
public class SoakStats extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        response.setContentType("text/plain");
        response.getWriter().print("heapAfterGc=" + heap + "\nthreads=" + threads + "\nsessions="
                + sessions(request.getContextPath()) + "\n");
    }

    private static long sessions(String contextPath) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            Set<ObjectName> liberty = server.queryNames(
                    new ObjectName("WebSphere:type=SessionStats,name=default_host" + contextPath), null);
            for (ObjectName name : liberty) {
                return ((Number) server.getAttribute(name, "LiveCount")).longValue();
            }
            for (ObjectName name : server.queryNames(new ObjectName("jboss.as:deployment=*,subsystem=undertow"), null)) {
                if (contextPath.equals(server.getAttribute(name, "contextRoot"))) {
                    Object ids = server.invoke(name, "listSessions", new Object[0], new String[0]);
                    return ids instanceof Collection<?> c ? c.size() : ((Object[]) ids).length;
                }
            }
            return -1;
        } catch (JMException e) {
            return -1;
        }
    }
}
