package org.parley.relay.handler;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.parley.relay.session.UserLoggedInEvent;

/**
 * Closes a connection that has not logged in within the handshake timeout, counted from the moment the
 * TCP connection is accepted (TLS, HTTP upgrade and {@code hello} all count), so idle or half-open
 * sockets cannot pile up. Once the WebSocket is open it closes with 1008 "login timeout".
 * Removes itself on {@link UserLoggedInEvent}.
 *
 * <p>Threading: one instance per channel, used only on its event loop.
 */
public final class LoginTimeoutHandler extends ChannelInboundHandlerAdapter {
    private final long timeoutNanos;
    private Future<?> timeout;
    private boolean webSocketOpen;

    public LoginTimeoutHandler(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            schedule(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        schedule(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            webSocketOpen = true;
        } else if (evt instanceof UserLoggedInEvent) {
            ctx.pipeline().remove(this);
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    private void schedule(ChannelHandlerContext ctx) {
        if (timeout == null) {
            timeout = ctx.executor().schedule(() -> expire(ctx), timeoutNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void expire(ChannelHandlerContext ctx) {
        if (!webSocketOpen) {
            ctx.close();
            return;
        }
        ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.POLICY_VIOLATION, "login timeout"))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
