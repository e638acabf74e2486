package org.parley.relay.handler;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.lang.System.Logger.Level;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;
import org.parley.relay.auth.Authenticator;
import org.parley.relay.auth.Challenge;
import org.parley.relay.protocol.AckFrame;
import org.parley.relay.protocol.AuthFrame;
import org.parley.relay.protocol.ChallengeFrame;
import org.parley.relay.protocol.ErrorCode;
import org.parley.relay.protocol.ErrorFrame;
import org.parley.relay.protocol.HelloFrame;
import org.parley.relay.protocol.SendFrame;
import org.parley.relay.protocol.UserBundle;
import org.parley.relay.protocol.WelcomeFrame;
import org.parley.relay.registry.RegistryException;
import org.parley.relay.session.ClusterUnavailableException;
import org.parley.relay.session.OnlineUser;
import org.parley.relay.session.UserDirectory;
import org.parley.relay.session.UserLoggedInEvent;

/**
 * The login phase (PROTOCOL.md §3.1): {@code hello} → {@code challenge} → {@code auth} → {@code welcome}.
 * The decisions are the {@link Authenticator}'s; this handler keeps the one pending challenge of its
 * connection and talks to the client. A wrong {@code auth} gets {@code auth-failed} and close 1008; each
 * challenge is answerable once, and a new {@code hello} replaces it. On success the user joins the
 * directory, {@link UserLoggedInEvent} is fired from the pipeline head, and the handler removes itself.
 * A {@code send} or {@code ack} (or an {@code auth} without a challenge) before that is {@code not-logged-in}.
 *
 * <p>Threading: one instance per channel, used only on its event loop. A first login blocks the loop
 * for one registry disk sync.
 */
public final class LoginHandler extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(LoginHandler.class.getName());

    private final Authenticator authenticator;
    private final UserDirectory directory;
    private Challenge pending;
    /** The pending hello's {@code presence} choice. */
    private boolean pendingPresence;

    public LoginHandler(Authenticator authenticator, UserDirectory directory) {
        this.authenticator = authenticator;
        this.directory = directory;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HelloFrame || msg instanceof AuthFrame) {
            try {
                if (msg instanceof HelloFrame hello) {
                    hello(ctx, hello);
                } else {
                    auth(ctx, (AuthFrame) msg);
                }
            } catch (ClusterUnavailableException e) {
                // a cluster node whose Redis cannot be reached cannot tell who is registered or online
                LOG.log(Level.WARNING, "event=cluster-unavailable phase=login error={0}", e.getMessage());
                close(ctx, WebSocketCloseStatus.INTERNAL_SERVER_ERROR, "relay cluster unavailable");
            }
        } else if (msg instanceof SendFrame send) {
            ctx.writeAndFlush(ErrorFrame.of(ErrorCode.NOT_LOGGED_IN, "log in first", send.id()));
        } else if (msg instanceof AckFrame) {
            ctx.writeAndFlush(new ErrorFrame(ErrorCode.NOT_LOGGED_IN, "log in first", Optional.empty()));
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void hello(ChannelHandlerContext ctx, HelloFrame hello) {
        pending = null;
        Optional<ErrorFrame> refusal = authenticator.refusal(hello);
        if (refusal.isEmpty() && online(directory, hello.user())) {
            refusal = Optional.of(ErrorFrame.of(ErrorCode.NAME_TAKEN, "this user name is online elsewhere", hello.id()));
        }
        if (refusal.isPresent()) {
            LOG.log(Level.DEBUG, "event=hello-refused user={0} code={1}", hello.user(), refusal.get().code().wireName());
            ctx.writeAndFlush(refusal.get());
            return;
        }
        pending = authenticator.challenge(hello);
        pendingPresence = hello.presence();
        ctx.writeAndFlush(new ChallengeFrame(hello.id(), pending.nonce()));
    }

    private void auth(ChannelHandlerContext ctx, AuthFrame auth) {
        Challenge challenge = pending;
        pending = null; // one answer per challenge, right or wrong
        if (challenge == null) {
            ctx.writeAndFlush(ErrorFrame.of(ErrorCode.NOT_LOGGED_IN, "auth without a challenge; send hello", auth.id()));
            return;
        }
        try {
            authenticator.verify(challenge, auth);
        } catch (GeneralSecurityException e) {
            LOG.log(Level.INFO, "event=login-failed user={0} remote={1}", challenge.user(), ctx.channel().remoteAddress());
            ctx.write(ErrorFrame.of(ErrorCode.AUTH_FAILED, "the challenge signature does not verify", auth.id()));
            close(ctx, WebSocketCloseStatus.POLICY_VIOLATION, "auth failed");
            return;
        }
        try {
            if (!authenticator.bind(challenge)) {
                ctx.writeAndFlush(ErrorFrame.of(ErrorCode.NAME_REGISTERED,
                        "this user name is registered to another identity key", auth.id()));
                return;
            }
        } catch (RegistryException e) {
            LOG.log(Level.WARNING, "event=registry-failed user=" + challenge.user(), e);
            close(ctx, WebSocketCloseStatus.INTERNAL_SERVER_ERROR, "registry unavailable");
            return;
        }
        join(ctx, auth, new OnlineUser(new UserBundle(challenge.user(), challenge.bundle()), ctx.channel(),
                pendingPresence));
    }

    private void join(ChannelHandlerContext ctx, AuthFrame auth, OnlineUser user) {
        if (!ctx.channel().isActive()) {
            return; // closed already: joining now would leave a user nobody ever removes
        }
        Optional<List<UserBundle>> others;
        try {
            others = directory.join(user);
        } catch (ClusterUnavailableException e) {
            LOG.log(Level.WARNING, "event=cluster-unavailable user={0} error={1}", user.name(), e.getMessage());
            close(ctx, WebSocketCloseStatus.INTERNAL_SERVER_ERROR, "relay cluster unavailable");
            return;
        }
        if (others.isEmpty()) {
            ctx.writeAndFlush(ErrorFrame.of(ErrorCode.NAME_TAKEN, "this user name is online elsewhere", auth.id()));
            return;
        }
        ctx.writeAndFlush(new WelcomeFrame(auth.id(), user.name(), others.get()));
        ctx.pipeline().remove(this);
        ctx.pipeline().fireUserEventTriggered(new UserLoggedInEvent(user));
        LOG.log(Level.INFO, "event=login user={0} online={1}", user.name(), others.get().size() + 1);
    }

    /** Whether the name is online on this relay or (in a cluster) on another node; false if that cannot be told. */
    private static boolean online(UserDirectory directory, String user) {
        try {
            return directory.isOnline(user);
        } catch (ClusterUnavailableException e) {
            return false; // the claim at auth decides, and reports the outage
        }
    }

    private static void close(ChannelHandlerContext ctx, WebSocketCloseStatus status, String reason) {
        ctx.writeAndFlush(new CloseWebSocketFrame(status, reason)).addListener(ChannelFutureListener.CLOSE);
    }
}
