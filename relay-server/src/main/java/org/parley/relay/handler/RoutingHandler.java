package org.parley.relay.handler;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.parley.relay.protocol.AuthFrame;
import org.parley.relay.protocol.DeliverFrame;
import org.parley.relay.protocol.ErrorCode;
import org.parley.relay.protocol.ErrorFrame;
import org.parley.relay.protocol.HelloFrame;
import org.parley.relay.protocol.InboundFrame;
import org.parley.relay.protocol.SendFrame;
import org.parley.relay.protocol.SentFrame;
import org.parley.relay.session.Broadcaster;
import org.parley.relay.session.OnlineUser;
import org.parley.relay.session.UserDirectory;
import org.parley.relay.session.UserLoggedInEvent;

/**
 * Routes a logged-in user's {@code send}: {@code deliver} to each listed user who is online (or, with
 * {@code everyone}, to everyone online but the sender), then {@code sent} to the sender with the
 * recipients reached. The sender written into {@code deliver.from} is the user logged in on this
 * connection, never anything from the client's JSON. The body is copied as the client sent it.
 * The signature and client time of the envelope ({@code sig}, {@code cts}) are forwarded untouched and
 * never verified here: receivers do that (PROTOCOL.md §4.4). A direct message to nobody online is
 * refused with {@code no-recipients}; a {@code hello} or {@code auth} after login with
 * {@code already-logged-in}.
 *
 * <p>Threading: one instance per channel, used only on its event loop; writes to other users'
 * channels are queued onto their own event loops.
 */
public final class RoutingHandler extends SimpleChannelInboundHandler<InboundFrame> {
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
            route(ctx, send);
        }
    }

    private void route(ChannelHandlerContext ctx, SendFrame send) {
        List<OnlineUser> targets = send.everyone() ? everyoneButSender() : listedUsers(send.to());
        if (targets.isEmpty() && !send.everyone()) {
            ctx.writeAndFlush(ErrorFrame.of(ErrorCode.NO_RECIPIENTS, "none of the recipients is online", send.id()));
            return;
        }
        long ts = clock.millis();
        broadcaster.send(new DeliverFrame(send, sender.name(), ts), targets);
        List<String> names = new ArrayList<>(targets.size());
        targets.forEach(t -> names.add(t.name()));
        ctx.writeAndFlush(new SentFrame(send.id(), ts, names));
    }

    private List<OnlineUser> everyoneButSender() {
        List<OnlineUser> targets = new ArrayList<>();
        for (OnlineUser user : directory.online()) {
            if (user != sender) {
                targets.add(user);
            }
        }
        return targets;
    }

    private List<OnlineUser> listedUsers(List<String> names) {
        List<OnlineUser> targets = new ArrayList<>(names.size());
        for (String name : names) {
            directory.find(name).filter(u -> u != sender).ifPresent(targets::add);
        }
        return targets;
    }
}
