package io.github.wristbandjakarta.soak;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the soak saw, minute by minute from the start of the paced load: answers by status, signed-in requests
 * answered as anonymous (lost sessions), 5xx answers, requests a dead node dropped (retried on the other node, as a
 * load balancer does), sign-ins and logouts, latencies; the faults' times; each node's statistics per minute.
 */
final class Recorder {

    /** One request of a signed-in user as the soak judged it. */
    enum Verdict { OK, LOST, FIVE_XX, OTHER }

    /** Something that happened at {@code second} (seconds since the start of the paced load). */
    record Event(double second, String what) {
    }

    /** One answer worth listing: a lost session or a 5xx. */
    record Answer(double second, String node, String request, int status, String detail) {
    }

    /** A node's statistics at {@code second}; {@code sessions} as its container counts them (-1: no count). */
    record NodeSample(double second, String node, long heapAfterGc, int threads, long sessions) {
    }

    static final class Minute {
        final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
        final LongAdder requests = new LongAdder();
        final LongAdder lost = new LongAdder();
        final LongAdder fiveXx = new LongAdder();
        final LongAdder retried = new LongAdder();
        final LongAdder signIns = new LongAdder();
        final LongAdder failedSignIns = new LongAdder();
        final LongAdder logouts = new LongAdder();
        private long[] latencies = new long[4096];
        private int count;

        synchronized void latency(long nanos) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = nanos;
        }

        /** The {@code q}-quantile of this minute's latencies in milliseconds (0 without any). */
        synchronized double quantileMillis(double q) {
            if (count == 0) {
                return 0;
            }
            long[] sorted = Arrays.copyOf(latencies, count);
            Arrays.sort(sorted);
            return sorted[(int) Math.min(count - 1, Math.ceil(q * count) - 1)] / 1e6;
        }

        long status(int status) {
            LongAdder adder = byStatus.get(status);
            return adder == null ? 0 : adder.sum();
        }
    }

    private final Map<Integer, Minute> minutes = new ConcurrentHashMap<>();
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<Answer> lost = new CopyOnWriteArrayList<>();
    private final List<Answer> fiveXx = new CopyOnWriteArrayList<>();
    private final List<NodeSample> samples = new CopyOnWriteArrayList<>();
    private final LongAdder unpaced = new LongAdder();
    private volatile long start = Long.MAX_VALUE;
    private volatile boolean ended;
    private volatile double length = Double.MAX_VALUE;

    /** Stops recording requests: those that finish after the paced load's end are not part of it. */
    void end() {
        ended = true;
    }

    /**
     * Starts the paced load's clock; requests before it only count towards {@link #unpacedRequests()}, requests that
     * end after {@code length} are not recorded.
     */
    void begin(java.time.Duration length) {
        this.length = length.toSeconds();
        start = System.nanoTime();
    }

    boolean begun() {
        return start != Long.MAX_VALUE;
    }

    /** Seconds since {@link #begin()} (negative before it). */
    double second() {
        return begun() ? (System.nanoTime() - start) / 1e9 : -1;
    }

    long unpacedRequests() {
        return unpaced.sum();
    }

    void request(String node, String request, int status, long nanos, Verdict verdict, String detail) {
        if (!begun()) {
            unpaced.increment();
            return;
        }
        double second = second();
        if (ended || second >= length) {
            return;
        }
        Minute minute = minute(second);
        minute.requests.increment();
        minute.byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
        minute.latency(nanos);
        if (verdict == Verdict.LOST) {
            minute.lost.increment();
            lost.add(new Answer(second, node, request, status, detail));
        } else if (verdict == Verdict.FIVE_XX) {
            minute.fiveXx.increment();
            fiveXx.add(new Answer(second, node, request, status, detail));
        }
    }

    /** Whether a count made now belongs to the paced load (begun and not past its length). */
    private boolean counting() {
        return begun() && !ended && second() < length;
    }

    void retried() {
        if (counting()) {
            minute(second()).retried.increment();
        }
    }

    void signIn(boolean succeeded) {
        if (counting()) {
            (succeeded ? minute(second()).signIns : minute(second()).failedSignIns).increment();
        }
    }

    void logout() {
        if (counting()) {
            minute(second()).logouts.increment();
        }
    }

    /** Records {@code what} now; returns its second. */
    double event(String what) {
        double second = second();
        events.add(new Event(second, what));
        Soak.log(what);
        return second;
    }

    void sample(NodeSample sample) {
        samples.add(sample);
    }

    private Minute minute(double second) {
        return minutes.computeIfAbsent((int) Math.floor(second / 60), m -> new Minute());
    }

    /** The minutes seen, in order. */
    Map<Integer, Minute> minutes() {
        return new TreeMap<>(minutes);
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    List<Answer> lost() {
        return List.copyOf(lost);
    }

    List<Answer> fiveXx() {
        return List.copyOf(fiveXx);
    }

    List<NodeSample> samples() {
        return new ArrayList<>(samples);
    }
}
