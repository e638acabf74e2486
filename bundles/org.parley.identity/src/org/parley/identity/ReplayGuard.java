package org.parley.identity;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The receiver's replay defence (PROTOCOL.md §4.4 steps 4-5): a message is accepted only if its
 * signed client time {@code cts} lies within the skew window of now, and its {@code (sender, id)}
 * has not been seen while it could still be inside the window.
 *
 * <p>Entries expire once their {@code cts} is more than one window in the past, because such a
 * message would be refused by the time check anyway; so memory holds at most the messages of one
 * window, and at most {@code maxPerSender} per sender. A sender over that cap is refused (fail
 * closed) rather than forgetting entries that would re-open a replay.
 *
 * <h3>Threading</h3>
 * Thread-safe.
 */
public final class ReplayGuard {

    /** The clock-skew window of PROTOCOL.md §4.4. */
    public static final Duration WINDOW = Duration.ofMinutes(5);

    /** The outcome of {@link #check}. */
    public enum Verdict {
        ACCEPTED, OUTSIDE_WINDOW, REPLAYED, TOO_MANY
    }

    private record Entry(String id, long expires) {
    }

    private static final int SWEEP_EVERY = 1024;

    private final Clock clock;
    private final long windowMillis;
    private final int maxPerSender;
    private final Map<String, Set<String>> seen = new HashMap<>();
    private final Map<String, ArrayDeque<Entry>> expiry = new HashMap<>();
    private long checks;

    public ReplayGuard(Clock clock, Duration window, int maxPerSender) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.windowMillis = window.toMillis();
        this.maxPerSender = maxPerSender;
    }

    /** The default: system clock, 5-minute window, 10 000 messages per sender per window. */
    public static ReplayGuard standard(Clock clock) {
        return new ReplayGuard(clock, WINDOW, 10_000);
    }

    /** Checks the time window only, without recording anything. */
    public boolean inWindow(long cts) {
        return Math.abs(cts - clock.millis()) <= windowMillis;
    }

    /** Checks and, if accepted, records {@code (sender, id)}. */
    public synchronized Verdict check(String sender, String id, long cts) {
        long now = clock.millis();
        if (Math.abs(cts - now) > windowMillis) {
            return Verdict.OUTSIDE_WINDOW;
        }
        if (++checks % SWEEP_EVERY == 0) {
            // senders who went quiet are otherwise only cleaned when they send again
            new java.util.ArrayList<>(expiry.keySet()).forEach(other -> expire(other, now));
        }
        expire(sender, now);
        Set<String> ids = seen.computeIfAbsent(sender, s -> new HashSet<>());
        if (ids.contains(id)) {
            return Verdict.REPLAYED;
        }
        if (ids.size() >= maxPerSender) {
            return Verdict.TOO_MANY;
        }
        ids.add(id);
        // order by insertion; an entry expires at cts + window, at most 2 windows after now
        expiry.computeIfAbsent(sender, s -> new ArrayDeque<>()).add(new Entry(id, Math.max(cts, now) + windowMillis));
        return Verdict.ACCEPTED;
    }

    /** How many (sender, id) pairs are remembered (for tests and metrics). */
    public synchronized int size() {
        return seen.values().stream().mapToInt(Set::size).sum();
    }

    private void expire(String sender, long now) {
        ArrayDeque<Entry> queue = expiry.get(sender);
        if (queue == null) {
            return;
        }
        // insertion order is not exactly expiry order; an entry may outlive its expiry until those before
        // it expire (at most one more window), which errs on the safe side: never forgotten too early
        while (!queue.isEmpty() && queue.peekFirst().expires() < now) {
            seen.get(sender).remove(queue.pollFirst().id());
        }
        if (queue.isEmpty()) {
            expiry.remove(sender);
            seen.remove(sender);
        }
    }
}
