package org.parley.relay;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import org.parley.relay.metrics.AdminHttpHandler;
import org.parley.relay.metrics.RelayMetrics;

/**
 * Composes the pipeline of the admin port ({@code --metrics-port}): plain HTTP/1.1, small requests only,
 * one request per connection, then {@link AdminHttpHandler}. No TLS: the port binds to 127.0.0.1 unless
 * the operator chooses otherwise, and serves only counts, never user data.
 *
 * <p>Threading: {@link #initChannel} runs on the new channel's event loop.
 */
final class AdminChannelInitializer extends ChannelInitializer<SocketChannel> {
    private static final int MAX_REQUEST_BYTES = 8192;
    private static final int READ_TIMEOUT_SECONDS = 10;

    private final AdminHttpHandler handler;

    AdminChannelInitializer(RelayMetrics metrics) {
        this.handler = new AdminHttpHandler(metrics);
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                .addLast("read-timeout", new ReadTimeoutHandler(READ_TIMEOUT_SECONDS))
                .addLast("http-codec", new HttpServerCodec())
                .addLast("http-aggregator", new HttpObjectAggregator(MAX_REQUEST_BYTES))
                .addLast("admin", handler);
    }
}
