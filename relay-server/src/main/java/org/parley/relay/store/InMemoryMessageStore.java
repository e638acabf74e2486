package org.parley.relay.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A {@link MessageStore} that forgets everything when the relay stops; for handler unit tests. It
 * behaves like {@link MvStoreMessageStore} (same queue logic) except that "durable" means "in memory":
 * the callback of {@link #store} runs at once, on the calling thread.
 *
 * <p>Threading: thread-safe.
 */
public final class InMemoryMessageStore extends MapMessageStore {
    private final ConcurrentSkipListMap<Long, String> headers;
    private final ConcurrentSkipListMap<String, Long> inbox;

    public InMemoryMessageStore(int maxPerUser, Duration ttl, Clock clock) {
        this(new ConcurrentSkipListMap<>(), new ConcurrentSkipListMap<>(), maxPerUser, ttl, clock);
    }

    private InMemoryMessageStore(ConcurrentSkipListMap<Long, String> headers, ConcurrentSkipListMap<String, Long> inbox,
            int maxPerUser, Duration ttl, Clock clock) {
        super(new ConcurrentHashMap<>(), headers, inbox, new ConcurrentHashMap<>(), maxPerUser, ttl, clock);
        this.headers = headers;
        this.inbox = inbox;
    }

    @Override
    Iterator<String> inboxKeysFrom(String key) {
        return inbox.tailMap(key).keySet().iterator();
    }

    @Override
    Iterator<Long> headerKeys() {
        return headers.keySet().iterator();
    }

    @Override
    void whenDurable(DurabilityCallback callback) {
        callback.stored(true);
    }

    @Override
    public void close() {
    }
}
