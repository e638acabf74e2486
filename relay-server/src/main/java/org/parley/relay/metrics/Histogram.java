package org.parley.relay.metrics;

import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus histogram with fixed buckets in seconds, recorded in nanoseconds without allocation.
 *
 * <p>Threading: thread-safe; {@link #observeNanos} is lock-free (one bucket scan, two adders).
 */
public final class Histogram {
    private final long[] upperNanos;
    private final String[] labels;
    private final LongAdder[] counts;
    private final LongAdder sumNanos = new LongAdder();
    private final LongAdder count = new LongAdder();

    /** @param upperSeconds bucket upper bounds, ascending; {@code +Inf} is implied */
    public Histogram(double... upperSeconds) {
        upperNanos = new long[upperSeconds.length];
        labels = new String[upperSeconds.length];
        counts = new LongAdder[upperSeconds.length + 1];
        for (int i = 0; i < upperSeconds.length; i++) {
            upperNanos[i] = Math.round(upperSeconds[i] * 1e9);
            labels[i] = String.valueOf(upperSeconds[i]);
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    public void observeNanos(long nanos) {
        int i = 0;
        while (i < upperNanos.length && nanos > upperNanos[i]) {
            i++;
        }
        counts[i].increment();
        sumNanos.add(nanos);
        count.increment();
    }

    /** Observations so far. */
    public long count() {
        return count.sum();
    }

    void write(StringBuilder out, String name, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" histogram\n");
        long cumulative = 0;
        for (int i = 0; i < counts.length; i++) {
            cumulative += counts[i].sum();
            out.append(name).append("_bucket{le=\"").append(i < labels.length ? labels[i] : "+Inf").append("\"} ")
                    .append(cumulative).append('\n');
        }
        out.append(name).append("_sum ").append(String.format(Locale.ROOT, "%.9f", sumNanos.sum() / 1e9)).append('\n');
        out.append(name).append("_count ").append(cumulative).append('\n');
    }
}
