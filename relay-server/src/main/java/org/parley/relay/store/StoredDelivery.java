package org.parley.relay.store;

/**
 * One stored copy, as {@link MessageStore#queued} returns it.
 *
 * @param seq     the store's sequence number: increasing in store order; pass the last one seen as
 *                {@code afterSeq} to read on
 * @param deliver the UTF-8 {@code deliver} frame as first written; shared, never to be modified
 */
public record StoredDelivery(long seq, byte[] deliver) {
}
