package io.github.wristbandjakarta.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One round's measurement of a case: at load ({@code connections}) and with one connection; {@code cpuUs} is the
 * server JVM's CPU time per request at load (user and system, all its threads).
 */
record Sample(double rps, double p50us, double p99us, double p50us1, double p99us1, long errors, double cpuUs) {

    static double median(List<Sample> samples, ToDoubleFunction<Sample> metric) {
        return median(samples.stream().mapToDouble(metric).toArray());
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
