package org.parley.transport;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.security.GeneralSecurityException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket connection to a relay (PROTOCOL.md §1), over TLS with a pinned certificate or, only if
 * {@link ConnectOptions#allowPlaintext()}, over plain TCP. Carries whole UTF-8 text messages.
 *
 * <h3>Security guarantees</h3>
 * {@code wss://} connections use TLS 1.3 or TLS 1.2 with AEAD suites and succeed only if the relay's
 * certificate matches its pin ({@link PinningTrustManager}); {@code ws://} is refused unless allowed.
 * Incoming messages larger than {@link ConnectOptions#maxMessageBytes()} close the connection.
 *
 * <p>A heartbeat pings the relay every {@link ConnectOptions#pingInterval()}; when nothing has been
 * heard for {@link ConnectOptions#deadAfter()} the connection is aborted and the listener's
 * {@link RelayListener#onFailure} says so. Reconnecting is the owner's decision, not this class's.
 *
 * <h3>Threading</h3>
 * All methods are thread-safe and non-blocking. {@link #sendText} may be called concurrently: sends are
 * queued and written one after another, because {@code java.net.http} allows one outstanding send.
 */
public final class RelayConnection {

    /** The port used when a relay URI names none (PROTOCOL.md §1). */
    public static final int DEFAULT_PORT = 8765;

    private static final long CLOSE_GRACE_SECONDS = 5;

    private final URI relay;
    private final WebSocket webSocket;
    private final PinningTrustManager trust;
    private final Heartbeat heartbeat;
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);
    private boolean closing;

    private RelayConnection(URI relay, WebSocket webSocket, PinningTrustManager trust, Heartbeat heartbeat) {
        this.relay = relay;
        this.webSocket = webSocket;
        this.trust = trust;
        this.heartbeat = heartbeat;
    }

    /**
     * Connects to {@code relay} ({@code wss://host[:port][/path]}; port 8765 if omitted).
     *
     * @return completes with the open connection, or exceptionally with a {@link TransportException}
     *     (wrapped in a {@code CompletionException} when observed through {@code join}) whose message
     *     explains the problem, e.g. a changed relay certificate with both fingerprints
     */
    public static CompletableFuture<RelayConnection> connect(URI relay, ConnectOptions options,
            RelayListener listener) {
        Objects.requireNonNull(listener, "listener");
        URI target;
        TlsSetup tls = null;
        PinningTrustManager trust = null;
        try {
            target = normalize(relay, options);
            if (isTls(target)) {
                trust = new PinningTrustManager(options.pinStore(),
                        Fingerprints.hostPort(target.getHost(), target.getPort()), options.expectedFingerprint());
                tls = new TlsSetup(trust);
            }
        } catch (TransportException e) {
            return CompletableFuture.failedFuture(e);
        } catch (GeneralSecurityException e) {
            return CompletableFuture.failedFuture(new TransportException("TLS is not available: " + e.getMessage(), e));
        }
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(options.connectTimeout());
        if (tls != null) {
            builder.sslContext(tls.context()).sslParameters(tls.parameters());
        }
        Heartbeat heartbeat = new Heartbeat(options.pingInterval(), options.deadAfter());
        MessageAssembler assembler = new MessageAssembler(listener, options.maxMessageBytes(), heartbeat);
        String hostPort = Fingerprints.hostPort(target.getHost(), target.getPort());
        PinningTrustManager pinning = trust;
        return builder.build().newWebSocketBuilder().connectTimeout(options.connectTimeout())
                .buildAsync(target, assembler)
                .handle((ws, failure) -> {
                    if (failure != null) {
                        throw new CompletionException(ConnectFailures.connectFailed(hostPort, failure));
                    }
                    RelayConnection connection = new RelayConnection(target, ws, pinning, heartbeat);
                    heartbeat.start(ws, error -> connection.died(assembler, error));
                    return connection;
                });
    }

    /** The relay address actually connected to (with explicit port and path). */
    public URI relay() {
        return relay;
    }

    /** SHA-256 fingerprint of the relay's certificate; empty for {@code ws://}. */
    public Optional<String> certificateFingerprint() {
        return trust == null ? Optional.empty() : trust.acceptedFingerprint();
    }

    /** The negotiated TLS protocol, e.g. {@code TLSv1.3}; empty for {@code ws://}. */
    public Optional<String> tlsProtocol() {
        return trust == null ? Optional.empty() : trust.negotiatedProtocol();
    }

    /**
     * Queues {@code text} as one text message.
     *
     * @return completes when written; exceptionally with a {@link TransportException} if the
     *     connection is closing or broken
     */
    public synchronized CompletableFuture<Void> sendText(String text) {
        Objects.requireNonNull(text, "text");
        if (closing) {
            return CompletableFuture.failedFuture(new TransportException("the connection to the relay is closed"));
        }
        CompletableFuture<WebSocket> send = lastSend.handle((ignored, earlier) -> null)
                .thenCompose(ignored -> webSocket.sendText(text, true));
        lastSend = send;
        return send.handle((ws, failure) -> {
            if (failure != null) {
                throw new CompletionException(new TransportException(
                        "could not send to the relay: " + ConnectFailures.describe(failure), failure));
            }
            return null;
        });
    }

    /**
     * Sends a normal close after the queued messages and aborts the connection if the relay has not
     * answered within a few seconds. The listener's {@link RelayListener#onClosed} follows.
     */
    public synchronized CompletableFuture<Void> close() {
        if (!closing) {
            closing = true;
            heartbeat.stop();
            lastSend.handle((ignored, earlier) -> null)
                    .thenCompose(ignored -> webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bye"))
                    .whenComplete((ws, failure) -> CompletableFuture
                            .delayedExecutor(CLOSE_GRACE_SECONDS, TimeUnit.SECONDS).execute(webSocket::abort));
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Closes at once without a close handshake. */
    public void abort() {
        synchronized (this) {
            closing = true;
        }
        heartbeat.stop();
        webSocket.abort();
    }

    /** The heartbeat heard nothing: refuse further sends, tell the listener why, then drop the socket. */
    private void died(MessageAssembler assembler, TransportException error) {
        synchronized (this) {
            closing = true;
        }
        assembler.dead(webSocket, error);
    }

    private static boolean isTls(URI uri) {
        return "wss".equalsIgnoreCase(uri.getScheme());
    }

    private static URI normalize(URI relay, ConnectOptions options) throws TransportException {
        String scheme = relay.getScheme() == null ? "" : relay.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (scheme.equals("ws") && !options.allowPlaintext()) {
            throw new TransportException("Refusing unencrypted ws://: use wss:// (plaintext is only for local tests "
                    + "and must be allowed explicitly)");
        }
        if (!scheme.equals("wss") && !scheme.equals("ws")) {
            throw new TransportException("A relay address starts with wss://, e.g. wss://relay.example:8765/");
        }
        if (relay.getHost() == null) {
            throw new TransportException("The relay address has no host: " + relay);
        }
        int port = relay.getPort() == -1 ? DEFAULT_PORT : relay.getPort();
        String path = relay.getPath() == null || relay.getPath().isEmpty() ? "/" : relay.getPath();
        try {
            return new URI(scheme, null, relay.getHost(), port, path, null, null);
        } catch (URISyntaxException e) {
            throw new TransportException("Invalid relay address: " + relay, e);
        }
    }
}
