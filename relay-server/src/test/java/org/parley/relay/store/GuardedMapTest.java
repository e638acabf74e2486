package org.parley.relay.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.junit.jupiter.api.Test;

class GuardedMapTest {
    @Test
    void mapOperationsWaitWhileTheExclusiveLockIsHeldAndRunTogetherOtherwise() throws Exception {
        ReentrantReadWriteLock guard = new ReentrantReadWriteLock();
        GuardedMap<Long, String> map = new GuardedMap<>(new ConcurrentHashMap<>(), guard.readLock());
        map.put(1L, "a");

        guard.writeLock().lock(); // as compaction does
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> map.get(1L));
        CompletableFuture<String> write = CompletableFuture.supplyAsync(() -> map.put(2L, "b"));
        Thread.sleep(200);
        assertFalse(read.isDone(), "a read waits for compaction to finish");
        assertFalse(write.isDone(), "a write waits for compaction to finish");
        guard.writeLock().unlock();
        assertEquals("a", read.get(5, TimeUnit.SECONDS));
        write.get(5, TimeUnit.SECONDS);

        guard.readLock().lock(); // another map operation in progress: others share the lock
        try {
            assertTrue(CompletableFuture.supplyAsync(() -> map.replace(2L, "b", "c")).get(5, TimeUnit.SECONDS));
        } finally {
            guard.readLock().unlock();
        }
        assertEquals("c", map.get(2L));
    }
}
