package io.github.wristbandjakarta.emulator;

import java.time.Duration;
import java.util.Objects;

/** A misbehaviour applied to every call of one {@link Endpoint} until cleared. */
public sealed interface Fault {

    /** Answer this status with this body ({@code application/json}). */
    record Status(int status, String body) implements Fault {
        public Status {
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("status " + status);
            }
            body = body == null ? "" : body;
        }
    }

    /** Sleep, then answer normally. */
    record Delay(Duration delay) implements Fault {
        public Delay {
            Objects.requireNonNull(delay, "delay");
        }
    }

    /** Answer 200 with a body that is not JSON ({@code <html>oops}, {@code text/html}). */
    record Garbage() implements Fault {
    }

    /** Never answer until the faults are cleared, the emulator is reset or closed (or 10 minutes pass). */
    record Hang() implements Fault {
    }
}
