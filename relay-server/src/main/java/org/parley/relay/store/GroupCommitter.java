package org.parley.relay.store;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import org.h2.mvstore.MVStore;

/**
 * Group commit for an MVStore: one thread that, whenever callers are waiting, commits and syncs the
 * file once and then tells all of them. While a sync is in progress, new waiters gather for the next
 * one, so under load one sync covers many messages and the cost per message falls. Syncs start at most
 * once per {@code minInterval} (counted from the start of the previous one): the first waiter of a quiet
 * period is synced at once, but under a steady trickle of messages, which would otherwise get a commit
 * each, the waiters of one interval share it. That matters because every MVStore commit also rewrites
 * chunk metadata whatever its size. When idle it commits
 * pending deletions lazily (no sync); once a second it rewrites sparse chunks (MVStore is copy-on-write:
 * without this, pages of acked messages would keep the file growing, since auto-commit and MVStore's own
 * background housekeeping are off); and it runs the housekeeping task (expiry) every {@code interval}.
 *
 * <p>Threading: {@link #whenDurable} from any thread; callbacks and housekeeping run on the committer
 * thread {@code parley-store-commit}. A change made before {@link #whenDurable} is in the commit that
 * answers it: the waiter list is taken before the commit starts.
 */
final class GroupCommitter implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(GroupCommitter.class.getName());
    private static final long IDLE_COMMIT_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Chunks less full than this (percent) are rewritten, so dead pages of acked messages are reclaimed. */
    private static final int TARGET_FILL_RATE = 60;
    /** At most this much is rewritten per second, so compaction never stalls group commits for long. */
    private static final int MAX_REWRITE_BYTES = 8 << 20;

    private final MVStore store;
    private final CommitObserver observer;
    private final long minIntervalNanos;
    private final long housekeepingNanos;
    private final Runnable housekeeping;
    private final Lock exclusive;
    private final Object lock = new Object();
    private final Thread thread;
    private ArrayList<DurabilityCallback> waiting = new ArrayList<>();
    private ArrayList<DurabilityCallback> spare = new ArrayList<>(); // committer thread only
    private boolean closing;

    /**
     * @param exclusive held while compacting: map operations of other threads must not run meanwhile
     *                  (see {@link GuardedMap})
     */
    GroupCommitter(MVStore store, CommitObserver observer, Duration minInterval, Duration housekeepingInterval,
            Runnable housekeeping, Lock exclusive) {
        this.store = store;
        this.observer = observer;
        this.minIntervalNanos = minInterval.toNanos();
        this.housekeepingNanos = housekeepingInterval.toNanos();
        this.housekeeping = housekeeping;
        this.exclusive = exclusive;
        this.thread = new Thread(this::run, "parley-store-commit");
        thread.setDaemon(true);
        thread.start();
    }

    void whenDurable(DurabilityCallback callback) {
        synchronized (lock) {
            if (!closing) {
                waiting.add(callback);
                if (waiting.size() == 1) {
                    lock.notifyAll();
                }
                return;
            }
        }
        callback.stored(false); // too late: the store is closing
    }

    private void run() {
        long lastCommit = System.nanoTime();
        long lastSyncStart = lastCommit - minIntervalNanos;
        long lastHousekeeping = lastCommit;
        long lastCompaction = lastCommit;
        while (true) {
            ArrayList<DurabilityCallback> batch;
            boolean stop;
            synchronized (lock) {
                while (waiting.isEmpty() && !closing && System.nanoTime() - lastCommit < IDLE_COMMIT_NANOS) {
                    waitQuietly(IDLE_COMMIT_NANOS - (System.nanoTime() - lastCommit));
                }
                long gather;
                while (!waiting.isEmpty() && !closing
                        && (gather = minIntervalNanos - (System.nanoTime() - lastSyncStart)) > 0) {
                    waitQuietly(gather); // not woken by new waiters: only the first of a batch notifies
                }
                batch = waiting;
                waiting = spare;
                stop = closing;
            }
            if (!batch.isEmpty() || stop || store.hasUnsavedChanges()) {
                if (!batch.isEmpty()) {
                    lastSyncStart = System.nanoTime();
                }
                commit(batch, !batch.isEmpty() || stop);
            }
            batch.clear();
            spare = batch;
            lastCommit = System.nanoTime();
            if (stop) {
                return;
            }
            if (lastCommit - lastCompaction >= IDLE_COMMIT_NANOS) {
                lastCompaction = lastCommit;
                compact();
            }
            if (lastCommit - lastHousekeeping >= housekeepingNanos) {
                lastHousekeeping = lastCommit;
                runHousekeeping();
            }
        }
    }

    private void commit(ArrayList<DurabilityCallback> batch, boolean sync) {
        long start = System.nanoTime();
        boolean ok;
        try {
            store.commit();
            if (sync) {
                store.sync();
            }
            ok = true;
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "event=store-commit-failed waiting=" + batch.size(), e);
            ok = false;
        }
        if (!batch.isEmpty()) {
            observer.committed(batch.size(), System.nanoTime() - start);
        }
        for (DurabilityCallback callback : batch) {
            try {
                callback.stored(ok);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "event=store-callback-failed", e);
            }
        }
    }

    private void compact() {
        exclusive.lock();
        try {
            store.compact(TARGET_FILL_RATE, MAX_REWRITE_BYTES); // committed by the next loop
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "event=store-compact-failed", e);
        } finally {
            exclusive.unlock();
        }
    }

    private void runHousekeeping() {
        try {
            housekeeping.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "event=store-housekeeping-failed", e);
        }
    }

    private void waitQuietly(long nanos) {
        try {
            TimeUnit.NANOSECONDS.timedWait(lock, Math.max(nanos, 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing = true;
        }
    }

    /** Commits and syncs what is pending, tells its waiters, and stops the thread. */
    @Override
    public void close() {
        synchronized (lock) {
            closing = true;
            lock.notifyAll();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
