package org.parley.relay.store;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The queue logic shared by the persistent and the in-memory store, over four concurrent maps, so both
 * behave alike and only durability differs:
 * <ul>
 *   <li>{@code messages}: seq → the {@code deliver} frame (stored once, however many recipients);</li>
 *   <li>{@code headers}: seq → {@code "from id r1 r2 …"}, the recipients it was stored for (names and
 *       ids never contain a space);</li>
 *   <li>{@code inbox}: {@code "recipient <16 hex digits of seq>"} → seq, ordered, so one user's copies
 *       are a contiguous key range in store order;</li>
 *   <li>{@code index}: {@code "recipient from id"} → seq, to find the copy an {@code ack} names.</li>
 * </ul>
 * A seq is {@code storeTimeMillis << 20 | counter} (strictly increasing, made so if the clock stalls or
 * steps back), so the expiry of a copy is read from its key. The body is written before the entries that
 * reference it: a crash between the two leaves an unreferenced body, which expiry removes. A body is
 * deleted when its last recipient acks it, or when it expires. Per-user counts live in memory (rebuilt
 * from {@code inbox} at start) and bound each queue before anything is written.
 *
 * <p>Threading: thread-safe without locks; each map operation is atomic, and a body whose recipients
 * ack concurrently is deleted by at least one of them.
 */
abstract class MapMessageStore implements MessageStore {
    static final int COUNTER_BITS = 20;

    private final ConcurrentMap<Long, byte[]> messages;
    private final ConcurrentMap<Long, String> headers;
    private final ConcurrentMap<String, Long> inbox;
    private final ConcurrentMap<String, Long> index;
    private final ConcurrentHashMap<String, AtomicInteger> perUser = new ConcurrentHashMap<>();
    private final AtomicLong depth = new AtomicLong();
    private final AtomicLong lastSeq = new AtomicLong();
    private final int maxPerUser;
    private final long ttlMillis;
    private final Clock clock;

    MapMessageStore(ConcurrentMap<Long, byte[]> messages, ConcurrentMap<Long, String> headers,
            ConcurrentMap<String, Long> inbox, ConcurrentMap<String, Long> index, int maxPerUser, Duration ttl,
            Clock clock) {
        this.messages = messages;
        this.headers = headers;
        this.inbox = inbox;
        this.index = index;
        this.maxPerUser = maxPerUser;
        this.ttlMillis = ttl.toMillis();
        this.clock = clock;
    }

    /** The {@code inbox} keys from {@code key} on, ascending. */
    abstract Iterator<String> inboxKeysFrom(String key);

    /** The {@code headers} keys, ascending. */
    abstract Iterator<Long> headerKeys();

    /** Arranges for {@code callback} once everything written so far is durable. */
    abstract void whenDurable(DurabilityCallback callback);

    /** Rebuilds the in-memory counts from the maps; call once before use. */
    final void recover() {
        for (Iterator<String> it = inboxKeysFrom(""); it.hasNext();) {
            String key = it.next();
            counter(key.substring(0, key.length() - 17)).incrementAndGet();
            depth.incrementAndGet();
        }
        Iterator<Long> seqs = headerKeys();
        long last = 0;
        while (seqs.hasNext()) {
            last = seqs.next(); // ascending: ends at the largest
        }
        lastSeq.set(last);
    }

    @Override
    public final List<String> store(String from, String id, byte[] deliver, List<String> recipients,
            DurabilityCallback whenDurable) {
        List<String> full = List.of();
        List<String> accepted = new ArrayList<>(recipients.size());
        StringBuilder header = new StringBuilder(from.length() + id.length() + 34 * recipients.size())
                .append(from).append(' ').append(id);
        for (String r : recipients) {
            if (index.containsKey(indexKey(r, from, id))) {
                continue; // a resend: the first copy stands
            }
            if (!reserve(r)) {
                full = full.isEmpty() ? new ArrayList<>(2) : full;
                full.add(r);
                continue;
            }
            accepted.add(r);
            header.append(' ').append(r);
        }
        if (!accepted.isEmpty()) {
            long seq = nextSeq();
            headers.put(seq, header.toString());
            messages.put(seq, deliver);
            for (String r : accepted) {
                inbox.put(inboxKey(r, seq), seq);
                index.put(indexKey(r, from, id), seq);
            }
        }
        whenDurable(whenDurable);
        return full;
    }

