package org.parley.relay.protocol;

/**
 * {@code ack}: the recipient has processed the delivery of message {@code ref} from {@code from}
 * (PROTOCOL.md §3.1). It has no {@code id} of its own, so an error about it carries no {@code ref}.
 *
 * @param ref  the acknowledged message's id (validated syntax)
 * @param from the sender named in the acknowledged {@code deliver} (a valid user name)
 */
public record AckFrame(String ref, String from) implements InboundFrame {
}
