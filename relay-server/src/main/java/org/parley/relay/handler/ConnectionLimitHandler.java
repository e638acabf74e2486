package org.parley.relay.handler;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.parley.relay.limit.ConnectionCounter;

/**
 * Connections per remote address (DESIGN.md §4), first in the pipeline: a connection over the limit is
 * closed as soon as it is active, before TLS, HTTP or WebSocket cost anything and before the login
 * timer starts. The client sees the TCP connection closed without a TLS handshake; there is no error
 * frame, since none could be written yet. An accepted connection is uncounted when it closes, and the
 * handler removes itself.
 *
 * <p>Threading: stateless and {@code @Sharable}; the counter is thread-safe.
 */
@Sharable
public final class ConnectionLimitHandler extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(ConnectionLimitHandler.class.getName());

    private final ConnectionCounter counter;

    public ConnectionLimitHandler(ConnectionCounter counter) {
        this.counter = counter;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress remote && remote.getAddress() != null) {
            InetAddress address = remote.getAddress();
            if (!counter.tryAcquire(address)) {
                LOG.log(Level.DEBUG, "event=connection-refused remote={0} reason=too-many-connections", address);
                ctx.close();
                return;
            }
            ctx.channel().closeFuture().addListener(f -> counter.release(address));
        }
        ctx.fireChannelActive();
        ctx.pipeline().remove(this);
    }
}
