package io.github.wristbandjakarta.bench;

/**
 * What one load of a case gave: requests (or login round trips) per second, p50 and p99 latency in µs, errors
 * (connect, read, write, timeouts and unexpected statuses), and the number of requests.
 */
record Load(double rps, double p50us, double p99us, long errors, double requests) {

    /** No load: the one-connection half of a warm-up measurement. */
    static final Load NONE = new Load(Double.NaN, Double.NaN, Double.NaN, 0, 0);
}
