package org.parley.relay.store;

import java.util.List;

/**
 * The offline queue of store and forward (PROTOCOL.md §3, "Store and forward"): every direct message is
 * kept for each registered recipient until that recipient {@linkplain #ack acks} it or it expires.
 * A stored message is the encoded {@code deliver} frame exactly as the relay first wrote it (relay-stamped
 * {@code from} and {@code ts}); the store never parses, decodes or logs it.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>{@link #store}'s callback reports success only once every copy it accepted is durable (on disk and
 *       synced for a persistent store) or, for copies held in memory on the hint that their recipients
 *       are online, acked by every recipient; the relay answers {@code sent} only then.</li>
 *   <li>Copies are per recipient and bounded per recipient; what does not fit is refused, never evicted.</li>
 *   <li>{@link #queued} returns a recipient's copies oldest first, never expired ones.</li>
 *   <li>Storing the same {@code (recipient, from, id)} again keeps the first copy (a client resending a
 *       message whose {@code sent} it missed does not duplicate it).</li>
 * </ul>
 *
 * <p>Threading: implementations are thread-safe; the relay calls them from every event loop. No method
 * blocks for a disk sync: {@link #store} returns once the copies are in memory, and durability is
 * reported through the callback, possibly on another thread.
 */
public interface MessageStore extends AutoCloseable {
    /**
     * Stores {@code deliver} for each of {@code recipients} whose queue has room.
     *
     * @param from       the authenticated sender
     * @param id         the message id
     * @param deliver    the UTF-8 {@code deliver} frame; the store keeps this array, the caller must not
     *                   change it afterwards
     * @param recipients registered users other than the sender, distinct
     * @param whenDurable called exactly once, on an arbitrary thread, when the accepted copies are durable
     *                    (or could not be stored); must not block
     * @return the recipients refused because their queue holds {@code --max-queued-per-user} messages
     */
    List<String> store(String from, String id, byte[] deliver, List<String> recipients,
            DurabilityCallback whenDurable);

    /**
     * Like {@link #store(String, String, byte[], List, DurabilityCallback)}, with a hint: when
     * {@code recipientsOnline}, every recipient was online as the message was sent and is likely to ack it
     * within moments, so the store may hold the copies in memory for a short while instead of writing
     * them at once. The callback then reports success either when every recipient has acked (nothing is
     * left that could be lost) or once the copies are durable; never before. The default ignores the hint.
     */
    default List<String> store(String from, String id, byte[] deliver, List<String> recipients,
            boolean recipientsOnline, DurabilityCallback whenDurable) {
        return store(from, id, deliver, recipients, whenDurable);
    }

    /**
     * Deletes {@code recipient}'s copy of message {@code id} from {@code from}.
     *
     * @return whether a copy was stored (an ack for nothing stored is ignored by the caller)
     */
    boolean ack(String recipient, String from, String id);

    /** Up to {@code max} unexpired copies for {@code recipient} stored after {@code afterSeq}, oldest first. */
    List<StoredDelivery> queued(String recipient, long afterSeq, int max);

    /** Copies stored for all recipients together (a gauge; weakly consistent). */
    long depth();

    /** Makes everything stored durable and releases the store; idempotent. */
    @Override
    void close();
}
