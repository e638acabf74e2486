package org.parley.relay.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.parley.relay.AbstractLeakDetectionTest;
import org.parley.relay.TestIdentity;
import org.parley.relay.protocol.UserBundle;
import org.parley.relay.session.OnlineUser;
import org.parley.relay.session.UserLoggedInEvent;

class LoginTimeoutHandlerTest extends AbstractLeakDetectionTest {
    @Test
    void closesBeforeTheUpgradeWithoutAFrame() {
        EmbeddedChannel ch = new EmbeddedChannel(new LoginTimeoutHandler(Duration.ofSeconds(10)));
        ch.advanceTimeBy(9, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertTrue(ch.isOpen());
        ch.advanceTimeBy(2, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertFalse(ch.isOpen());
        assertNull(ch.readOutbound());
    }

    @Test
    void closesAnOpenWebSocketWith1008() {
        EmbeddedChannel ch = new EmbeddedChannel(new LoginTimeoutHandler(Duration.ofSeconds(1)));
        ch.pipeline().fireUserEventTriggered(new HandshakeComplete("/", new io.netty.handler.codec.http.DefaultHttpHeaders(), null));
        ch.advanceTimeBy(2, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        CloseWebSocketFrame close = assertInstanceOf(CloseWebSocketFrame.class, ch.readOutbound());
        assertEquals(1008, close.statusCode());
        close.release();
        assertFalse(ch.isOpen());
    }

    @Test
    void loginCancelsTheTimeoutAndRemovesTheHandler() {
        EmbeddedChannel ch = new EmbeddedChannel(new LoginTimeoutHandler(Duration.ofSeconds(1)));
        ch.pipeline().fireUserEventTriggered(
                new UserLoggedInEvent(new OnlineUser(new UserBundle("alice", TestIdentity.generate().bundle("alice")), ch)));
        assertNull(ch.pipeline().get(LoginTimeoutHandler.class));
        ch.advanceTimeBy(5, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertTrue(ch.isOpen());
        assertFalse(ch.finish());
    }
}
