package org.parley.relay.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryMessageStoreTest extends MessageStoreContractTest {
    @Override
    protected MessageStore create(int maxPerUser, Duration ttl, MutableClock clock) {
        return new InMemoryMessageStore(maxPerUser, ttl, clock);
    }

    @Test
    void purgeDropsExpiredCopiesAndTheirCounts() throws Exception {
        InMemoryMessageStore s = new InMemoryMessageStore(1, TTL, clock);
        storeDurably(s, "alice", "m1", "x", List.of("bob", "carol"));
        clock.advance(TTL.plusSeconds(1));
        assertEquals(1, s.purgeExpired());
        assertEquals(0, s.depth());
        assertEquals(List.of(), storeDurably(s, "alice", "m2", "y", List.of("bob")), "the bound counts live copies only");
    }
}
