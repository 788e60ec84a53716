package io.github.wristbandjakarta.it;

import io.github.wristbandjakarta.api.Wristband;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test-only: the library's clock in a test deployment, which a test moves forward instead of sleeping until tokens are
 * due for refresh, a JWKS refetch cooldown has passed or a session's absolute lifetime has ended. It is the library's
 * {@code @Wristband Clock} (the one every time decision of the library reads), replaced by a CDI alternative with a
 * priority, which is selected in every bean archive of the WAR (Jakarta CDI 4.0, §2.7 and §5.1.1). Real time still
 * passes: only the library's view of "now" is ahead of it, by an offset that only grows, so that no deadline the
 * library computed ever moves back.
 *
 * <p>{@code POST /it/clock?advance=PT2S} moves it forward; {@code GET /it/clock} answers the offset in milliseconds.
 * The tests call them through {@link TestApp#advanceServerClock} and {@link TestApp#serverClockOffset}.
 */
public final class ServerClock {

    private ServerClock() {
    }

    /** How far the deployment's clock is ahead of the system's. */
    @ApplicationScoped
    public static class Offset {
        private final AtomicLong millis = new AtomicLong();

        public long millis() {
            return millis.get();
        }

        public long advance(Duration by) {
            return millis.addAndGet(by.toMillis());
        }
    }

    @Alternative
    @Priority(1000)
    @ApplicationScoped
    public static class Producer {

        @Produces
        @Singleton
        @Wristband
        Clock clock(Offset offset) {
            return new AheadClock(offset, ZoneOffset.UTC);
        }
    }

    /** The system clock plus the offset, read at every call: the library keeps the one instance it was given. */
    static final class AheadClock extends Clock {
        private final Offset offset;
        private final ZoneId zone;

        AheadClock(Offset offset, ZoneId zone) {
            this.offset = offset;
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return new AheadClock(offset, zone);
        }

        @Override
        public Instant instant() {
            return Instant.now().plusMillis(offset.millis());
        }
    }

    @WebServlet("/it/clock")
    public static class Control extends HttpServlet {
        private static final long serialVersionUID = 1L;

        // The container injects it and never serializes a servlet; javac's "serial" lint (JDK 18 and later) would
        // ask for a serializable type.
        @SuppressWarnings("serial")
        @Inject
        private Offset offset;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            answer(response, offset.millis());
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Duration by;
            try {
                by = Duration.parse(String.valueOf(request.getParameter("advance")));
            } catch (DateTimeParseException e) {
                response.sendError(400, "advance=<ISO-8601 duration>");
                return;
            }
            if (by.isNegative()) {
                response.sendError(400, "the clock only moves forward");
                return;
            }
            answer(response, offset.advance(by));
        }

        private static void answer(HttpServletResponse response, long offsetMillis) throws IOException {
            response.setContentType("text/plain");
            response.getWriter().print(offsetMillis);
        }
    }
}
