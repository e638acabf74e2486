package org.parley.relay.handler;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Keep-alive on top of the {@code IdleStateHandler} in front of it: the first reader-idle period sends
 * a WebSocket ping; if another full period passes without anything read (not even the pong), the
 * connection is closed with 1001 "idle timeout". Any read, pongs included, restarts the count. Pongs
 * end here, since they only exist to be read. Before the WebSocket handshake, idle events are ignored:
 * the login timeout covers that phase, and a ping could not be encoded yet.
 *
 * <p>Threading: one instance per channel, used only on its event loop.
 */
public final class HeartbeatHandler extends ChannelInboundHandlerAdapter {
    private boolean webSocketOpen;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof PongWebSocketFrame pong) {
            pong.release();
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            webSocketOpen = true;
        } else if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            if (webSocketOpen && idle.isFirst()) {
                ctx.writeAndFlush(new PingWebSocketFrame());
            } else if (webSocketOpen) {
                ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "idle timeout"))
                        .addListener(ChannelFutureListener.CLOSE);
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }
}
