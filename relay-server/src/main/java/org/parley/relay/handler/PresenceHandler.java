package org.parley.relay.handler;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.lang.System.Logger.Level;
import org.parley.relay.session.OnlineUser;
import org.parley.relay.session.UserDirectory;
import org.parley.relay.session.UserLoggedInEvent;

/**
 * Logs the user out when the connection closes, for whatever reason (client close, timeout, error,
 * relay shutdown); the directory then announces the {@code leave} to everyone else.
 *
 * <p>Threading: one instance per channel, used only on its event loop.
 */
public final class PresenceHandler extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(PresenceHandler.class.getName());

    private final UserDirectory directory;
    private OnlineUser user;

    public PresenceHandler(UserDirectory directory) {
        this.directory = directory;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof UserLoggedInEvent loggedIn) {
            user = loggedIn.user();
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (user != null) {
            directory.leave(user);
            LOG.log(Level.INFO, "event=logout user={0} online={1}", user.name(), directory.online().size());
            user = null;
        }
        ctx.fireChannelInactive();
    }
}
