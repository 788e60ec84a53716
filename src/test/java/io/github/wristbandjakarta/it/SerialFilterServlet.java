package io.github.wristbandjakarta.it;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintWriter;

/**
 * Test-only, in the Liberty cluster's deployment (LibertyClusterIT): what the node's JEP 290 process-wide
 * deserialization filter ({@code jdk.serialFilter} in server-config/liberty-cluster/jvm.options) does. {@code what}:
 * <ul>
 *   <li>{@code write}: puts a {@link SerialFilterProbe} into this request's (new) HttpSession, which Liberty's session
 *       cache serializes into the replicated cache at the end of the request, as a cluster member would write any
 *       bytes of its choosing there;</li>
 *   <li>{@code read}: reads that attribute from the session as the container loads it on this node, and answers
 *       {@code attribute=<class or null>}, {@code error=<exception or none>} and {@code readObjectRuns=<n>}, how often
 *       a probe's {@code readObject} has run in this JVM;</li>
 *   <li>{@code control}: deserializes a new probe in this JVM with a stream filter that allows everything, and answers
 *       {@code readObjectRuns=<n>} afterwards: the probe's code does run where a node deserializes it;</li>
 *   <li>{@code check}: for each {@code class} parameter, the process-wide filter's answer for that class at depth 1
 *       ({@code <class>=ALLOWED|REJECTED|UNDECIDED}), or {@code filter=none} without a process-wide filter.</li>
 * </ul>
 */
@WebServlet("/test/serial-filter")
public class SerialFilterServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final String ATTRIBUTE = "serial-filter-probe";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        PrintWriter out = response.getWriter();
        switch (String.valueOf(request.getParameter("what"))) {
            case "write" -> request.getSession(true).setAttribute(ATTRIBUTE, new SerialFilterProbe());
            case "read" -> {
                HttpSession session = request.getSession(false);
                if (session == null) {
                    response.sendError(HttpServletResponse.SC_CONFLICT, "no session");
                    return;
                }
                Object value = null;
                String error = "none";
                try {
                    value = session.getAttribute(ATTRIBUTE);
                } catch (RuntimeException e) {
                    error = e.toString();
                }
                out.println("attribute=" + (value == null ? "null" : value.getClass().getName()));
                out.println("error=" + error);
                out.println("readObjectRuns=" + SerialFilterProbe.READ_OBJECT_RUNS.get());
            }
            case "control" -> {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (ObjectOutputStream serialized = new ObjectOutputStream(bytes)) {
                    serialized.writeObject(new SerialFilterProbe());
                }
                try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                    in.setObjectInputFilter(info -> ObjectInputFilter.Status.ALLOWED);
                    in.readObject();
                } catch (ClassNotFoundException e) {
                    throw new IOException(e);
                }
                out.println("readObjectRuns=" + SerialFilterProbe.READ_OBJECT_RUNS.get());
            }
            case "check" -> {
                ObjectInputFilter filter = ObjectInputFilter.Config.getSerialFilter();
                if (filter == null) {
                    out.println("filter=none");
                    return;
                }
                for (String name : request.getParameterValues("class")) {
                    out.println(name + "=" + filter.checkInput(new Depth1(load(name))));
                }
            }
            default -> response.sendError(HttpServletResponse.SC_BAD_REQUEST);
        }
    }

    private Class<?> load(String name) throws IOException {
        try {
            return Class.forName(name, false, getClass().getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IOException(e);
        }
    }

    /** A class as the first object of a stream would present it to the filter. */
    private record Depth1(Class<?> serialClass) implements ObjectInputFilter.FilterInfo {
        @Override
        public long arrayLength() {
            return -1;
        }

        @Override
        public long depth() {
            return 1;
        }

        @Override
        public long references() {
            return 1;
        }

        @Override
        public long streamBytes() {
            return 100;
        }
    }
}
