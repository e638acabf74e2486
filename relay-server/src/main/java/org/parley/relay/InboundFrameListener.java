package org.parley.relay;

/**
 * Test hook: sees every inbound WebSocket text message exactly as the relay received it, before any
 * parsing. Integration tests use it to prove that no plaintext ever reaches the relay.
 *
 * <p>Threading: called on the connection's Netty event loop, concurrently from several loops for
 * several connections. Implementations must be thread-safe, fast and must not block. An exception
 * thrown by the listener is logged (without content) and otherwise ignored.
 *
 * <p>WARNING: the text is a client's raw frame. Never log it; production relays run without a
 * listener, and then the text is never even converted to a {@code String}.
 */
@FunctionalInterface
public interface InboundFrameListener {
    /**
     * @param text      the complete (reassembled) text message, up to 4 × {@code max-frame-bytes}
     */
    void onTextMessage(String text);
}
