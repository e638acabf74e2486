package org.parley.relay.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A {@link MessageStore} that forgets everything when the relay stops; for handler unit tests. It
 * behaves like {@link MvStoreMessageStore} (same queue logic) except that "durable" means "in memory":
 * the callback of {@link #store} runs at once, on the calling thread, and nothing is held.
 *
 * <p>Threading: thread-safe.
 */
public final class InMemoryMessageStore extends MapMessageStore {
    private final ConcurrentSkipListMap<Long, byte[]> messages;
    private final ConcurrentSkipListMap<Long, String> headers;

    public InMemoryMessageStore(int maxPerUser, Duration ttl, Clock clock) {
        this(new ConcurrentSkipListMap<>(), new ConcurrentSkipListMap<>(), maxPerUser, ttl, clock);
    }

    private InMemoryMessageStore(ConcurrentSkipListMap<Long, byte[]> messages,
            ConcurrentSkipListMap<Long, String> headers, int maxPerUser, Duration ttl, Clock clock) {
        super(messages, headers, maxPerUser, ttl, Duration.ZERO, clock);
        this.messages = messages;
        this.headers = headers;
    }

    @Override
    Iterator<Long> messageKeys() {
        return messages.keySet().iterator();
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
