package org.parley.relay.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every {@link UserRegistry} must do; each implementation's test subclasses this. */
public abstract class UserRegistryContractTest {
    static final byte[] KEY_A = key(1);
    static final byte[] KEY_B = key(2);

    protected abstract UserRegistry registry();

    static byte[] key(int fill) {
        byte[] k = new byte[44];
        java.util.Arrays.fill(k, (byte) fill);
        return k;
    }

    @Test
    public final void firstBindWinsForGood() throws Exception {
        UserRegistry r = registry();
        assertTrue(r.find("alice").isEmpty());
        RegisteredUser bound = r.bind("alice", KEY_A, 100);
        assertTrue(bound.hasIdentityKey(KEY_A));
        RegisteredUser again = r.bind("alice", KEY_B, 200);
        assertTrue(again.hasIdentityKey(KEY_A), "a second key never replaces the first");
        assertFalse(again.hasIdentityKey(KEY_B));
        assertEquals(100, again.firstSeen());
        assertArrayEquals(KEY_A, r.find("alice").orElseThrow().identityKey());
        assertTrue(r.find("Alice").isEmpty(), "names are case-sensitive");
    }

    @Test
    public final void theKeyArrayIsCopied() throws Exception {
        UserRegistry r = registry();
        byte[] key = key(3);
        r.bind("bob", key, 1);
        key[0] = 9;
        assertTrue(r.find("bob").orElseThrow().hasIdentityKey(key(3)));
        r.find("bob").orElseThrow().identityKey()[0] = 9;
        assertTrue(r.find("bob").orElseThrow().hasIdentityKey(key(3)));
    }

    @Test
    public final void concurrentFirstLoginsAgreeOnOneKey() throws Exception {
        UserRegistry r = registry();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<RegisteredUser>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                byte[] k = key(10 + i);
                results.add(pool.submit(() -> r.bind("carol", k, 1)));
            }
            byte[] winner = r.find("carol").orElseThrow().identityKey();
            for (Future<RegisteredUser> f : results) {
                assertTrue(f.get().hasIdentityKey(winner));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
