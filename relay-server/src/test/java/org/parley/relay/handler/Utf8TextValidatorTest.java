package org.parley.relay.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.relay.AbstractLeakDetectionTest;

/** Valid text passes untouched; invalid UTF-8 is released and answered with close 1007. */
class Utf8TextValidatorTest extends AbstractLeakDetectionTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "{\"type\":\"send\",\"v\":2}", "Grüße — 你好 — 🔐", "0123456789abcdef0123456789abcdef"})
    void validTextPasses(String text) {
        EmbeddedChannel channel = new EmbeddedChannel(new Utf8TextValidator());
        assertTrue(channel.writeInbound(new TextWebSocketFrame(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8))));
        TextWebSocketFrame passed = channel.readInbound();
        assertEquals(text, passed.text());
        passed.release();
        assertTrue(channel.isOpen());
        assertFalse(channel.finish());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "c0af",             // overlong '/'
        "eda080",           // UTF-16 surrogate encoded as UTF-8
        "7b2261223a22e282", // truncated 3-byte sequence at the end of an otherwise ASCII message
        "41424344454647ff", // 0xFF never appears in UTF-8 (after a full 8-byte ASCII block check)
    })
    void invalidUtf8ClosesWith1007(String hex) {
        EmbeddedChannel channel = new EmbeddedChannel(new Utf8TextValidator());
        TextWebSocketFrame frame = new TextWebSocketFrame(Unpooled.wrappedBuffer(java.util.HexFormat.of().parseHex(hex)));
        assertFalse(channel.writeInbound(frame));
        assertEquals(0, frame.refCnt(), "the refused frame is released");
        CloseWebSocketFrame close = channel.readOutbound();
        assertEquals(1007, close.statusCode());
        close.release();
        assertFalse(channel.isOpen());
    }
}
