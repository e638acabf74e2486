package org.parley.relay.handler;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.io.IOException;
import java.lang.System.Logger.Level;
import javax.net.ssl.SSLException;

/**
 * The pipeline's backstop: turns every exception into a close, never a crash. A WebSocket message
 * over 4 × {@code max-frame-bytes} (the aggregator's {@link TooLongFrameException}) closes with 1009;
 * a WebSocket protocol violation was already answered with a close frame by Netty's decoder; TLS and
 * I/O failures are routine on the internet and logged at debug level. Anything else is a bug here (or
 * in a library) and is logged with its stack trace (our exceptions never carry message content); an
 * upgraded connection is then closed with 1011 so that its client reconnects and resends.
 *
 * <p>Threading: stateless and {@code @Sharable}.
 */
@Sharable
public final class ErrorHandler extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(ErrorHandler.class.getName());

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            LOG.log(Level.DEBUG, "event=close reason=message-too-big remote={0}", ctx.channel().remoteAddress());
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG, "message too big"))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (cause instanceof CorruptedWebSocketFrameException || cause instanceof IOException
                || cause instanceof SSLException || cause.getCause() instanceof SSLException) {
            LOG.log(Level.DEBUG, "event=close reason=io remote={0} error={1}", ctx.channel().remoteAddress(), cause.getClass().getName());
        } else if (cause instanceof DecoderException) {
            LOG.log(Level.DEBUG, "event=close reason=undecodable remote={0}", ctx.channel().remoteAddress());
        } else {
            LOG.log(Level.WARNING, "event=close reason=unexpected-error remote=" + ctx.channel().remoteAddress(), cause);
            if (ctx.pipeline().get(WebSocketFrameEncoder.class) != null) {
                // 1011, not the 1000 Netty would send on a bare close: clients take 1000 as "goodbye" and
                // stay offline, while a relay fault is exactly when they should reconnect and resend
                ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.INTERNAL_SERVER_ERROR, "internal error"))
                        .addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        ctx.close();
    }
}
