package org.parley.relay.protocol;

/**
 * A relay → client frame (PROTOCOL.md §3.2). Encoded to JSON by {@link FrameJson}.
 *
 * <p>Threading: all implementations are immutable records and may be written to any channel.
 */
public sealed interface OutboundFrame permits WelcomeFrame, PresenceFrame, DeliverFrame, SentFrame, ErrorFrame {
}
