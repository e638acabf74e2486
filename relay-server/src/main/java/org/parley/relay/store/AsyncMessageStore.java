package org.parley.relay.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link MessageStore} whose bounds are checked where the copies are kept (a shared store of a
 * relay cluster), so the refused recipients are known only once the store has answered.
 *
 * <p>Threading: thread-safe; {@link #storeAsync} and {@link #ackAsync} never block.
 */
public interface AsyncMessageStore extends MessageStore {
    /**
     * Stores {@code deliver} for each of {@code recipients} whose queue has room, as {@link #store} does.
     *
     * @return completes, on an arbitrary thread, once the accepted copies are durable, with the recipients
     *         refused for a full queue; completes exceptionally if nothing could be stored
     */
    CompletableFuture<List<String>> storeAsync(String from, String id, byte[] deliver, List<String> recipients);

    /** As {@link #ack}; completes with whether a copy was stored (exceptionally if the store failed). */
    CompletableFuture<Boolean> ackAsync(String recipient, String from, String id);
}
