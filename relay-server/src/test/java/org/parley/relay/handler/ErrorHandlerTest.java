package org.parley.relay.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.parley.relay.AbstractLeakDetectionTest;

class ErrorHandlerTest extends AbstractLeakDetectionTest {
    @Test
    void messageOverTheTransportLimitClosesWith1009() {
        EmbeddedChannel ch = new EmbeddedChannel(new ErrorHandler());
        ch.pipeline().fireExceptionCaught(new TooLongFrameException("too long"));
        CloseWebSocketFrame close = assertInstanceOf(CloseWebSocketFrame.class, ch.readOutbound());
        assertEquals(1009, close.statusCode());
        close.release();
        assertFalse(ch.isOpen());
    }

    /** Stands in for Netty's WebSocket encoder: present once a connection was upgraded. */
    private static final class UpgradedMarker extends io.netty.channel.ChannelOutboundHandlerAdapter
            implements io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder {
    }

    @Test
    void anUnexpectedErrorOnAWebSocketClosesWith1011SoClientsReconnect() {
        EmbeddedChannel ch = new EmbeddedChannel(new UpgradedMarker(), new ErrorHandler());
        ch.pipeline().fireExceptionCaught(new IllegalStateException("a bug"));
        CloseWebSocketFrame close = assertInstanceOf(CloseWebSocketFrame.class, ch.readOutbound());
        assertEquals(1011, close.statusCode());
        close.release();
        assertFalse(ch.isOpen());
    }

    @Test
    void anUnexpectedErrorBeforeTheUpgradeClosesWithoutAFrame() {
        EmbeddedChannel ch = new EmbeddedChannel(new ErrorHandler());
        ch.pipeline().fireExceptionCaught(new IllegalStateException("a bug"));
        assertFalse(ch.isOpen());
        assertNull(ch.readOutbound());
    }

    @Test
    void otherErrorsCloseWithoutAFrame() {
        EmbeddedChannel ch = new EmbeddedChannel(new ErrorHandler());
        ch.pipeline().fireExceptionCaught(new IOException("connection reset"));
        assertFalse(ch.isOpen());
        assertNull(ch.readOutbound());
        ch.checkException(); // nothing escaped the handler
    }
}
