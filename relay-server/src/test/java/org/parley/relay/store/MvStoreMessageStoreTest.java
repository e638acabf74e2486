package org.parley.relay.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MvStoreMessageStoreTest extends MessageStoreContractTest {
    @TempDir
    Path dir;
    private int stores;

    @Override
    protected MessageStore create(int maxPerUser, Duration ttl, MutableClock clock) {
        try {
            Path d = dir.resolve("s" + stores++);
            Files.createDirectories(d);
            return MvStoreMessageStore.open(d, maxPerUser, ttl, clock, CommitObserver.NONE);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void copiesCountsAndOrderSurviveReopeningAndTheFileIsOwnerOnly() throws Exception {
        try (MessageStore s = MvStoreMessageStore.open(dir, 3, TTL, clock, CommitObserver.NONE)) {
            storeDurably(s, "alice", "m1", "one", List.of("bob"));
            storeDurably(s, "alice", "m2", "two", List.of("bob"));
            s.ack("bob", "alice", "m1");
        }
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve(MvStoreMessageStore.FILE_NAME))));
        }
        try (MessageStore s = MvStoreMessageStore.open(dir, 3, TTL, clock, CommitObserver.NONE)) {
            assertEquals(1, s.depth());
            storeDurably(s, "carol", "m3", "three", List.of("bob"));
            assertEquals(List.of("two", "three"), texts(s.queued("bob", 0, 10)), "later stores sort after earlier ones");
            storeDurably(s, "carol", "m4", "four", List.of("bob"));
            assertEquals(List.of("bob"), storeDurably(s, "carol", "m5", "five", List.of("bob")), "bound rebuilt");
        }
    }

    @Test
    void aFileOfTheOldFourMapFormatIsRefused() throws Exception {
        org.h2.mvstore.MVStore old = new org.h2.mvstore.MVStore.Builder()
                .fileName(dir.resolve(MvStoreMessageStore.FILE_NAME).toString()).open();
        old.openMap("messages");
        old.openMap("inbox");
        old.close();
        StoreException e = assertThrows(StoreException.class,
                () -> MvStoreMessageStore.open(dir, 3, TTL, clock, CommitObserver.NONE));
        assertTrue(e.getMessage().contains("format 1"), e.getMessage());
    }

    @Test
    void acksOfAllRecipientsSurviveReopening() throws Exception {
        try (MessageStore s = MvStoreMessageStore.open(dir, 3, TTL, clock, CommitObserver.NONE)) {
            storeDurably(s, "alice", "m1", "one", List.of("bob", "carol", "dave"));
            s.ack("carol", "alice", "m1");
        }
        try (MessageStore s = MvStoreMessageStore.open(dir, 3, TTL, clock, CommitObserver.NONE)) {
            assertEquals(2, s.depth());
            assertTrue(s.queued("carol", 0, 10).isEmpty());
            assertEquals(List.of("one"), texts(s.queued("dave", 0, 10)));
            assertTrue(s.ack("bob", "alice", "m1"));
            assertTrue(s.ack("dave", "alice", "m1"));
            assertEquals(0, s.depth());
        }
        try (MessageStore s = MvStoreMessageStore.open(dir, 3, TTL, clock, CommitObserver.NONE)) {
            assertEquals(0, s.depth());
        }
    }

    @Test
    void expiredCopiesArePurgedAtStart() throws Exception {
        try (MessageStore s = MvStoreMessageStore.open(dir, 3, TTL, clock, CommitObserver.NONE)) {
            storeDurably(s, "alice", "m1", "one", List.of("bob"));
        }
        clock.advance(TTL.plusSeconds(1));
        try (MessageStore s = MvStoreMessageStore.open(dir, 3, TTL, clock, CommitObserver.NONE)) {
            assertEquals(0, s.depth());
        }
    }

    @Test
    void groupCommitMakesManyConcurrentStoresDurableWithFewSyncs() throws Exception {
        int[] commits = new int[2];
        try (MessageStore s = MvStoreMessageStore.open(dir, 10_000, TTL, clock, (callbacks, nanos) -> {
            commits[0]++;
            commits[1] += callbacks;
        })) {
            int n = 2000;
            CountDownLatch durable = new CountDownLatch(n);
            for (int i = 0; i < n; i++) {
                s.store("alice", "m" + i, frame("x".repeat(600)), List.of("bob"), ok -> durable.countDown());
            }
            assertTrue(durable.await(30, TimeUnit.SECONDS));
        }
        assertEquals(2000, commits[1]);
        assertTrue(commits[0] < 2000, "batched into " + commits[0] + " commits");
    }

    @Test
    void aCommitIntervalLetsMessagesOfOneIntervalShareOneSync() throws Exception {
        List<Integer> batches = new java.util.concurrent.CopyOnWriteArrayList<>();
        Duration interval = Duration.ofMillis(300);
        try (MessageStore s = MvStoreMessageStore.open(dir, 100, TTL, clock, (callbacks, nanos) -> batches.add(callbacks),
                interval, Duration.ZERO)) {
            CountDownLatch first = new CountDownLatch(1);
            long t0 = System.nanoTime();
            s.store("alice", "m0", frame("x"), List.of("bob"), ok -> first.countDown());
            assertTrue(first.await(5, TimeUnit.SECONDS));
            long firstMillis = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(firstMillis < 250, "the first message of a quiet period is synced at once: " + firstMillis + " ms");
            CountDownLatch rest = new CountDownLatch(5);
            for (int i = 1; i <= 5; i++) {
                s.store("alice", "m" + i, frame("x"), List.of("bob"), ok -> rest.countDown());
                Thread.sleep(10); // a trickle: without the interval, each could get a sync of its own
            }
            assertTrue(rest.await(5, TimeUnit.SECONDS));
            long restMillis = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(restMillis >= 290, "the trickle waited for the interval: " + restMillis + " ms");
        }
        assertEquals(List.of(1, 5), batches.subList(0, 2), "one sync for the first, one for the trickle: " + batches);
    }

    @Test
    void theFileStaysSmallWhenMessagesAreAckedSoonAfterStoring() throws Exception {
        // 3 s of store-then-ack churn with 1 KiB messages, a commit and sync each, nothing left queued. Dead
        // chunks may be reused after the retention time (here 200 ms), so the file holds about 200 ms of
        // chunks (~5 MB here); with MVStore's default of 45 s the same churn left a 77 MB file.
        long written = 0;
        try (MvStoreMessageStore s = MvStoreMessageStore.open(dir, 100, TTL, clock, CommitObserver.NONE, Duration.ZERO,
                Duration.ZERO, Duration.ofMillis(200))) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            for (int i = 0; System.nanoTime() < end && written < 20_000_000; i++) {
                CountDownLatch durable = new CountDownLatch(1);
                byte[] deliver = frame("x".repeat(1024));
                s.store("alice", "m" + i, deliver, List.of("bob"), ok -> durable.countDown());
                assertTrue(durable.await(5, TimeUnit.SECONDS));
                assertTrue(s.ack("bob", "alice", "m" + i));
                written += deliver.length;
            }
            assertEquals(0, s.depth());
        }
        long size = Files.size(dir.resolve(MvStoreMessageStore.FILE_NAME));
        assertTrue(written > 1_000_000, "churned " + written + " bytes");
        assertTrue(size < 16_000_000, "file " + size + " bytes after churning " + written);
    }

    // --- held messages (--write-behind) ---

    private static final Duration LONG_HOLD = Duration.ofSeconds(30);

    /** Counts the held messages acked before they were written. */
    private static final class Observer implements CommitObserver {
        final java.util.concurrent.atomic.AtomicInteger settled = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger committed = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void committed(int callbacks, long nanos) {
            committed.addAndGet(callbacks);
        }

        @Override
        public void settledInMemory() {
            settled.incrementAndGet();
        }
    }

    @Test
    void aHeldMessageAckedByEveryRecipientSettlesWithoutBeingWritten() throws Exception {
        Observer observer = new Observer();
        java.util.concurrent.CompletableFuture<Boolean> sent = new java.util.concurrent.CompletableFuture<>();
        try (MvStoreMessageStore s = MvStoreMessageStore.open(dir, 3, TTL, clock, observer, Duration.ZERO, LONG_HOLD)) {
            s.store("alice", "m1", frame("one"), List.of("bob", "carol"), true, sent::complete);
            assertEquals(1, s.held());
            assertEquals(List.of("one"), texts(s.queued("bob", 0, 10)), "a held message is queued like a written one");
            assertEquals(2, s.depth());
            assertTrue(s.ack("bob", "alice", "m1"));
            assertFalse(sent.isDone(), "carol has not acked: the message could still be lost");
            assertTrue(s.ack("carol", "alice", "m1"));
            assertEquals(Boolean.TRUE, sent.getNow(null), "settled at the last ack, on the acking thread");
            assertEquals(0, s.held());
            assertEquals(0, s.depth());
            assertFalse(s.ack("carol", "alice", "m1"), "a repeated ack finds nothing");
        }
        assertEquals(1, observer.settled.get());
        assertEquals(0, observer.committed.get(), "nothing was waiting for a sync");
        try (MessageStore s = MvStoreMessageStore.open(dir, 3, TTL, clock, CommitObserver.NONE)) {
            assertEquals(0, s.depth());
        }
    }

    @Test
    void aHeldMessageNotAckedByAllIsWrittenAndSyncedWhenDueForThoseWhoHaveNotAcked() throws Exception {
        Duration hold = Duration.ofMillis(300);
        CountDownLatch sent = new CountDownLatch(1);
        long t0 = System.nanoTime();
        long[] sentAfter = new long[1];
        try (MvStoreMessageStore s = MvStoreMessageStore.open(dir, 3, TTL, clock, CommitObserver.NONE, Duration.ZERO, hold)) {
            s.store("alice", "m1", frame("one"), List.of("bob", "carol"), true, ok -> {
                sentAfter[0] = (System.nanoTime() - t0) / 1_000_000;
                sent.countDown();
            });
            assertTrue(s.ack("bob", "alice", "m1"));
            assertTrue(sent.await(5, TimeUnit.SECONDS));
            assertTrue(sentAfter[0] >= 290, "written when due, not before: " + sentAfter[0] + " ms");
            assertEquals(0, s.held());
        }
        try (MessageStore s = MvStoreMessageStore.open(dir, 3, TTL, clock, CommitObserver.NONE)) {
            assertTrue(s.queued("bob", 0, 10).isEmpty(), "bob's ack before the write counts");
            assertEquals(List.of("one"), texts(s.queued("carol", 0, 10)));
            assertTrue(s.ack("carol", "alice", "m1"));
        }
    }

    @Test
    void closingWritesAndSyncsEveryHeldMessage() throws Exception {
        java.util.concurrent.CompletableFuture<Boolean> sent = new java.util.concurrent.CompletableFuture<>();
        try (MvStoreMessageStore s = MvStoreMessageStore.open(dir, 3, TTL, clock, CommitObserver.NONE, Duration.ZERO, LONG_HOLD)) {
            s.store("alice", "m1", frame("one"), List.of("bob"), true, sent::complete);
            assertFalse(sent.isDone());
        }
        assertEquals(Boolean.TRUE, sent.getNow(null), "durable by the time close returns");
        try (MessageStore s = MvStoreMessageStore.open(dir, 3, TTL, clock, CommitObserver.NONE)) {
            assertEquals(List.of("one"), texts(s.queued("bob", 0, 10)));
        }
    }

    @Test
    void aResendOfAHeldMessageWritesItBeforeTheResendIsReportedDurable() throws Exception {
        java.util.concurrent.CompletableFuture<Boolean> first = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<Boolean> resend = new java.util.concurrent.CompletableFuture<>();
        try (MvStoreMessageStore s = MvStoreMessageStore.open(dir, 3, TTL, clock, CommitObserver.NONE, Duration.ZERO, LONG_HOLD)) {
            s.store("alice", "m1", frame("one"), List.of("bob"), true, first::complete);
            s.store("alice", "m1", frame("one"), List.of("bob"), true, resend::complete);
            assertEquals(Boolean.TRUE, resend.get(5, TimeUnit.SECONDS));
            assertEquals(Boolean.TRUE, first.get(5, TimeUnit.SECONDS), "the first copy was written with it");
            assertEquals(0, s.held());
            assertEquals(1, s.depth(), "still one copy");
        }
        try (MessageStore s = MvStoreMessageStore.open(dir, 3, TTL, clock, CommitObserver.NONE)) {
            assertEquals(List.of("one"), texts(s.queued("bob", 0, 10)));
        }
    }

    @Test
    void withoutTheOnlineHintOrWithoutAHoldTimeMessagesAreWrittenAtOnce() throws Exception {
        try (MvStoreMessageStore s = MvStoreMessageStore.open(dir, 3, TTL, clock, CommitObserver.NONE, Duration.ZERO, LONG_HOLD)) {
            storeDurably(s, "alice", "m1", "one", List.of("bob"));
            assertEquals(0, s.held());
        }
        try (MvStoreMessageStore s = MvStoreMessageStore.open(dir, 3, TTL, clock, CommitObserver.NONE, Duration.ZERO, Duration.ZERO)) {
            CountDownLatch sent = new CountDownLatch(1);
            s.store("alice", "m2", frame("two"), List.of("bob"), true, ok -> sent.countDown());
            assertTrue(sent.await(5, TimeUnit.SECONDS));
            assertEquals(0, s.held());
        }
    }

    @Test
    void concurrentAcksAndDueWritesSettleEveryMessageExactlyOnce() throws Exception {
        // Messages due almost at once while another thread acks them: each callback runs exactly once, and
        // what was not acked by all is on disk afterwards.
        int n = 3000;
        java.util.concurrent.atomic.AtomicIntegerArray calls = new java.util.concurrent.atomic.AtomicIntegerArray(n);
        try (MvStoreMessageStore s = MvStoreMessageStore.open(dir, 10_000, TTL, clock, CommitObserver.NONE, Duration.ZERO,
                Duration.ofMillis(2))) {
            java.util.concurrent.atomic.AtomicInteger stored = new java.util.concurrent.atomic.AtomicInteger();
            Thread acker = new Thread(() -> {
                for (int i = 0; i < n; i++) {
                    while (stored.get() <= i) {
                        Thread.onSpinWait();
                    }
                    s.ack("bob", "alice", "m" + i);
                }
            });
            acker.start();
            for (int i = 0; i < n; i++) {
                int k = i;
                s.store("alice", "m" + i, frame("x"), List.of("bob", "carol"), true, ok -> calls.incrementAndGet(k));
                stored.incrementAndGet();
                s.ack("carol", "alice", "m" + i);
            }
            acker.join(30_000);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (s.held() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(0, s.held());
        }
        for (int i = 0; i < n; i++) {
            assertEquals(1, calls.get(i), "callback of m" + i);
        }
        try (MessageStore s = MvStoreMessageStore.open(dir, 10_000, TTL, clock, CommitObserver.NONE)) {
            assertEquals(0, s.depth(), "every copy was acked, written or not");
        }
    }

    @Test
    void aSecondOpenOfTheSameFileFails() throws Exception {
        try (MessageStore s = MvStoreMessageStore.open(dir, 3, TTL, clock, CommitObserver.NONE)) {
            StoreException e = assertThrows(StoreException.class,
                    () -> MvStoreMessageStore.open(dir, 3, TTL, clock, CommitObserver.NONE));
            assertTrue(e.getMessage().contains(MvStoreMessageStore.FILE_NAME), e.getMessage());
        }
    }

    @Test
    void purgeIntervalIsATenthOfTheTtlWithinBounds() {
        assertEquals(Duration.ofSeconds(1), MvStoreMessageStore.purgeInterval(Duration.ofMillis(300)));
        assertEquals(Duration.ofMinutes(6), MvStoreMessageStore.purgeInterval(Duration.ofHours(1)));
        assertEquals(Duration.ofMinutes(10), MvStoreMessageStore.purgeInterval(Duration.ofDays(7)));
    }
}
