package org.parley.relay;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.parley.relay.auth.Authenticator;
import org.parley.relay.handler.AckHandler;
import org.parley.relay.handler.ConnectionLimitHandler;
import org.parley.relay.handler.ClusterDirectMessageHandler;
import org.parley.relay.handler.DirectMessageHandler;
import org.parley.relay.handler.ErrorHandler;
import org.parley.relay.handler.FrameDecoder;
import org.parley.relay.handler.FrameEncoder;
import org.parley.relay.handler.FrameMetricsHandler;
import org.parley.relay.handler.HeartbeatHandler;
import org.parley.relay.handler.HttpRequestHandler;
import org.parley.relay.handler.InboundTapHandler;
import org.parley.relay.handler.InvalidFrameHandler;
import org.parley.relay.handler.LoginHandler;
import org.parley.relay.handler.LoginTimeoutHandler;
import org.parley.relay.handler.PresenceHandler;
import org.parley.relay.handler.RateLimitHandler;
import org.parley.relay.handler.RoutingHandler;
import org.parley.relay.handler.StoredDeliveryHandler;
import org.parley.relay.handler.Utf8TextValidator;
import org.parley.relay.metrics.RelayMetrics;
import org.parley.relay.registry.UserRegistry;
import org.parley.relay.store.AsyncMessageStore;
import org.parley.relay.store.MessageStore;
import org.parley.relay.protocol.FrameReader;
import org.parley.relay.limit.ConnectionCounter;
import org.parley.relay.protocol.FrameWriter;
import org.parley.relay.session.Broadcaster;
import org.parley.relay.session.UserDirectory;

/**
 * Composes one connection's pipeline, and does nothing else. Stateless handlers are shared by all
 * connections; stateful ones are created per connection.
 *
 * <p>Threading: {@link #initChannel} runs on the new channel's event loop.
 */
final class RelayChannelInitializer extends ChannelInitializer<SocketChannel> {
    /** The WebSocket upgrade request has no body; headers are capped by {@link HttpServerCodec}. */
    private static final int MAX_HTTP_REQUEST_BYTES = 8192;

    private final RelayConfig config;
    private final Optional<SslContext> sslContext;
    private final UserDirectory directory;
    private final Broadcaster broadcaster;
    private final Clock clock;
    private final ChannelGroup allChannels;
    private final WebSocketServerProtocolConfig webSocketConfig;
    private final HttpRequestHandler httpRequests = new HttpRequestHandler();
    private final Optional<InboundTapHandler> inboundTap;
    private final FrameDecoder frameDecoder;
    private final FrameEncoder frameEncoder;
    private final InvalidFrameHandler invalidFrames = new InvalidFrameHandler();
    private final ConnectionLimitHandler connectionLimit;
    private final Authenticator authenticator;
    private final ErrorHandler errors = new ErrorHandler();
    private final Utf8TextValidator utf8 = new Utf8TextValidator();
    private final UserRegistry registry;
    private final MessageStore store;
    private final RelayMetrics metrics;
    private final FrameWriter writer;
    private final FrameMetricsHandler frameMetrics;

