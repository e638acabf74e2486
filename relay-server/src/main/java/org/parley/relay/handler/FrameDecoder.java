package org.parley.relay.handler;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;
import java.util.Optional;
import org.parley.relay.protocol.ErrorCode;
import org.parley.relay.protocol.FrameReader;
import org.parley.relay.protocol.InvalidFrame;

/**
 * Complete WebSocket messages → {@link org.parley.relay.protocol.InboundFrame}s. Enforces the
 * application size limit: the WebSocket layer accepts up to 4 × {@code maxMessageBytes} so that an
 * oversized message can be answered with {@code too-large} here instead of killing the connection.
 * Binary messages are refused with {@code bad-frame} (PROTOCOL.md §1: JSON text only).
 *
 * <p>Threading: stateless and {@code @Sharable}. The input frame is released by the base class.
 */
@Sharable
public final class FrameDecoder extends MessageToMessageDecoder<WebSocketFrame> {
    private final FrameReader reader;
    private final int maxMessageBytes;

    public FrameDecoder(FrameReader reader, int maxMessageBytes) {
        super(WebSocketFrame.class);
        this.reader = reader;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        ByteBuf content = frame.content();
        if (frame instanceof TextWebSocketFrame) {
            out.add(content.readableBytes() > maxMessageBytes
                    ? new InvalidFrame(ErrorCode.TOO_LARGE,
                            "message exceeds " + maxMessageBytes + " bytes", Optional.empty())
                    : reader.read(content));
        } else if (frame instanceof BinaryWebSocketFrame) {
            out.add(new InvalidFrame(ErrorCode.BAD_FRAME, "binary messages are not accepted", Optional.empty()));
        } else {
            out.add(frame.retain()); // control frames are someone else's business
        }
    }
}
