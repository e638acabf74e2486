package org.parley.relay.protocol;

/**
 * A decoded client → relay frame (PROTOCOL.md §3.1), or the reason a text message could not be
 * decoded. Business handlers see only these types, never JSON or {@code ByteBuf}s.
 *
 * <p>Threading: all implementations are immutable records.
 */
public sealed interface InboundFrame permits HelloFrame, AuthFrame, SendFrame, AckFrame, InvalidFrame {
}
