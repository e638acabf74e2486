package org.parley.relay.store;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * The relay's {@link MessageStore}: an H2 MVStore file, {@value #FILE_NAME}, in the data directory
 * (owner-only on POSIX), with the two stored maps of {@link MapMessageStore} ({@code messages},
 * {@code headers}) and a {@code meta} map holding the format version ({@value #FORMAT}; a file of another
 * format, including one of format 1 written before the version was recorded, is refused at start). Auto-commit is off; a {@link GroupCommitter} thread commits and syncs
 * the file once for all messages stored since its last sync (group commit), at most once per commit
 * interval, then reports them durable.
 * Deletions (acks, expiry) need no sync: one lost in a crash only means a repeated delivery, which
 * receivers de-duplicate. Messages to recipients who are all online are held in memory for up to the
 * hold time ({@code --write-behind}) and written only if not every recipient acked them by then
 * (see {@link MapMessageStore}); a timer thread writes those that are due, and {@link #close} writes
 * every held message before its final sync. Expired copies are purged at start and every {@code purgeInterval}. MVStore
 * locks the file: a second relay on the same data directory fails to start.
 *
 * <p>Why MVStore: already the user registry's engine; copy-on-write chunks with checksums make a
 * crash ({@code kill -9}, power loss after the sync) recover to the last synced commit.
 *
 * <p>Threading: thread-safe; map operations run on the callers' threads (lock-free MVMap), commits,
 * syncs and purges on the committer's thread.
 */
public final class MvStoreMessageStore extends MapMessageStore {
    public static final String FILE_NAME = "messages.mv.db";
    private static final System.Logger LOG = System.getLogger(MvStoreMessageStore.class.getName());

    /**
     * How long MVStore keeps chunks that hold no live data before it may overwrite them. Its default, 45 s,
     * assumes nobody syncs; this store syncs every commit that makes messages durable, so old chunks are
     * only needed by map iterations still reading an older version (a queue read, the expiry sweep), which
     * take milliseconds. With 45 s, messages that are stored and acked within seconds left the file at
     * ~270 MB after 40 s at 3,000 msgs/s (45 s of dead chunks) and made every commit rewrite the metadata
     * of thousands of chunks; with 5 s it stays about a ninth of that.
     */
    static final Duration RETENTION = Duration.ofSeconds(5);

    /** The on-disk format; format 1 (four maps, no {@code meta}) is not read. */
    static final String FORMAT = "2";

    private final MVStore store;
    private final MVMap<Long, String> headers;
    private final MVMap<Long, byte[]> messages;
    private final GroupCommitter committer;
    private final CommitObserver observer;
    private final ScheduledExecutorService holdTimer; // null when nothing is held

    private MvStoreMessageStore(MVStore store, MVMap<Long, byte[]> messages, MVMap<Long, String> headers,
            int maxPerUser, Duration ttl, Clock clock, CommitObserver observer, Duration commitInterval,
            Duration hold) {
        this(store, messages, headers, maxPerUser, ttl, clock, observer, commitInterval, hold,
                new ReentrantReadWriteLock());
    }

    /** Map operations share {@code guard}; compaction takes it exclusively ({@link GuardedMap} says why). */
    private MvStoreMessageStore(MVStore store, MVMap<Long, byte[]> messages, MVMap<Long, String> headers,
            int maxPerUser, Duration ttl, Clock clock, CommitObserver observer, Duration commitInterval,
            Duration hold, ReentrantReadWriteLock guard) {
        super(new GuardedMap<>(messages, guard.readLock()), new GuardedMap<>(headers, guard.readLock()), maxPerUser,
                ttl, hold, clock);
        this.store = store;
        this.messages = messages;
        this.headers = headers;
        this.observer = observer;
        recover();
        int purged = purgeExpired();
        store.commit();
        LOG.log(Level.INFO, "event=store-open file={0} queued={1} purged={2}", FILE_NAME, depth(), purged);
        this.committer = new GroupCommitter(store, observer, commitInterval, purgeInterval(ttl), this::purge,
                guard.writeLock());
        this.holdTimer = hold.isZero() ? null : startHoldTimer(hold);
    }

    /** Opens the store with a sync as soon as a message waits (commit interval 0) and nothing held. */
    public static MvStoreMessageStore open(Path dataDir, int maxPerUser, Duration ttl, Clock clock,
            CommitObserver observer) throws StoreException {
        return open(dataDir, maxPerUser, ttl, clock, observer, Duration.ZERO, Duration.ZERO);
    }

    /**
     * Opens (or creates) {@value #FILE_NAME} in {@code dataDir}, which must exist, purges expired copies and
     * starts the committer thread, which syncs at most once per {@code commitInterval}; messages whose
     * recipients are all online are held in memory up to {@code hold} (zero: none is).
     */
    public static MvStoreMessageStore open(Path dataDir, int maxPerUser, Duration ttl, Clock clock,
            CommitObserver observer, Duration commitInterval, Duration hold) throws StoreException {
        return open(dataDir, maxPerUser, ttl, clock, observer, commitInterval, hold, RETENTION);
    }

    static MvStoreMessageStore open(Path dataDir, int maxPerUser, Duration ttl, Clock clock,
            CommitObserver observer, Duration commitInterval, Duration hold, Duration retention)
            throws StoreException {
        Path file = dataDir.resolve(FILE_NAME);
        MVStore store = null;
        try {
            if (!Files.exists(file) && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
            store.setRetentionTime(Math.toIntExact(retention.toMillis()));
            checkFormat(store, file);
            return new MvStoreMessageStore(store, store.openMap("messages"), store.openMap("headers"), maxPerUser, ttl, clock, observer,
                    commitInterval, hold);
        } catch (IOException | MVStoreException | StoreException e) {
            if (store != null) {
                store.closeImmediately();
            }
            throw e instanceof StoreException se ? se
                    : new StoreException("cannot open the message store " + file + ": " + e.getMessage(), e);
        }
    }

    private static void checkFormat(MVStore store, Path file) throws StoreException {
        MVMap<String, String> meta = store.openMap("meta");
        String format = meta.get("format");
        if (format == null && store.hasMap("messages")) {
            format = "1";
        }
        if (format == null) {
            meta.put("format", FORMAT);
            store.commit();
        } else if (!format.equals(FORMAT)) {
            throw new StoreException("the message store " + file + " has format " + format + ", this relay reads format "
                    + FORMAT + "; move it away (its queued messages are lost) and restart", null);
        }
    }

    /**
     * The thread that writes held messages once due: it looks a few times per hold time (at least every
     * millisecond, at most every 50 ms), so a message is written at most about a quarter late.
     */
    private ScheduledExecutorService startHoldTimer(Duration hold) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "parley-store-hold");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(1), Math.min(hold.toNanos() / 4, TimeUnit.MILLISECONDS.toNanos(50)));
        timer.scheduleWithFixedDelay(this::writeDueQuietly, period, period, TimeUnit.NANOSECONDS);
        return timer;
    }

    private void writeDueQuietly() {
        try {
            writeDue(false);
        } catch (RuntimeException e) {
            // that message's sender was told to reconnect and resend (write); the others are tried next time
            LOG.log(Level.WARNING, "event=store-hold-write-failed", e);
        }
    }

    @Override
    void settledInMemory() {
        observer.settledInMemory();
    }

    /** Purge often enough that expired copies do not linger much beyond the TTL, but at most every second. */
    static Duration purgeInterval(Duration ttl) {
        Duration tenth = ttl.dividedBy(10);
        return tenth.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : tenth.compareTo(Duration.ofMinutes(10)) > 0 ? Duration.ofMinutes(10) : tenth;
    }

    private void purge() {
        int purged = purgeExpired();
        if (purged > 0) {
            LOG.log(Level.INFO, "event=store-purge expired={0} queued={1}", purged, depth());
        }
    }

    @Override
    Iterator<Long> headerKeys() {
        return headers.keyIterator(null);
    }

    @Override
    Iterator<Long> messageKeys() {
        return messages.keyIterator(null);
    }

    @Override
    void whenDurable(DurabilityCallback callback) {
        committer.whenDurable(callback);
    }

    @Override
    public synchronized void close() {
        if (store.isClosed()) {
            return;
        }
        if (holdTimer != null) {
            holdTimer.shutdown();
            try {
                holdTimer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writeDue(true); // held messages not yet acked by all: written before the final sync
        committer.close(); // last commit and sync of everything stored
        store.close();
        LOG.log(Level.INFO, "event=store-closed");
    }
}
