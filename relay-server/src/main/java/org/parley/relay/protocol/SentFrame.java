package org.parley.relay.protocol;

import java.util.List;

/**
 * {@code sent}: the relay accepted message {@code ref} and handed it to {@code recipients}.
 *
 * @param ref        the message id
 * @param ts         relay time, the same as in the deliveries
 * @param recipients the online users the message was written to (possibly empty)
 */
public record SentFrame(String ref, long ts, List<String> recipients) implements OutboundFrame {
    public SentFrame {
        recipients = List.copyOf(recipients);
    }
}
