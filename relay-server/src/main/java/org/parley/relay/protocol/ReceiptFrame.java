package org.parley.relay.protocol;

/**
 * {@code receipt}: {@code user} acknowledged message {@code ref} (PROTOCOL.md §3.2), sent to the
 * message's sender.
 *
 * @param ref  the message id
 * @param user the recipient who acknowledged it
 * @param ts   relay time of the acknowledgement, ms since the epoch
 */
public record ReceiptFrame(String ref, String user, long ts) implements OutboundFrame {
}
