package org.parley.transport;

/**
 * Receives what a {@link RelayConnection} reads.
 *
 * <h3>Threading</h3>
 * Called on the WebSocket's executor thread, one call at a time, in order; must not block (hand work
 * to another executor). After {@link #onClosed} or {@link #onFailure} nothing more is called; exactly
 * one of the two is called once per connection.
 */
public interface RelayListener {

    /** A whole text message (continuation frames already reassembled). */
    void onText(String message);

    /** The connection closed with a close handshake, started by either side. */
    void onClosed(int statusCode, String reason);

    /** The connection broke or was aborted (oversized or binary message, network error). */
    void onFailure(TransportException error);
}
