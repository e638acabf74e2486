package org.parley.relay.protocol;

import java.util.List;

/**
 * {@code deliver}: a message for the recipient.
 *
 * @param send the client's {@code send}; id, to, everyone, scheme, body, cts and sig are copied from it
 * @param from the user authenticated on the sending connection, never taken from client JSON
 * @param ts   relay time in milliseconds since the epoch
 */
public record DeliverFrame(SendFrame send, String from, long ts) implements OutboundFrame {
    /** Convenience accessor for the recipients list copied from the send. */
    public List<String> to() {
        return send.to();
    }
}
