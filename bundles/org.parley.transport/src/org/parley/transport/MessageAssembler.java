package org.parley.transport;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link WebSocket.Listener}: reassembles text messages under a size cap, refuses binary
 * messages, tells the {@link Heartbeat} about every sign of life, and reports the end of the connection
 * exactly once.
 */
final class MessageAssembler implements WebSocket.Listener {

    static final int MESSAGE_TOO_BIG = 1009;
    static final int UNSUPPORTED_DATA = 1003;

    private final RelayListener listener;
    private final int maxBytes;
    private final Heartbeat heartbeat;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final StringBuilder partial = new StringBuilder();
    private long partialBytes;

    MessageAssembler(RelayListener listener, int maxBytes, Heartbeat heartbeat) {
        this.listener = listener;
        this.maxBytes = maxBytes;
        this.heartbeat = heartbeat;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (finished.get()) {
            return null;
        }
        heartbeat.heard();
        partialBytes += Utf8.length(data);
        if (partialBytes > maxBytes) {
            partial.setLength(0);
            abort(webSocket, MESSAGE_TOO_BIG, "message too big",
                    "the relay sent a message larger than " + maxBytes + " bytes; disconnected");
            return null;
        }
        partial.append(data);
        if (last) {
            String message = partial.toString();
            partial.setLength(0);
            partialBytes = 0;
            listener.onText(message);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        heartbeat.heard(); // the WebSocket answers with a pong by itself
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        heartbeat.heard();
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        abort(webSocket, UNSUPPORTED_DATA, "binary messages are not supported",
                "the relay sent a binary message, which the protocol forbids; disconnected");
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        heartbeat.stop();
        if (finished.compareAndSet(false, true)) {
            listener.onClosed(statusCode, reason);
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        fail(new TransportException("the connection to the relay broke: " + ConnectFailures.describe(error), error));
    }

    /** The heartbeat found the relay silent: report it, then drop the connection without a handshake. */
    void dead(WebSocket webSocket, TransportException error) {
        fail(error);
        webSocket.abort();
    }

    void fail(TransportException error) {
        heartbeat.stop();
        if (finished.compareAndSet(false, true)) {
            listener.onFailure(error);
        }
    }

    private void abort(WebSocket webSocket, int code, String reason, String message) {
        // close politely, then abort: the relay need not be heard out after a protocol violation
        webSocket.sendClose(code, reason).whenComplete((ws, e) -> webSocket.abort());
        fail(new TransportException(message));
    }
}
