package io.github.wristbandjakarta.bench;

import io.github.wristbandjakarta.testkit.Browser;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load of the login round trip, by JVM clients since wrk speaks to one host: full sign-ins (Login Endpoint,
 * the emulator's authorize and hosted login, Callback, landing page) in a closed loop for the duration.
 */
final class LoginRoundTrips {

    private LoginRoundTrips() {
    }

    /** Round trips per second and their latencies, as {@link Wrk#run} gives requests'. */
    static Load run(Settings settings, int concurrency) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(settings.duration());
            AtomicLong errors = new AtomicLong();
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                futures.add(pool.submit(() -> {
                    List<Long> micros = new ArrayList<>();
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        try {
                            Browser browser = new Browser();
                            Browser.Exchange landed = Visitors.signIn(browser, settings);
                            if (landed.status() != 200 || browser.cookie("localhost", "JSESSIONID").isEmpty()) {
                                errors.incrementAndGet();
                                continue;
                            }
                        } catch (RuntimeException | AssertionError e) {
                            errors.incrementAndGet();
                            continue;
                        }
                        micros.add((System.nanoTime() - t0) / 1000);
                    }
                    return micros;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : futures) {
                all.addAll(f.get());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            all.sort(Comparator.naturalOrder());
            return new Load(all.size() / seconds, percentile(all, 50), percentile(all, 99), errors.get(), all.size());
        } finally {
            pool.shutdownNow();
        }
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
