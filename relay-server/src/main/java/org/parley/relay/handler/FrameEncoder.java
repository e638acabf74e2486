package org.parley.relay.handler;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.List;
import org.parley.relay.protocol.FrameWriter;
import org.parley.relay.protocol.OutboundFrame;

/**
 * {@link OutboundFrame} records → JSON text messages. Frames already encoded once for many recipients
 * (see {@link org.parley.relay.session.Broadcaster}) arrive as {@code TextWebSocketFrame}s and pass
 * through untouched.
 *
 * <p>Threading: stateless and {@code @Sharable}.
 */
@Sharable
public final class FrameEncoder extends MessageToMessageEncoder<OutboundFrame> {
    private final FrameWriter writer;

    public FrameEncoder(FrameWriter writer) {
        super(OutboundFrame.class);
        this.writer = writer;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, OutboundFrame frame, List<Object> out) {
        out.add(new TextWebSocketFrame(writer.write(ctx.alloc(), frame)));
    }
}
