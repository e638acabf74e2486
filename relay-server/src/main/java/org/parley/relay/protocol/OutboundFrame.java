package org.parley.relay.protocol;

/**
 * A relay → client frame (PROTOCOL.md §3.2). Encoded to JSON by {@link FrameWriter}.
 *
 * <p>Threading: all implementations are immutable records and may be written to any channel.
 */
public sealed interface OutboundFrame
        permits ChallengeFrame, WelcomeFrame, PresenceFrame, DeliverFrame, SentFrame, ReceiptFrame, ErrorFrame {
}
