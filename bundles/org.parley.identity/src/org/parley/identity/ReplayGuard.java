package org.parley.identity;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The receiver's replay defence (PROTOCOL.md §4.4 steps 4-5): a message is accepted only if its
 * signed client time {@code cts} is at most {@link #MAX_FUTURE_SKEW} ahead of now and at most
 * {@link #MAX_AGE} behind it, and its {@code (sender, id)} has not been accepted before.
 *
 * <p><b>Why 7 days.</b> The relay stores a direct message for an offline recipient for up to its
 * {@code --queue-ttl} (default 7 days) and delivers it when the recipient logs in, so a receiver must
 * accept that old a {@code cts}. In exchange it must remember every accepted {@code (sender, id)} for as
 * long, <em>across restarts</em>: otherwise a relay could deliver an old message again after the client
 * restarted. So the seen-set is kept in a journal file ({@link ReplayJournal}) when one is given.
 *
 * <p>An entry expires at {@code cts + MAX_AGE}: from then on the time check refuses a replay anyway.
 * Every accepted entry is appended to the journal (and forced to disk) <em>before</em> the message is
 * accepted; the journal is loaded on first use, skipping expired entries, and rewritten with the live
 * entries only once it holds mostly expired ones. Memory and journal are bounded: at most
 * {@code maxPerSender} entries per sender and {@code maxEntries} in all; a message beyond either bound
 * is refused ({@link Verdict#TOO_MANY}) rather than forgetting entries, which would re-open replays.
 *
 * <p><b>Fail closed.</b> If the journal cannot be read or written, {@link #check} refuses with
 * {@link Verdict#UNAVAILABLE} and remembers nothing; the caller should not acknowledge the message, so
 * the relay delivers it again later.
 *
 * <h3>Threading</h3>
 * Thread-safe; {@link #check} may block on a small file write (it holds the guard's lock meanwhile).
 */
public final class ReplayGuard {

    /** How far ahead of the receiver's clock a {@code cts} may be (clock skew). */
    public static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(5);

    /** How old a {@code cts} may be: the relay's default store TTL ({@code --queue-ttl}, 7 days). */
    public static final Duration MAX_AGE = Duration.ofDays(7);

    /** The journal's file name in the client data directory. */
    public static final String FILE_NAME = "replay-journal.txt";

    /** The standard bounds. */
    public static final int MAX_PER_SENDER = 10_000;
    public static final int MAX_ENTRIES = 100_000;

    /** A journal with fewer lines is never compacted. */
    private static final int COMPACT_MIN_LINES = 1024;

    /** The outcome of {@link #check}. */
    public enum Verdict {
        /** New and in time: recorded (and journalled). */
        ACCEPTED,
        /** {@code cts} too far in the future or older than the maximum age. */
        OUTSIDE_WINDOW,
        /** {@code (sender, id)} was accepted before. */
        REPLAYED,
        /** Over the per-sender or total bound. */
        TOO_MANY,
        /** The journal cannot be read or written: refused, nothing recorded; try again later. */
        UNAVAILABLE
    }

    private final Clock clock;
    private final long maxSkewMillis;
    private final long maxAgeMillis;
    private final int maxPerSender;
    private final int maxEntries;
    private final ReplayJournal journal; // null: memory only
    private final Map<String, Set<String>> seen = new HashMap<>();
    private final PriorityQueue<ReplayJournal.Entry> byExpiry = new PriorityQueue<>(
            Comparator.comparingLong(ReplayJournal.Entry::expires));
    private boolean loaded;
    private int journalLines;

    /**
     * @param journal the journal file, or null to remember in memory only (tests, throwaway clients)
     */
    public ReplayGuard(Clock clock, Duration maxFutureSkew, Duration maxAge, int maxPerSender, int maxEntries,
            Path journal) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxSkewMillis = maxFutureSkew.toMillis();
        this.maxAgeMillis = maxAge.toMillis();
        this.maxPerSender = maxPerSender;
        this.maxEntries = maxEntries;
        // the journal holds at most twice the live entries plus the compaction slack (see compactIfMostlyExpired)
        this.journal = journal == null ? null : new ReplayJournal(journal, 2 * maxEntries + COMPACT_MIN_LINES + 1);
        this.loaded = journal == null;
    }

    /** In memory only, with the standard skew, age and bounds. */
    public static ReplayGuard standard(Clock clock) {
        return new ReplayGuard(clock, MAX_FUTURE_SKEW, MAX_AGE, MAX_PER_SENDER, MAX_ENTRIES, null);
    }

    /** Journalled in {@code journal}, with the standard skew, age and bounds. */
    public static ReplayGuard persistent(Clock clock, Path journal) {
        return new ReplayGuard(clock, MAX_FUTURE_SKEW, MAX_AGE, MAX_PER_SENDER, MAX_ENTRIES,
                Objects.requireNonNull(journal, "journal"));
    }

    /** Checks the time only, without recording anything. */
    public boolean inWindow(long cts) {
        long now = clock.millis();
        return cts <= now + maxSkewMillis && cts >= now - maxAgeMillis;
    }

    /**
     * Checks and, if accepted, records {@code (sender, id)}.
     *
     * @throws IllegalArgumentException if {@code sender} is not a user name or {@code id} not a message id
     *     (PROTOCOL.md §2); the wire codec has checked both already
     */
    public synchronized Verdict check(String sender, String id, long cts) {
        if (!IdentityFile.isUser(sender) || id == null || !ReplayJournal.isId(id)) {
            throw new IllegalArgumentException("not a user name and message id");
        }
        long now = clock.millis();
        if (cts > now + maxSkewMillis || cts < now - maxAgeMillis) {
            return Verdict.OUTSIDE_WINDOW;
        }
        try {
            load(now);
            expire(now);
            Set<String> ids = seen.get(sender);
            if (ids != null && ids.contains(id)) {
                return Verdict.REPLAYED;
            }
            if ((ids != null && ids.size() >= maxPerSender) || byExpiry.size() >= maxEntries) {
                return Verdict.TOO_MANY;
            }
            ReplayJournal.Entry entry = new ReplayJournal.Entry(sender, id, cts + maxAgeMillis);
            if (journal != null) {
                compactIfMostlyExpired();
                journal.append(entry); // on disk before anyone sees the message
                journalLines++;
            }
            remember(entry);
            return Verdict.ACCEPTED;
        } catch (IOException e) {
            return Verdict.UNAVAILABLE;
        }
    }

    /** How many (sender, id) pairs are remembered (for tests and metrics). */
    public synchronized int size() {
        return byExpiry.size();
    }

    private void load(long now) throws IOException {
        if (loaded) {
            return;
        }
        ReplayJournal.Loaded file = journal.load(now);
        file.live().forEach(this::remember);
        journalLines = file.lines();
        loaded = true;
        if (file.torn()) { // a crash cut the last line short: appending after it would corrupt the next one
            rewrite();
        }
    }

    private void remember(ReplayJournal.Entry entry) {
        if (seen.computeIfAbsent(entry.sender(), s -> new HashSet<>()).add(entry.id())) {
            byExpiry.add(entry);
        }
    }

    private void expire(long now) {
        while (!byExpiry.isEmpty() && byExpiry.peek().expires() < now) {
            ReplayJournal.Entry gone = byExpiry.poll();
            Set<String> ids = seen.get(gone.sender());
            ids.remove(gone.id());
            if (ids.isEmpty()) {
                seen.remove(gone.sender());
            }
        }
    }

    private void compactIfMostlyExpired() throws IOException {
        if (journalLines >= COMPACT_MIN_LINES && journalLines > 2 * byExpiry.size()) {
            rewrite();
        }
    }

    private void rewrite() throws IOException {
        journal.rewrite(byExpiry);
        journalLines = byExpiry.size();
    }
}