    RelayChannelInitializer(RelayConfig config, Optional<SslContext> sslContext, UserDirectory directory,
            Broadcaster broadcaster, FrameWriter writer, Clock clock, Optional<InboundFrameListener> listener,
            ChannelGroup allChannels, Authenticator authenticator, UserRegistry registry, MessageStore store,
            RelayMetrics metrics) {
        this.config = config;
        this.sslContext = sslContext;
        this.directory = directory;
        this.broadcaster = broadcaster;
        this.clock = clock;
        this.allChannels = allChannels;
        this.webSocketConfig = webSocketConfig(config);
        this.inboundTap = listener.map(InboundTapHandler::new);
        this.frameDecoder = new FrameDecoder(new FrameReader(config.maxRecipients(), config.maxFrameBytes()),
                config.maxFrameBytes());
        this.frameEncoder = new FrameEncoder(writer);
        this.authenticator = authenticator;
        this.registry = registry;
        this.store = store;
        this.metrics = metrics;
        this.writer = writer;
        this.frameMetrics = new FrameMetricsHandler(metrics);
        this.connectionLimit = new ConnectionLimitHandler(new ConnectionCounter(config.maxConnectionsPerAddress()));
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        allChannels.add(ch); // so that stop() can close every connection
        ChannelPipeline p = ch.pipeline();
        // Closes a connection over --max-connections-per-address before TLS; removes itself otherwise.
        p.addLast("connection-limit", connectionLimit);
        // TLS 1.3/1.2, unless --insecure-plaintext.
        sslContext.ifPresent(ssl -> p.addLast("tls", ssl.newHandler(ch.alloc())));
        // Batches flushes into one TLS record and syscall: those made while one read is processed, and
        // (consolidateWhenNoReadInProgress) those of deliveries written from other channels: the flush
        // is deferred to a task on this event loop, so a burst of writes costs one flush. On the inner
        // side of TLS, so that the frames written meanwhile are encrypted together, not one record each.
        p.addLast("flush-consolidation", new FlushConsolidationHandler(
                FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
        // HTTP/1.1 for the WebSocket upgrade and /healthz.
        p.addLast("http-codec", new HttpServerCodec());
        p.addLast("http-aggregator", new HttpObjectAggregator(MAX_HTTP_REQUEST_BYTES));
        // Answers /healthz and 404s; removes itself after the upgrade.
        p.addLast("http-requests", httpRequests);
        // Upgrade on path "/", ping/close handling, frames ≤ 4 × max-frame-bytes (else close 1009).
        p.addLast("websocket", new WebSocketServerProtocolHandler(webSocketConfig));
        // Reassembles continuation frames into one message (≤ 4 × max-frame-bytes, else close 1009).
        p.addLast("websocket-aggregator", new WebSocketFrameAggregator(config.maxWebSocketMessageBytes()));
        // Whole text messages that are not UTF-8 → close 1007 (replaces Netty's slower validator).
        p.addLast("utf8", utf8);
        // Reader idle → ping; idle again → close.
        p.addLast("idle", new IdleStateHandler(config.idleTimeout().toNanos(), 0, 0, TimeUnit.NANOSECONDS));
        p.addLast("heartbeat", new HeartbeatHandler());
        // Closes connections that do not log in (hello + auth) in time; removes itself on login.
        p.addLast("login-timeout", new LoginTimeoutHandler(config.handshakeTimeout()));
        // Test hook only: shows raw inbound text to the in-process listener.
        inboundTap.ifPresent(tap -> p.addLast("inbound-tap", tap));
        // Text messages ⇄ typed frames; too-large / bad-json / bad-frame become InvalidFrame.
        p.addLast("frame-decoder", frameDecoder);
        p.addLast("frame-encoder", frameEncoder);
        // Counts typed frames in and out and errors by code.
        p.addLast("frame-metrics", frameMetrics);
        // Token bucket per connection over every decoded message: rate-limited, or close 1008 on a flood.
        p.addLast("rate-limit", new RateLimitHandler(config.rateLimit(), config.rateBurst()));
        // InvalidFrame → error frame; the connection stays open.
        p.addLast("invalid-frames", invalidFrames);
        // hello → challenge, auth → welcome + UserLoggedInEvent; removes itself on login.
        p.addLast("login", new LoginHandler(authenticator, directory));
        // Logout and leave announcement when the connection closes.
        p.addLast("presence", new PresenceHandler(directory));
        // After login: the user's stored messages, oldest first, as the connection drains.
        p.addLast("stored-delivery", new StoredDeliveryHandler(store, metrics));
        // ack → stored copy deleted, receipt to the sender if online.
        p.addLast("acks", new AckHandler(store, directory, clock));
        // Direct send → stored for registered recipients, deliver to those online, sent once durable.
        if (directory.remote().enabled() && store instanceof AsyncMessageStore shared) {
            // Cluster node: stored in Redis first, then delivered here or published to the recipient's node.
            p.addLast("direct-messages", new ClusterDirectMessageHandler(directory, clock, registry, shared, writer,
                    metrics));
        } else {
            p.addLast("direct-messages", new DirectMessageHandler(directory, clock, registry, store, writer, metrics));
        }
        // Everyone send → deliver to everyone online (not stored); hello/auth after login → error.
        p.addLast("routing", new RoutingHandler(directory, broadcaster, clock));
        // Backstop: every exception ends in a close, never a crash.
        p.addLast("errors", errors);
    }

    private static WebSocketServerProtocolConfig webSocketConfig(RelayConfig config) {
        return WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .checkStartsWith(false)
                .handshakeTimeoutMillis(config.handshakeTimeout().toMillis())
                .handleCloseFrames(true)
                .dropPongFrames(false) // the heartbeat handler reads them
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(config.maxWebSocketMessageBytes())
                        .allowExtensions(false)
                        .allowMaskMismatch(false)
                        .closeOnProtocolViolation(true)
                        .withUTF8Validator(false) // see Utf8TextValidator
                        .build())
                .build();
    }
}
