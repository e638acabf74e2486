package org.parley.relay.store;

/**
 * Told once whether the copies of one {@link MessageStore#store} call are durable.
 *
 * <p>Threading: called on an arbitrary thread (the store's writer thread for the MVStore store, the
 * caller's thread for the in-memory store); must not block.
 */
@FunctionalInterface
public interface DurabilityCallback {
    /** @param durable true once the copies are durable; false if they could not be stored */
    void stored(boolean durable);
}
