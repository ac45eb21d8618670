package io.mqttplatform.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Publish-to-delivery latencies of one subscriber, in microseconds, kept as counts in log-linear buckets (exact below
 * 64 µs, then 32 buckets per power of two, i.e. within about 3%). The load benchmark records millions of deliveries
 * per run; a list of samples would cost the driver memory and GC time that the brokers under test would feel.
 */
final class LatencyHistogram {

    private static final int LINEAR = 64;
    private static final int SUB_BITS = 5;
    private static final int SUB = 1 << SUB_BITS;
    private static final int BUCKETS = LINEAR + (63 - 6) * SUB;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    void recordMicros(long micros) {
        counts.incrementAndGet(index(Math.max(0, micros)));
    }

    /** Adds this histogram's counts to {@code into}. */
    void addTo(LatencyHistogram into) {
        for (int i = 0; i < BUCKETS; i++) {
            long count = counts.get(i);
            if (count != 0) {
                into.counts.addAndGet(i, count);
            }
        }
    }

    long count() {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            total += counts.get(i);
        }
        return total;
    }

    /** The {@code fraction} quantile (0.5 for the median) in milliseconds, or {@code null} without any sample. */
    Double quantileMillis(double fraction) {
        long total = count();
        if (total == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(fraction * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return middleMicros(i) / 1000.0;
            }
        }
        return middleMicros(BUCKETS - 1) / 1000.0;
    }

    private static int index(long micros) {
        if (micros < LINEAR) {
            return (int) micros;
        }
        int msb = 63 - Long.numberOfLeadingZeros(micros);
        int sub = (int) ((micros >>> (msb - SUB_BITS)) & (SUB - 1));
        return Math.min(BUCKETS - 1, LINEAR + (msb - 6) * SUB + sub);
    }

    private static double middleMicros(int index) {
        if (index < LINEAR) {
            return index;
        }
        int msb = (index - LINEAR) / SUB + 6;
        long sub = (index - LINEAR) % SUB;
        long width = 1L << (msb - SUB_BITS);
        return ((SUB + sub) << (msb - SUB_BITS)) + width / 2.0;
    }
}
