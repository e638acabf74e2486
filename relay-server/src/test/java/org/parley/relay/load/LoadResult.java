package org.parley.relay.load;

import java.util.Locale;
import java.util.Map;

/** What one load run measured. Counts of the measurement window unless named otherwise. */
public final class LoadResult {
    public LoadOptions options;
    public int loggedIn;
    public int stillOpen;
    public double connectSeconds;
    /** Relay CPU-seconds spent while connecting and logging everyone in. */
    public double relayCpuConnect = -1;
    public double seconds;
    public int fanout;
    /** Messages with an intended send time in the window, and in the whole run. */
    public long sentInWindow;
    public long sentTotal;
    /** Messages not sent: sender disconnected or generator guard (--max-outstanding). */
    public long skipped;
    /** Deliveries received during the window (throughput). */
    public long receivedInWindow;
    /** Deliveries of messages sent in the window, whenever they arrived (latency sample). */
    public long deliveredOfWindow;
    public long deliveriesTotal;
    public long maxLagMicros;
    public Histogram latency = new Histogram();
    public Map<String, Long> errors = Map.of();
    public Map<String, Long> frames = Map.of();
    public double relayCpu = -1;
    /** CPU seconds of the --other-pid processes (e.g. Redis) in the window; -1 if none. */
    public double otherCpu = -1;
    public double toolCpu = -1;
    public long relayRssKb = -1;
    public long relayHwmKb = -1;
    public long relayRssBeforeKb = -1;
    public long relayHeapKb = -1;
    public long relayHeapBeforeKb = -1;

    public double deliveredPerSecond() {
        return seconds > 0 ? receivedInWindow / seconds : 0;
    }

    public long p50Micros() {
        return latency.percentileMicros(0.50);
    }

    public long p99Micros() {
        return latency.percentileMicros(0.99);
    }

    public long p999Micros() {
        return latency.percentileMicros(0.999);
    }

