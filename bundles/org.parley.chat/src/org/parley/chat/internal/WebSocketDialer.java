package org.parley.chat.internal;

import java.net.URI;
import java.net.http.WebSocket;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.parley.transport.ConnectOptions;
import org.parley.transport.RelayConnection;
import org.parley.transport.RelayListener;
import org.parley.transport.TransportException;

/** The real {@link RelayDialer}: a TLS WebSocket with certificate pinning, as {@code options} say. */
public final class WebSocketDialer implements RelayDialer {

    private final ConnectOptions options;

    public WebSocketDialer(ConnectOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public CompletableFuture<RelayLink> dial(URI relay, RelayLink.Inbound inbound) {
        RelayListener listener = new RelayListener() {
            @Override
            public void onText(String message) {
                inbound.onText(message);
            }

            @Override
            public void onClosed(int statusCode, String reason) {
                String detail = reason == null || reason.isEmpty() ? "" : ": " + reason;
                inbound.onClosed("The relay closed the connection (" + statusCode + detail + ")",
                        statusCode != WebSocket.NORMAL_CLOSURE);
            }

            @Override
            public void onFailure(TransportException error) {
                inbound.onClosed(error.getMessage(), true);
            }
        };
        return RelayConnection.connect(relay, options, listener).thenApply(Link::new);
    }

    private static final class Link implements RelayLink {
        private final RelayConnection connection;

        Link(RelayConnection connection) {
            this.connection = connection;
        }

        @Override
        public CompletableFuture<Void> send(String text) {
            return connection.sendText(text);
        }

        @Override
        public void close() {
            connection.close();
        }

        @Override
        public Optional<String> certificateFingerprint() {
            return connection.certificateFingerprint();
        }

        @Override
        public Optional<String> tlsProtocol() {
            return connection.tlsProtocol();
        }
    }
}
