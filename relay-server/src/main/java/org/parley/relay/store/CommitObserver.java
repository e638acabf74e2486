package org.parley.relay.store;

/**
 * Learns about each group commit of a persistent store, for metrics.
 *
 * <p>Threading: {@link #committed} on the store's writer thread, {@link #settledInMemory} on the acking
 * connection's event loop; both must be fast and must not block.
 */
@FunctionalInterface
public interface CommitObserver {
    /** Does nothing. */
    CommitObserver NONE = (callbacks, nanos) -> { };

    /**
     * @param callbacks the {@link MessageStore#store} calls made durable by this commit
     * @param nanos     time spent in commit and file sync
     */
    void committed(int callbacks, long nanos);

    /** A message held in memory was acked by all its recipients and never written; on an event loop. */
    default void settledInMemory() {
    }
}