    @Override
    public final boolean ack(String recipient, String from, String id) {
        Long seq = index.remove(indexKey(recipient, from, id));
        if (seq == null) {
            return false;
        }
        if (inbox.remove(inboxKey(recipient, seq)) != null) {
            release(recipient);
        }
        dropIfUnreferenced(seq);
        return true;
    }

    @Override
    public final List<StoredDelivery> queued(String recipient, long afterSeq, int max) {
        List<StoredDelivery> out = new ArrayList<>(Math.min(max, 16));
        long oldest = expiryCutoff();
        int n = recipient.length();
        for (Iterator<String> it = inboxKeysFrom(inboxKey(recipient, afterSeq + 1)); it.hasNext() && out.size() < max;) {
            String key = it.next();
            if (key.length() != n + 17 || key.charAt(n) != ' ' || !key.startsWith(recipient)) {
                break; // past this user's range
            }
            long seq = Long.parseUnsignedLong(key, n + 1, n + 17, 16);
            byte[] deliver = seq < oldest ? null : messages.get(seq);
            if (deliver != null) {
                out.add(new StoredDelivery(seq, deliver));
            }
        }
        return out;
    }

    @Override
    public final long depth() {
        return depth.get();
    }

    /**
     * Deletes every copy stored before {@code --queue-ttl} ago.
     *
     * @return the number of messages (bodies) deleted
     */
    public final int purgeExpired() {
        long cutoff = expiryCutoff();
        int purged = 0;
        for (Iterator<Long> it = headerKeys(); it.hasNext();) {
            long seq = it.next();
            if (seq >= cutoff) {
                break;
            }
            String header = headers.get(seq);
            if (header != null) {
                String[] parts = header.split(" ");
                for (int i = 2; i < parts.length; i++) {
                    if (inbox.remove(inboxKey(parts[i], seq)) != null) {
                        release(parts[i]);
                    }
                    index.remove(indexKey(parts[i], parts[0], parts[1]), seq);
                }
            }
            messages.remove(seq);
            headers.remove(seq);
            purged++;
        }
        return purged;
    }

    private void dropIfUnreferenced(long seq) {
        String header = headers.get(seq);
        if (header == null) {
            return;
        }
        int start = header.indexOf(' ', header.indexOf(' ') + 1) + 1;
        while (start > 0 && start < header.length()) {
            int end = header.indexOf(' ', start);
            String r = header.substring(start, end < 0 ? header.length() : end);
            if (inbox.containsKey(inboxKey(r, seq))) {
                return; // someone still has it
            }
            start = end < 0 ? -1 : end + 1;
        }
        messages.remove(seq);
        headers.remove(seq);
    }

    private boolean reserve(String user) {
        AtomicInteger count = counter(user);
        for (int c = count.get(); c < maxPerUser; c = count.get()) {
            if (count.compareAndSet(c, c + 1)) {
                depth.incrementAndGet();
                return true;
            }
        }
        return false;
    }

    private void release(String user) {
        counter(user).decrementAndGet();
        depth.decrementAndGet();
    }

    private AtomicInteger counter(String user) {
        AtomicInteger c = perUser.get(user);
        return c != null ? c : perUser.computeIfAbsent(user, u -> new AtomicInteger());
    }

    private long nextSeq() {
        return lastSeq.accumulateAndGet(clock.millis() << COUNTER_BITS, (prev, now) -> Math.max(prev + 1, now));
    }

    private long expiryCutoff() {
        return Math.max(0, clock.millis() - ttlMillis) << COUNTER_BITS;
    }

    static String inboxKey(String recipient, long seq) {
        String hex = Long.toHexString(seq);
        return recipient + " " + "0".repeat(16 - hex.length()) + hex;
    }

    private static String indexKey(String recipient, String from, String id) {
        return recipient + ' ' + from + ' ' + id;
    }
}
