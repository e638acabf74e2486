package org.parley.relay.handler;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.lang.System.Logger.Level;
import org.parley.relay.InboundFrameListener;

/**
 * Test hook: shows each inbound text message to an {@link InboundFrameListener} and passes it on
 * unchanged. Only in the pipeline when a listener was given, so production pays nothing.
 *
 * <p>Threading: {@code @Sharable}; calls the listener on the channel's event loop.
 */
@Sharable
public final class InboundTapHandler extends ChannelInboundHandlerAdapter {
    private static final System.Logger LOG = System.getLogger(InboundTapHandler.class.getName());

    private final InboundFrameListener listener;

    public InboundTapHandler(InboundFrameListener listener) {
        this.listener = listener;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof TextWebSocketFrame text) {
            try {
                listener.onTextMessage(text.text());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "event=tap-failed error=" + e.getClass().getName());
            }
        }
        ctx.fireChannelRead(msg);
    }
}
