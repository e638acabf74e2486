package org.parley.relay.handler;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import org.parley.relay.protocol.ErrorCode;
import org.parley.relay.protocol.ErrorFrame;
import org.parley.relay.protocol.HelloFrame;
import org.parley.relay.protocol.SendFrame;
import org.parley.relay.protocol.UserKeys;
import org.parley.relay.protocol.WelcomeFrame;
import org.parley.relay.session.OnlineUser;
import org.parley.relay.session.UserDirectory;
import org.parley.relay.session.UserLoggedInEvent;

/**
 * The login phase: a {@code hello} registers the user (one connection per name, else
 * {@code name-taken}), answers {@code welcome} with everyone else online, and fires
 * {@link UserLoggedInEvent} from the pipeline head so every handler learns who is here. A {@code send}
 * before that is refused with {@code not-logged-in}. Removes itself after a successful login, so the
 * logged-in path costs nothing here.
 *
 * <p>Threading: stateless and {@code @Sharable}; runs on each channel's event loop.
 */
@Sharable
public final class LoginHandler extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(LoginHandler.class.getName());

    private final UserDirectory directory;

    public LoginHandler(UserDirectory directory) {
        this.directory = directory;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HelloFrame hello) {
            login(ctx, hello);
        } else if (msg instanceof SendFrame send) {
            ctx.writeAndFlush(ErrorFrame.of(ErrorCode.NOT_LOGGED_IN, "send a hello first", send.id()));
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void login(ChannelHandlerContext ctx, HelloFrame hello) {
        if (!ctx.channel().isActive()) {
            return; // closed already: registering now would leave a user nobody ever removes
        }
        OnlineUser user = new OnlineUser(new UserKeys(hello.user(), hello.keys()), ctx.channel());
        Optional<List<UserKeys>> others = directory.join(user);
        if (others.isEmpty()) {
            ctx.writeAndFlush(ErrorFrame.of(ErrorCode.NAME_TAKEN, "this user name is online elsewhere", hello.id()));
            return;
        }
        ctx.writeAndFlush(new WelcomeFrame(hello.id(), user.name(), others.get()));
        ctx.pipeline().remove(this);
        ctx.pipeline().fireUserEventTriggered(new UserLoggedInEvent(user));
        LOG.log(Level.INFO, "user {0} logged in ({1} online)", user.name(), others.get().size() + 1);
    }
}
