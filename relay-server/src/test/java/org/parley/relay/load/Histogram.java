package org.parley.relay.load;

/**
 * A log-linear latency histogram in microseconds (about 0.2 % relative precision, values up to
 * hours), in the spirit of HdrHistogram but without the dependency. Not thread-safe: each event loop
 * records into its own and they are merged after the run.
 */
final class Histogram {
    private static final int LINEAR = 1024;
    private static final int SUB = 512;
    private final long[] counts = new long[LINEAR + 55 * SUB];
    private long total;
    private long max;

    void recordMicros(long v) {
        if (v < 0) {
            v = 0;
        }
        counts[index(v)]++;
        total++;
        if (v > max) {
            max = v;
        }
    }

    static int index(long v) {
        if (v < LINEAR) {
            return (int) v;
        }
        int msb = 63 - Long.numberOfLeadingZeros(v);
        int shift = msb - 9;
        return LINEAR + (shift - 1) * SUB + (int) ((v >> shift) - SUB);
    }

    static long valueAt(int index) {
        if (index < LINEAR) {
            return index;
        }
        int shift = (index - LINEAR) / SUB + 1;
        long m = (index - LINEAR) % SUB + SUB;
        return (m << shift) + ((1L << shift) - 1) / 2;
    }

    void add(Histogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        max = Math.max(max, other.max);
    }

    long count() {
        return total;
    }

    long maxMicros() {
        return max;
    }

    /** The value at quantile {@code q} (0 < q ≤ 1) in microseconds, or -1 if empty. */
    long percentileMicros(double q) {
        if (total == 0) {
            return -1;
        }
        long target = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= target) {
                return Math.min(valueAt(i), max);
            }
        }
        return max;
    }
}