    /** Deliveries expected for the messages sent in the window but not received by the end of the drain. */
    public long lost() {
        return sentInWindow * Math.max(fanout, 1) - deliveredOfWindow;
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** One line of {@code key=value} pairs for scripts (bench/run-bench.sh parses it). */
    public String resultLine() {
        StringBuilder s = new StringBuilder("RESULT");
        kv(s, "protocol", options.protocol.name().toLowerCase(Locale.ROOT));
        kv(s, "mode", options.mode.name().toLowerCase(Locale.ROOT));
        kv(s, "clients", options.clients);
        kv(s, "logged_in", loggedIn);
        kv(s, "still_open", stillOpen);
        kv(s, "connect_s", fmt(connectSeconds));
        kv(s, "relay_cpu_connect_s", fmt(relayCpuConnect));
        if (options.mode == LoadOptions.Mode.IDLE) {
            kv(s, "relay_rss_before_kb", relayRssBeforeKb);
            if (otherCpu >= 0) {
                kv(s, "other_cpu_s", fmt(otherCpu));
                kv(s, "other_cpu_s_per_M", receivedInWindow > 0 ? fmt(otherCpu * 1e6 / receivedInWindow) : "-1");
            }
            kv(s, "relay_rss_kb", relayRssKb);
            kv(s, "relay_hwm_kb", relayHwmKb);
            kv(s, "relay_heap_before_kb", relayHeapBeforeKb);
            kv(s, "relay_heap_kb", relayHeapKb);
            kv(s, "rss_per_conn_kb", perConn(relayRssKb, relayRssBeforeKb));
            kv(s, "heap_per_conn_kb", perConn(relayHeapKb, relayHeapBeforeKb));
        } else {
            kv(s, "rate", options.rate > 0 ? fmt(options.rate) : "closed/" + options.window);
            kv(s, "size", options.size);
            kv(s, "fanout", fanout);
            kv(s, "sent", sentInWindow);
            kv(s, "skipped", skipped);
            kv(s, "delivered_per_s", fmt(deliveredPerSecond()));
            kv(s, "lost", lost());
            kv(s, "p50_ms", ms(p50Micros()));
            kv(s, "p99_ms", ms(p99Micros()));
            kv(s, "p999_ms", ms(p999Micros()));
            kv(s, "max_ms", ms(latency.maxMicros()));
            kv(s, "max_lag_ms", ms(maxLagMicros));
            kv(s, "relay_cpu_s", fmt(relayCpu));
            kv(s, "tool_cpu_s", fmt(toolCpu));
            kv(s, "relay_cpu_s_per_M", receivedInWindow > 0 && relayCpu >= 0 ? fmt(relayCpu * 1e6 / receivedInWindow) : "-1");
            kv(s, "tool_cpu_s_per_M", receivedInWindow > 0 && toolCpu >= 0 ? fmt(toolCpu * 1e6 / receivedInWindow) : "-1");
            if (otherCpu >= 0) {
                kv(s, "other_cpu_s", fmt(otherCpu));
                kv(s, "other_cpu_s_per_M", receivedInWindow > 0 ? fmt(otherCpu * 1e6 / receivedInWindow) : "-1");
            }
            kv(s, "relay_rss_kb", relayRssKb);
            kv(s, "relay_hwm_kb", relayHwmKb);
        }
        StringBuilder e = new StringBuilder();
        errors.forEach((k, v) -> e.append(e.length() == 0 ? "" : ",").append(k).append(':').append(v));
        kv(s, "errors", e.length() == 0 ? "none" : e);
        return s.toString();
    }

    private String perConn(long after, long before) {
        return after < 0 || before < 0 || stillOpen <= 0 ? "-1" : fmt((after - before) / (double) stillOpen);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%s %s: %d/%d logged in (%.1f s, relay CPU %.1f s), %d still open%n",
                options.protocol, options.mode, loggedIn, options.clients, connectSeconds, relayCpuConnect, stillOpen));
        if (options.mode == LoadOptions.Mode.IDLE) {
            s.append(String.format(Locale.ROOT, "relay RSS %d -> %d KiB (peak %d), heap after GC %d -> %d KiB%n",
                    relayRssBeforeKb, relayRssKb, relayHwmKb, relayHeapBeforeKb, relayHeapKb));
            if (stillOpen > 0 && relayRssKb >= 0) {
                s.append(String.format(Locale.ROOT, "per connection: RSS %.1f KiB, heap %.1f KiB%n",
                        (relayRssKb - relayRssBeforeKb) / (double) stillOpen,
                        relayHeapKb >= 0 ? (relayHeapKb - relayHeapBeforeKb) / (double) stillOpen : -1.0));
            }
        } else {
            s.append(String.format(Locale.ROOT,
                    "window %.1f s: sent %d msgs (fan-out %d, skipped %d), received %d deliveries = %.0f/s, lost %d%n",
                    seconds, sentInWindow, fanout, skipped, receivedInWindow, deliveredPerSecond(), lost()));
            s.append(String.format(Locale.ROOT,
                    "latency from intended send (%d samples): p50 %s ms, p99 %s ms, p99.9 %s ms, max %s ms; generator max lag %s ms%n",
                    latency.count(), ms(p50Micros()), ms(p99Micros()), ms(p999Micros()), ms(latency.maxMicros()),
                    ms(maxLagMicros)));
            s.append(String.format(Locale.ROOT,
                    "CPU in window: relay %.2f s (%.1f s per million deliveries), load tool %.2f s; relay RSS %d KiB (peak %d)%n",
                    relayCpu, receivedInWindow > 0 ? relayCpu * 1e6 / receivedInWindow : -1, toolCpu, relayRssKb,
                    relayHwmKb));
        }
        s.append("frames: ").append(frames).append('\n');
        s.append("errors: ").append(errors.isEmpty() ? "none" : errors).append('\n');
        return s.toString();
    }

    private static String ms(long micros) {
        return micros < 0 ? "-1" : String.format(Locale.ROOT, "%.2f", micros / 1000.0);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static void kv(StringBuilder s, String k, Object v) {
        s.append(' ').append(k).append('=').append(v);
    }
}
