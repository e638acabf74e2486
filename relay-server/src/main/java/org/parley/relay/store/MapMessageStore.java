package org.parley.relay.store;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The queue logic shared by the persistent and the in-memory store, so both behave alike and only
 * durability differs. Two maps are the stored state, both keyed by seq, so a new message only appends:
 * <ul>
 *   <li>{@code messages}: seq → the {@code deliver} frame (stored once, however many recipients);</li>
 *   <li>{@code headers}: seq → {@code "from id r1 r2 …"}, the recipients that still hold a copy (names
 *       and ids never contain a space); an ack removes its recipient, the last one removes both entries.</li>
 * </ul>
 * Two lookup structures live in memory only and are rebuilt from {@code headers} at start:
 * <ul>
 *   <li>{@code inbox}: recipient → the seqs of its copies, ordered (store order);</li>
 *   <li>{@code index}: {@code "recipient from id"} → seq, to find the copy an {@code ack} names.</li>
 * </ul>
 * (Until format 2 these were stored maps too; keeping them in memory means a stored message costs two
 * appends at the end of seq-ordered maps instead of two more inserts at random places of string-keyed
 * maps, whose pages every commit rewrote.)
 *
 * <p>A seq is {@code storeTimeMillis << 20 | counter} (strictly increasing, made so if the clock stalls or
 * steps back), so the expiry of a copy is read from its key. The body is written before its header
 * (a commit may fall between the two): a crash there leaves a body without a header, which is never
 * read and which expiry removes; never a header without a body (whose recipients would block a resend
 * of that id as a duplicate). A body is deleted when its last recipient acks it, or when it expires. Per-user counts live in
 * memory and bound each queue before anything is written.
 *
 * <p><b>Held messages.</b> A message whose recipients were all online when it was sent may be
 * <em>held</em> in memory for up to the hold time instead of being written at once: if every recipient
 * acks it meanwhile, it is never written and its callback reports it settled (nothing left to lose:
 * each recipient has it); otherwise it is written and synced when its hold time is up (or when the
 * store closes, or when a resend names it), and its callback waits for that sync. Its callback is the
 * only thing that lets the relay answer {@code sent}, so a crash while a message is held loses nothing
 * the sender was told was accepted: the sender still has it and resends it after reconnecting. A
 * held message is in the queues and the ack lookup like a written one, so a recipient logging in
 * meanwhile gets it from its queue. At most {@value #MAX_HELD} messages are held; beyond that they are
 * written at once.
 *
 * <p>Threading: thread-safe; each map operation is atomic, and a header is changed only by atomic
 * replace, so concurrent acks of one message each remove their own recipient. A held message is
 * changed under its own lock, so an ack and its write cannot both win.
 */
abstract class MapMessageStore implements MessageStore {
    static final int COUNTER_BITS = 20;
    /** Bounds the memory of held messages: beyond this many, messages are written at once. */
    static final int MAX_HELD = 65_536;

    private final ConcurrentMap<Long, byte[]> messages;
    private final ConcurrentMap<Long, String> headers;
    private final ConcurrentHashMap<String, ConcurrentSkipListSet<Long>> inbox = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> index = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> perUser = new ConcurrentHashMap<>();
    private final AtomicLong depth = new AtomicLong();
    private final AtomicLong lastSeq = new AtomicLong();
    private final ConcurrentHashMap<Long, Held> held = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Long> heldOrder = new ConcurrentLinkedQueue<>(); // about due order
    private final int maxPerUser;
    private final long ttlMillis;
    private final long holdNanos;
    private final Clock clock;

    /** A message held in memory, not yet written (see the class comment). */
    private static final class Held {
        final byte[] deliver;
        final long dueNanos;
        String header; // guarded by this
        DurabilityCallback callback; // guarded by this
        boolean settled; // guarded by this: written, or acked by every recipient

        Held(byte[] deliver, String header, DurabilityCallback callback, long dueNanos) {
            this.deliver = deliver;
            this.header = header;
            this.callback = callback;
            this.dueNanos = dueNanos;
        }
    }

    /**
     * @param hold how long a message to recipients who are all online may stay in memory waiting for their
     *             acks before it is written; zero writes every message at once
     */
    MapMessageStore(ConcurrentMap<Long, byte[]> messages, ConcurrentMap<Long, String> headers, int maxPerUser,
            Duration ttl, Duration hold, Clock clock) {
        this.messages = messages;
        this.headers = headers;
        this.maxPerUser = maxPerUser;
        this.ttlMillis = ttl.toMillis();
        this.holdNanos = hold.toNanos();
        this.clock = clock;
    }

    /** The {@code headers} keys, ascending. */
    abstract Iterator<Long> headerKeys();

    /** The {@code messages} keys, ascending. */
    abstract Iterator<Long> messageKeys();

    /** Arranges for {@code callback} once everything written so far is durable. */
    abstract void whenDurable(DurabilityCallback callback);

    /** Told that a held message was acked by all its recipients and will never be written (metrics). */
    void settledInMemory() {
    }

    /** Rebuilds the in-memory lookups and counts from {@code headers}; call once before use. */
    final void recover() {
        long last = 0;
        for (Iterator<Long> it = headerKeys(); it.hasNext();) {
            long seq = it.next(); // ascending: ends at the largest
            last = seq;
            String header = headers.get(seq);
            if (header == null) {
                continue;
            }
            String[] parts = header.split(" ");
            for (int i = 2; i < parts.length; i++) {
                queue(parts[i]).add(seq);
                index.put(indexKey(parts[i], parts[0], parts[1]), seq);
                counter(parts[i]).incrementAndGet();
                depth.incrementAndGet();
            }
        }
        lastSeq.set(last);
    }

    @Override
    public final List<String> store(String from, String id, byte[] deliver, List<String> recipients,
            DurabilityCallback whenDurable) {
        return store(from, id, deliver, recipients, false, whenDurable);
    }

    @Override
    public final List<String> store(String from, String id, byte[] deliver, List<String> recipients,
            boolean recipientsOnline, DurabilityCallback whenDurable) {
        List<String> full = List.of();
        List<String> accepted = new ArrayList<>(recipients.size());
        StringBuilder header = new StringBuilder(from.length() + id.length() + 34 * recipients.size())
                .append(from).append(' ').append(id);
        for (String r : recipients) {
            Long first = index.get(indexKey(r, from, id));
            if (first != null) {
                // A resend: the first copy stands, but it must be durable before this call's callback.
                writeHeld(first);
                continue;
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
            // the bound is approximate under concurrency (a few over at most), which is all it needs to be
            boolean hold = recipientsOnline && holdNanos > 0 && held.size() < MAX_HELD;
            if (hold) {
                held.put(seq, new Held(deliver, header.toString(), whenDurable, System.nanoTime() + holdNanos));
                heldOrder.add(seq);
            } else {
                messages.put(seq, deliver);
                headers.put(seq, header.toString());
            }
            for (String r : accepted) {
                queue(r).add(seq);
                index.put(indexKey(r, from, id), seq);
            }
            if (hold) {
                return full; // the callback runs when all recipients acked it or when it is written
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
        if (dequeue(recipient, seq)) {
            release(recipient);
        }
        removeRecipient(seq, recipient);
        return true;
    }

    @Override
    public final List<StoredDelivery> queued(String recipient, long afterSeq, int max) {
        List<StoredDelivery> out = new ArrayList<>(Math.min(max, 16));
        long oldest = expiryCutoff();
        ConcurrentSkipListSet<Long> queue = inbox.get(recipient);
        if (queue == null) {
            return out;
        }
        for (Iterator<Long> it = queue.tailSet(afterSeq + 1).iterator(); it.hasNext() && out.size() < max;) {
            long seq = it.next();
            byte[] deliver = seq < oldest ? null : body(seq);
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
            String header = headers.remove(seq);
            if (header != null) {
                String[] parts = header.split(" ");
                for (int i = 2; i < parts.length; i++) {
                    if (dequeue(parts[i], seq)) {
                        release(parts[i]);
                    }
                    index.remove(indexKey(parts[i], parts[0], parts[1]), seq);
                }
            }
            messages.remove(seq);
            purged++;
        }
        for (Iterator<Long> it = messageKeys(); it.hasNext();) { // bodies whose header a crash lost
            long seq = it.next();
            if (seq >= cutoff) {
                break;
            }
            messages.remove(seq);
        }
        return purged;
    }

    /**
     * Writes the held messages whose hold time is up ({@code all}: every held message, when closing), and
     * arranges for their callbacks after the sync that makes them durable.
     *
     * @return how many were written
     */
    final int writeDue(boolean all) {
        int written = 0;
        long now = System.nanoTime();
        for (Long seq; (seq = heldOrder.peek()) != null;) {
            Held h = held.get(seq);
            if (h != null && !all && now - h.dueNanos < 0) {
                break;
            }
            heldOrder.poll();
            if (h != null && write(seq, h)) {
                written++;
            }
        }
        return written;
    }

    /** Held messages not yet written nor acked by all their recipients (tests, metrics). */
    final int held() {
        return held.size();
    }

    private void writeHeld(long seq) {
        Held h = held.get(seq);
        if (h != null) {
            write(seq, h);
        }
    }

    /**
     * Writes held message {@code seq} unless it was settled already (false then). If the write fails, its
     * callback reports the failure, as a failed commit would: the relay closes the sender's connection
     * and the sender resends.
     */
    private boolean write(long seq, Held h) {
        DurabilityCallback callback;
        RuntimeException failure = null;
        synchronized (h) {
            if (h.settled) {
                return false;
            }
            h.settled = true;
            callback = h.callback;
            try {
                // body before header, as in store; both before the message leaves `held`, so readers find it
                messages.put(seq, h.deliver);
                headers.put(seq, h.header);
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        held.remove(seq);
        if (failure != null) {
            callback.stored(false);
            throw failure;
        }
        whenDurable(callback);
        return true;
    }

    private byte[] body(long seq) {
        Held h = held.get(seq);
        return h != null ? h.deliver : messages.get(seq);
    }

    /** Removes {@code recipient} from the header of {@code seq}; deletes the message after its last one. */
    private void removeRecipient(long seq, String recipient) {
        Held h = held.get(seq);
        if (h != null) {
            DurabilityCallback settled = null;
            synchronized (h) {
                if (!h.settled) {
                    String updated = without(h.header, recipient);
                    if (updated != null) {
                        h.header = updated;
                    }
                    if (h.header.indexOf(' ', h.header.indexOf(' ') + 1) < 0) { // "from id": nobody left
                        h.settled = true;
                        settled = h.callback;
                    } else {
                        return;
                    }
                }
            }
            if (settled != null) {
                held.remove(seq);
                settledInMemory();
                settled.stored(true); // every recipient has it: nothing left to make durable
                return;
            }
            // written meanwhile: fall through to the written header
        }
        while (true) {
            String header = headers.get(seq);
            if (header == null) {
                return; // expired meanwhile
            }
            String updated = without(header, recipient);
            if (updated == null) {
                return; // not (or no longer) listed
            }
            if (updated.indexOf(' ', updated.indexOf(' ') + 1) < 0) { // "from id": nobody left
                if (headers.remove(seq, header)) {
                    messages.remove(seq);
                    return;
                }
            } else if (headers.replace(seq, header, updated)) {
                return;
            }
        }
    }

    /** {@code header} without the recipient {@code r}, or null if it does not list it. */
    static String without(String header, String r) {
        int start = header.indexOf(' ', header.indexOf(' ') + 1) + 1;
        while (start > 0 && start < header.length()) {
            int end = header.indexOf(' ', start);
            int stop = end < 0 ? header.length() : end;
            if (stop - start == r.length() && header.startsWith(r, start)) {
                return end < 0 ? header.substring(0, start - 1) : header.substring(0, start) + header.substring(end + 1);
            }
            start = end < 0 ? -1 : end + 1;
        }
        return null;
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

    private ConcurrentSkipListSet<Long> queue(String user) {
        ConcurrentSkipListSet<Long> q = inbox.get(user);
        return q != null ? q : inbox.computeIfAbsent(user, u -> new ConcurrentSkipListSet<>());
    }

    private boolean dequeue(String user, long seq) {
        ConcurrentSkipListSet<Long> q = inbox.get(user);
        return q != null && q.remove(seq);
    }

    private static String indexKey(String recipient, String from, String id) {
        return recipient + ' ' + from + ' ' + id;
    }
}
