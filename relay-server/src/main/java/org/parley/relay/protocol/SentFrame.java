package org.parley.relay.protocol;

import java.util.List;

/**
 * {@code sent}: the relay accepted message {@code ref} (PROTOCOL.md §3.2). For a direct message it is
 * written only once every stored copy is durable.
 *
 * @param ref        the message id
 * @param ts         relay time, the same as in the deliveries
 * @param recipients the online users the message was written to (possibly empty)
 * @param queued     the offline registered users it was stored for (direct messages only)
 * @param refused    the recipients it will not reach, with the reason
 */
public record SentFrame(String ref, long ts, List<String> recipients, List<String> queued,
        List<RefusedRecipient> refused) implements OutboundFrame {
    public SentFrame {
        recipients = List.copyOf(recipients);
        queued = List.copyOf(queued);
        refused = List.copyOf(refused);
    }

    /** A {@code sent} with nothing queued or refused (an "everyone" message). */
    public SentFrame(String ref, long ts, List<String> recipients) {
        this(ref, ts, recipients, List.of(), List.of());
    }
}
