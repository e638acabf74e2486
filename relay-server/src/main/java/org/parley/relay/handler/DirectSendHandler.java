package org.parley.relay.handler;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Clock;
import org.parley.relay.metrics.RelayMetrics;
import org.parley.relay.protocol.FrameWriter;
import org.parley.relay.protocol.SendFrame;
import org.parley.relay.registry.UserRegistry;
import org.parley.relay.session.OnlineUser;
import org.parley.relay.session.UserDirectory;
import org.parley.relay.session.UserLoggedInEvent;

/**
 * What the store-and-forward handlers of a relay alone ({@link DirectMessageHandler}) and of a cluster
 * node ({@link ClusterDirectMessageHandler}) share: they take a logged-in user's direct {@code send}
 * ({@code everyone} false) and let everything else pass on to {@link RoutingHandler}; the sender is the
 * user of the {@link UserLoggedInEvent} on this connection, never a name from the frame.
 *
 * <p>Threading: one instance per channel; {@link #direct} is called on its event loop.
 */
abstract class DirectSendHandler extends ChannelInboundHandlerAdapter {
    final UserDirectory directory;
    final Clock clock;
    final UserRegistry registry;
    final FrameWriter writer;
    final RelayMetrics metrics;
    private OnlineUser sender;

    DirectSendHandler(UserDirectory directory, Clock clock, UserRegistry registry, FrameWriter writer,
            RelayMetrics metrics) {
        this.directory = directory;
        this.clock = clock;
        this.registry = registry;
        this.writer = writer;
        this.metrics = metrics;
    }

    /** Stores and forwards {@code send} from {@code sender}, the user logged in on this connection. */
    abstract void direct(ChannelHandlerContext ctx, SendFrame send, OnlineUser sender);

    @Override
    public final void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof UserLoggedInEvent loggedIn) {
            sender = loggedIn.user();
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof SendFrame send && !send.everyone() && sender != null) {
            direct(ctx, send, sender);
        } else {
            ctx.fireChannelRead(msg);
        }
    }
}
