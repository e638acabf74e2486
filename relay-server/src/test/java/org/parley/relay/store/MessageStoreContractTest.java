package org.parley.relay.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What every {@link MessageStore} must do; each implementation's test subclasses this. */
public abstract class MessageStoreContractTest {
    static final Duration TTL = Duration.ofHours(1);
    final MutableClock clock = new MutableClock(1795000000000L);
    private final List<MessageStore> opened = new ArrayList<>();

    /** A fresh, empty store. */
    protected abstract MessageStore create(int maxPerUser, Duration ttl, MutableClock clock);

    MessageStore open(int maxPerUser) {
        MessageStore s = create(maxPerUser, TTL, clock);
        opened.add(s);
        return s;
    }

    @AfterEach
    void closeAll() {
        opened.forEach(MessageStore::close);
    }

    static byte[] frame(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Stores and waits until the store reports it durable. */
    static List<String> storeDurably(MessageStore s, String from, String id, String text, List<String> to)
            throws Exception {
        CompletableFuture<Boolean> durable = new CompletableFuture<>();
        List<String> full = s.store(from, id, frame(text), to, durable::complete);
        assertTrue(durable.get(10, TimeUnit.SECONDS), "durable");
        return full;
    }

    static List<String> texts(List<StoredDelivery> ds) {
        List<String> out = new ArrayList<>();
        ds.forEach(d -> out.add(new String(d.deliver(), StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    public final void returnsEachRecipientsCopiesOldestFirst() throws Exception {
        MessageStore s = open(10);
        storeDurably(s, "alice", "m1", "one", List.of("bob", "carol"));
        storeDurably(s, "carol", "m2", "two", List.of("bob"));
        storeDurably(s, "bob", "m3", "three", List.of("bob.x", "bo")); // neighbouring names stay apart
        assertEquals(List.of("one", "two"), texts(s.queued("bob", 0, 10)));
        assertEquals(List.of("one"), texts(s.queued("carol", 0, 10)));
        assertEquals(List.of("three"), texts(s.queued("bo", 0, 10)));
        assertEquals(List.of(), s.queued("dave", 0, 10));
        assertEquals(5, s.depth());
    }

    @Test
    public final void readsOnInPagesAfterTheLastSeq() throws Exception {
        MessageStore s = open(10);
        for (int i = 0; i < 5; i++) {
            storeDurably(s, "alice", "m" + i, "t" + i, List.of("bob"));
        }
        List<StoredDelivery> first = s.queued("bob", 0, 2);
        assertEquals(List.of("t0", "t1"), texts(first));
        assertEquals(List.of("t2", "t3", "t4"), texts(s.queued("bob", first.get(1).seq(), 10)));
    }

    @Test
    public final void ackDeletesOnlyThatRecipientsCopy() throws Exception {
        MessageStore s = open(10);
        storeDurably(s, "alice", "m1", "one", List.of("bob", "carol"));
        assertTrue(s.ack("bob", "alice", "m1"));
        assertFalse(s.ack("bob", "alice", "m1"), "a repeat acks nothing");
        assertFalse(s.ack("carol", "mallory", "m1"), "the sender is part of the key");
        assertEquals(List.of(), s.queued("bob", 0, 10));
        assertEquals(List.of("one"), texts(s.queued("carol", 0, 10)));
        assertTrue(s.ack("carol", "alice", "m1"));
        assertEquals(0, s.depth());
    }

    @Test
    public final void aFullQueueRefusesUntilAnAckMakesRoom() throws Exception {
        MessageStore s = open(2);
        assertEquals(List.of(), storeDurably(s, "alice", "m1", "one", List.of("bob")));
        assertEquals(List.of(), storeDurably(s, "alice", "m2", "two", List.of("bob")));
        assertEquals(List.of("bob"), storeDurably(s, "alice", "m3", "three", List.of("bob", "carol")));
        assertEquals(List.of("one", "two"), texts(s.queued("bob", 0, 10)));
        assertEquals(List.of("three"), texts(s.queued("carol", 0, 10)));
        s.ack("bob", "alice", "m1");
        assertEquals(List.of(), storeDurably(s, "alice", "m4", "four", List.of("bob")));
    }

    @Test
    public final void aResendKeepsTheFirstCopy() throws Exception {
        MessageStore s = open(10);
        storeDurably(s, "alice", "m1", "first", List.of("bob"));
        storeDurably(s, "alice", "m1", "second", List.of("bob"));
        assertEquals(List.of("first"), texts(s.queued("bob", 0, 10)));
        assertEquals(1, s.depth());
    }

    @Test
    public final void keepsTheBytesAsGiven() throws Exception {
        MessageStore s = open(10);
        byte[] bytes = frame("{\"type\":\"deliver\",\"body\":\"\u00e9\u4e2d\"}");
        storeDurably(s, "alice", "m1", new String(bytes, StandardCharsets.UTF_8), List.of("bob"));
        assertArrayEquals(bytes, s.queued("bob", 0, 1).get(0).deliver());
    }

    @Test
    public final void expiredCopiesAreNeverReturned() throws Exception {
        MessageStore s = open(10);
        storeDurably(s, "alice", "old", "old", List.of("bob"));
        clock.advance(TTL.minusMinutes(1));
        storeDurably(s, "alice", "new", "new", List.of("bob"));
        clock.advance(Duration.ofMinutes(2));
        assertEquals(List.of("new"), texts(s.queued("bob", 0, 10)));
    }

    @Test
    public final void concurrentStoresNeverExceedTheBound() throws Exception {
        MessageStore s = open(50);
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        refused.addAndGet(s.store("u" + thread, "m" + i, frame("x"), List.of("bob"), ok -> { }).size());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(110, refused.get());
        assertEquals(50, s.queued("bob", 0, 1000).size());
        assertEquals(50, s.depth());
    }
}
