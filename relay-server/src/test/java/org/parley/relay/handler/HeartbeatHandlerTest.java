package org.parley.relay.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.handler.timeout.IdleStateEvent;
import org.junit.jupiter.api.Test;
import org.parley.relay.AbstractLeakDetectionTest;

class HeartbeatHandlerTest extends AbstractLeakDetectionTest {
    private static EmbeddedChannel openWebSocket() {
        EmbeddedChannel ch = new EmbeddedChannel(new HeartbeatHandler());
        ch.pipeline().fireUserEventTriggered(new HandshakeComplete("/", new io.netty.handler.codec.http.DefaultHttpHeaders(), null));
        return ch;
    }

    @Test
    void pingsWhenIdleThenClosesWhenStillIdle() {
        EmbeddedChannel ch = openWebSocket();
        ch.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        PingWebSocketFrame ping = assertInstanceOf(PingWebSocketFrame.class, ch.readOutbound());
        ping.release();
        assertTrue(ch.isOpen());

        ch.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        CloseWebSocketFrame close = assertInstanceOf(CloseWebSocketFrame.class, ch.readOutbound());
        assertEquals(1001, close.statusCode());
        close.release();
        assertFalse(ch.isOpen());
    }

    @Test
    void consumesPongs() {
        EmbeddedChannel ch = openWebSocket();
        PongWebSocketFrame pong = new PongWebSocketFrame();
        ch.writeInbound(pong);
        assertNull(ch.readInbound());
        assertEquals(0, pong.refCnt());
        assertFalse(ch.finish());
    }

    @Test
    void ignoresIdlenessBeforeTheWebSocketIsOpen() {
        EmbeddedChannel ch = new EmbeddedChannel(new HeartbeatHandler());
        ch.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        assertNull(ch.readOutbound());
        assertTrue(ch.isOpen());
        assertFalse(ch.finish());
    }
}
