package io.github.wristbandjakarta.internal.wristband;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the pauses between a client's attempts instead of sleeping. */
final class RecordingSleeper implements WristbandClient.Sleeper {
    final List<Duration> pauses = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration duration) {
        pauses.add(duration);
    }

    List<Duration> pauses() {
        return new ArrayList<>(pauses);
    }
}
