package org.parley.relay.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.parley.relay.protocol.ErrorCode;
import org.parley.relay.store.CommitObserver;

/**
 * The relay's metrics, rendered in the Prometheus text exposition format (version 0.0.4) by
 * {@link #scrape()}. A tiny hand-rolled registry of {@link LongAdder}s rather than a client library: the
 * relay needs a dozen series and no dependency. Label values come from closed sets (frame types, error
 * codes) and never from the wire: no user names, ids or content.
 *
 * <p>Threading: thread-safe; recording is lock-free and allocation-free once a label value has been seen.
 * Gauges are registered while the relay starts and read at scrape time on the admin server's thread.
 */
public final class RelayMetrics implements CommitObserver {
    private static final double[] LATENCY_BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
        0.5, 1, 2.5, 5, 10};

    private final ConcurrentHashMap<String, LongAdder> framesIn = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> framesOut = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> rejects = new ConcurrentHashMap<>();
    private final LongAdder liveDeliveries = new LongAdder();
    private final LongAdder storedDeliveries = new LongAdder();
    private final LongAdder committedMessages = new LongAdder();
    private final LongAdder settledInMemory = new LongAdder();
    private final Histogram deliveryLatency = new Histogram(LATENCY_BUCKETS);
    private final Histogram commitLatency = new Histogram(LATENCY_BUCKETS);
    private final CopyOnWriteArrayList<Gauge> gauges = new CopyOnWriteArrayList<>();

    private record Gauge(String name, String help, LongSupplier value) {
    }

    /** Registers a gauge read at scrape time; call while starting. */
    public void gauge(String name, String help, LongSupplier value) {
        gauges.add(new Gauge(name, help, value));
    }

    /** One inbound frame of {@code type} (a wire type name, or {@code invalid}). */
    public void frameIn(String type) {
        adder(framesIn, type).increment();
    }

    /** {@code n} outbound frames of wire type {@code type}. */
    public void framesOut(String type, long n) {
        adder(framesOut, type).add(n);
    }

    /** A refusal: an {@code error} frame, or a recipient in {@code sent.refused}. */
    public void reject(ErrorCode code) {
        adder(rejects, code.wireName()).increment();
    }

    /** A message handed to an online recipient's connection {@code nanos} after the relay accepted it. */
    public void liveDelivery(long nanos) {
        liveDeliveries.increment();
        deliveryLatency.observeNanos(nanos);
    }

    /** A stored message delivered at login. */
    public void storedDelivery() {
        storedDeliveries.increment();
    }

    @Override
    public void committed(int callbacks, long nanos) {
        committedMessages.add(callbacks);
        commitLatency.observeNanos(nanos);
    }

    @Override
    public void settledInMemory() {
        settledInMemory.increment();
    }

    /** The delivery latency histogram (tests). */
    public Histogram deliveryLatency() {
        return deliveryLatency;
    }

    /** All series in the text exposition format. */
    public String scrape() {
        StringBuilder out = new StringBuilder(4096);
        for (Gauge g : gauges) {
            out.append("# HELP ").append(g.name()).append(' ').append(g.help()).append('\n')
                    .append("# TYPE ").append(g.name()).append(" gauge\n")
                    .append(g.name()).append(' ').append(g.value().getAsLong()).append('\n');
        }
        counters(out, "parley_frames_in_total", "Frames received, by type.", "type", framesIn);
        counters(out, "parley_frames_out_total", "Frames sent, by type.", "type", framesOut);
        counters(out, "parley_rejects_total", "Refused frames and recipients, by error code.", "code", rejects);
        out.append("# HELP parley_deliveries_total Messages handed to recipients' connections.\n")
                .append("# TYPE parley_deliveries_total counter\n")
                .append("parley_deliveries_total{path=\"live\"} ").append(liveDeliveries.sum()).append('\n')
                .append("parley_deliveries_total{path=\"stored\"} ").append(storedDeliveries.sum()).append('\n');
        out.append("# HELP parley_store_committed_messages_total Messages made durable by group commits.\n")
                .append("# TYPE parley_store_committed_messages_total counter\n")
                .append("parley_store_committed_messages_total ").append(committedMessages.sum()).append('\n');
        out.append("# HELP parley_store_acked_before_write_total Messages held in memory (--write-behind) that every "
                + "recipient acked before they were due, so they were never written.\n")
                .append("# TYPE parley_store_acked_before_write_total counter\n")
                .append("parley_store_acked_before_write_total ").append(settledInMemory.sum()).append('\n');
        deliveryLatency.write(out, "parley_delivery_latency_seconds",
                "Time from accepting a send to handing it to an online recipient's connection.");
        commitLatency.write(out, "parley_store_commit_seconds", "Duration of one group commit (commit and fsync).");
        return out.toString();
    }

    private static void counters(StringBuilder out, String name, String help, String label,
            ConcurrentHashMap<String, LongAdder> values) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" counter\n");
        for (Map.Entry<String, LongAdder> e : new TreeMap<>(values).entrySet()) {
            out.append(name).append('{').append(label).append("=\"").append(e.getKey()).append("\"} ")
                    .append(e.getValue().sum()).append('\n');
        }
    }

    private static LongAdder adder(ConcurrentHashMap<String, LongAdder> map, String key) {
        LongAdder a = map.get(key);
        return a != null ? a : map.computeIfAbsent(key, k -> new LongAdder());
    }
}
