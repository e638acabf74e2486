package org.parley.relay.handler;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.parley.relay.protocol.AuthFrame;
import org.parley.relay.protocol.DeliverFrame;
import org.parley.relay.protocol.ErrorCode;
import org.parley.relay.protocol.ErrorFrame;
import org.parley.relay.protocol.FrameWriter;
import org.parley.relay.protocol.HelloFrame;
import org.parley.relay.protocol.InboundFrame;
import org.parley.relay.protocol.SendFrame;
import org.parley.relay.protocol.SentFrame;
import org.parley.relay.session.Broadcaster;
import org.parley.relay.session.OnlineUser;
import org.parley.relay.session.UserDirectory;
import org.parley.relay.session.UserLoggedInEvent;

/**
 * Routes a logged-in user's {@code everyone} message to everyone online but the sender, then answers
 * {@code sent} with the recipients reached. "Everyone" messages are not stored (PROTOCOL.md §3): they
 * reach the users online when sent. The sender in {@code deliver.from} is the user logged in on this
 * connection, never anything from the client's JSON. In a cluster the message is also published once to
 * the other nodes, and {@code sent.recipients} lists the users online there as this node last heard. Direct messages are {@link DirectMessageHandler}'s.
 * A {@code hello} or {@code auth} after login gets {@code already-logged-in}.
 *
 * <p>Threading: one instance per channel, used only on its event loop; writes to other users' channels
 * are queued onto their own event loops.
 */
public final class RoutingHandler extends SimpleChannelInboundHandler<InboundFrame> {
    private static final FrameWriter WRITER = new FrameWriter();
    private final UserDirectory directory;
    private final Broadcaster broadcaster;
    private final Clock clock;
    private OnlineUser sender;

    public RoutingHandler(UserDirectory directory, Broadcaster broadcaster, Clock clock) {
        super(InboundFrame.class);
        this.directory = directory;
        this.broadcaster = broadcaster;
        this.clock = clock;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof UserLoggedInEvent loggedIn) {
            sender = loggedIn.user();
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, InboundFrame frame) {
        if (frame instanceof HelloFrame hello) {
            ctx.writeAndFlush(ErrorFrame.of(ErrorCode.ALREADY_LOGGED_IN, "this connection is logged in", hello.id()));
        } else if (frame instanceof AuthFrame auth) {
            ctx.writeAndFlush(ErrorFrame.of(ErrorCode.ALREADY_LOGGED_IN, "this connection is logged in", auth.id()));
        } else if (frame instanceof SendFrame send && sender == null) {
            ctx.writeAndFlush(ErrorFrame.of(ErrorCode.NOT_LOGGED_IN, "log in first", send.id()));
        } else if (frame instanceof SendFrame send) {
            everyone(ctx, send); // direct messages were taken by DirectMessageHandler
        }
    }

    private void everyone(ChannelHandlerContext ctx, SendFrame send) {
        List<OnlineUser> targets = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (OnlineUser user : directory.online()) {
            if (user != sender) {
                targets.add(user);
                names.add(user.name());
            }
        }
        long ts = clock.millis();
        DeliverFrame deliver = new DeliverFrame(send, sender.name(), ts);
        broadcaster.send(deliver, targets);
        if (directory.remote().enabled()) {
            // Users of the other nodes, as this node knows them; their nodes deliver (not stored, as here).
            for (String name : directory.remoteNames()) {
                if (!name.equals(sender.name())) {
                    names.add(name);
                }
            }
            ByteBuf encoded = WRITER.write(ctx.alloc(), deliver);
            try {
                directory.remote().everyone(sender.name(), ByteBufUtil.getBytes(encoded));
            } finally {
                encoded.release();
            }
        }
        ctx.writeAndFlush(new SentFrame(send.id(), ts, names));
    }
}
