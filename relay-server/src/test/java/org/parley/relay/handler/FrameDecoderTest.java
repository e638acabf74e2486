package org.parley.relay.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.relay.AbstractLeakDetectionTest;
import org.parley.relay.protocol.ErrorCode;
import org.parley.relay.protocol.FrameReader;
import org.parley.relay.protocol.InvalidFrame;
import org.parley.relay.protocol.SendFrame;

class FrameDecoderTest extends AbstractLeakDetectionTest {
    private static final int MAX = 2048;

    private EmbeddedChannel channel(List<String> tapped) {
        return new EmbeddedChannel(new InboundTapHandler(tapped::add), new FrameDecoder(new FrameReader(4, MAX), MAX));
    }

    @Test
    void decodesTextAndReleasesIt() {
        List<String> tapped = new ArrayList<>();
        EmbeddedChannel ch = channel(tapped);
        String json = "{\"type\":\"send\",\"v\":2,\"id\":\"m\",\"to\":[\"b\"],\"scheme\":\"x\",\"body\":\"QQ==\","
                + "\"cts\":1,\"sig\":\"" + "A".repeat(86) + "==\"}";
        TextWebSocketFrame frame = new TextWebSocketFrame(json);
        ch.writeInbound(frame);
        assertInstanceOf(SendFrame.class, ch.readInbound());
        assertEquals(0, frame.refCnt());
        assertEquals(List.of(json), tapped, "the test hook sees the raw text");
        assertFalse(ch.finish());
    }

    @Test
    void oversizedTextIsTooLargeNotFatal() {
        EmbeddedChannel ch = channel(new ArrayList<>());
        TextWebSocketFrame frame = new TextWebSocketFrame("{\"x\":\"" + "a".repeat(MAX) + "\"}");
        ch.writeInbound(frame);
        assertEquals(ErrorCode.TOO_LARGE, ((InvalidFrame) ch.readInbound()).code());
        assertEquals(0, frame.refCnt());
        assertFalse(ch.finish());
    }

    @Test
    void binaryIsRefused() {
        EmbeddedChannel ch = channel(new ArrayList<>());
        BinaryWebSocketFrame frame = new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
        ch.writeInbound(frame);
        assertEquals(ErrorCode.BAD_FRAME, ((InvalidFrame) ch.readInbound()).code());
        assertEquals(0, frame.refCnt());
        assertFalse(ch.finish());
    }

    @Test
    void controlFramesPassThrough() {
        EmbeddedChannel ch = channel(new ArrayList<>());
        PongWebSocketFrame pong = new PongWebSocketFrame();
        ch.writeInbound(pong);
        assertSame(pong, ch.readInbound());
        assertEquals(1, pong.refCnt());
        pong.release();
        assertFalse(ch.finish());
    }
}
