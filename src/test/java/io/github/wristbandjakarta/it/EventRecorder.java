package io.github.wristbandjakarta.it;

import io.github.wristbandjakarta.api.WristbandEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.inject.Inject;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test-only observers (EventsIT): one records every library event, first; one throws on every sign-in, after it. The
 * servlet answers what was recorded ({@code GET /it/events}, as the records' text) and forgets it ({@code ?clear}).
 */
public final class EventRecorder {

    private EventRecorder() {
    }

    @ApplicationScoped
    public static class Recorder {
        private final List<String> events = new CopyOnWriteArrayList<>();

        void record(@Observes @Priority(1) WristbandEvent event) {
            events.add(event.toString());
        }

        /** Through a method: a field read on the CDI client proxy would read the proxy's own. */
        public List<String> events() {
            return List.copyOf(events);
        }

        public void clear() {
            events.clear();
        }
    }

    @ApplicationScoped
    public static class Thrower {
        void fail(@Observes @Priority(2) WristbandEvent.SignedIn signedIn) {
            throw new IllegalStateException("an application's observer that fails");
        }
    }

    @WebServlet("/it/events")
    public static class Events extends HttpServlet {
        private static final long serialVersionUID = 1L;

        // The container injects it and never serializes a servlet; javac's "serial" lint (JDK 18 and later) would
        // ask for a serializable type.
        @SuppressWarnings("serial")
        @Inject
        Recorder recorder;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            if (request.getParameter("clear") != null) {
                recorder.clear();
            }
            JsonArrayBuilder array = Json.createArrayBuilder();
            recorder.events().forEach(array::add);
            response.setContentType("application/json");
            response.getWriter().write(array.build().toString());
        }
    }
}
