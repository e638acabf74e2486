package org.parley.relay.protocol;

/**
 * {@code challenge}: the relay's answer to an acceptable {@code hello}.
 *
 * @param ref   the {@code hello}'s id
 * @param nonce base64 of 32 fresh random bytes the client must sign (PROTOCOL.md §4.1)
 */
public record ChallengeFrame(String ref, String nonce) implements OutboundFrame {
}
