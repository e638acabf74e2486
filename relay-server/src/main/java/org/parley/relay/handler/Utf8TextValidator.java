package org.parley.relay.handler;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Rejects a complete text message that is not valid UTF-8 with WebSocket close 1007 (PROTOCOL.md
 * §1), in place of Netty's per-fragment {@code Utf8FrameValidator} (switched off in the decoder
 * config): an all-ASCII message, the normal case (JSON with base64 values), is recognised eight bytes
 * at a time; only a message with a non-ASCII byte goes through the JDK's strict UTF-8 decoder
 * (overlong forms, surrogates and truncated sequences are errors). Sits right after the WebSocket
 * frame aggregator, so it sees whole messages (bounded by the aggregator's limit).
 *
 * <p>Threading: stateless and {@code @Sharable}.
 */
@Sharable
public final class Utf8TextValidator extends ChannelInboundHandlerAdapter {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof TextWebSocketFrame text && !isUtf8(text.content())) {
            text.release();
            if (ctx.channel().isOpen()) {
                ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.INVALID_PAYLOAD_DATA,
                        "invalid UTF-8 text")).addListener(ChannelFutureListener.CLOSE);
            }
            return;
        }
        ctx.fireChannelRead(msg);
    }

    static boolean isUtf8(ByteBuf buf) {
        return isAscii(buf) || strictUtf8(buf);
    }

    private static boolean isAscii(ByteBuf buf) {
        int length = buf.readableBytes();
        int i = 0;
        if (buf.hasArray()) {
            byte[] a = buf.array();
            int start = buf.arrayOffset() + buf.readerIndex();
            long acc = 0;
            for (; i + 8 <= length; i += 8) {
                acc |= (long) LONGS.get(a, start + i);
            }
            for (; i < length; i++) {
                acc |= a[start + i];
            }
            return (acc & HIGH_BITS) == 0;
        }
        int from = buf.readerIndex();
        for (; i + 8 <= length; i += 8) {
            if ((buf.getLong(from + i) & HIGH_BITS) != 0) {
                return false;
            }
        }
        for (; i < length; i++) {
            if (buf.getByte(from + i) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean strictUtf8(ByteBuf buf) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(buf.nioBuffer());
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
