package org.parley.relay.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.parley.relay.AbstractLeakDetectionTest;
import org.parley.relay.TestIdentity;
import org.parley.relay.protocol.AckFrame;
import org.parley.relay.protocol.ErrorCode;
import org.parley.relay.protocol.ErrorFrame;
import org.parley.relay.protocol.InvalidFrame;
import org.parley.relay.protocol.SendFrame;
import org.parley.relay.protocol.UserBundle;
import org.parley.relay.session.OnlineUser;
import org.parley.relay.session.UserLoggedInEvent;

class RateLimitHandlerTest extends AbstractLeakDetectionTest {
    private static final int RATE = 10;
    private static final int BURST = 5;

    private static EmbeddedChannel channel() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.freezeTime();
        ch.pipeline().addLast(new RateLimitHandler(RATE, BURST));
        return ch;
    }

    private static SendFrame send(String id) {
        return new SendFrame(id, List.of("bob"), false, "x", "QQ==", 1L, "sig");
    }

    @Test
    void acksAreExemptOnlyAfterLogin() {
        EmbeddedChannel ch = channel();
        for (int i = 0; i < BURST; i++) {
            ch.writeInbound(new AckFrame("m" + i, "alice"));
            assertInstanceOf(AckFrame.class, ch.readInbound());
        }
        ch.writeInbound(new AckFrame("over", "alice"));
        assertNull(ch.readInbound(), "before login an ack costs a token like any frame");
        assertInstanceOf(ErrorFrame.class, ch.readOutbound());
        ch.pipeline().fireUserEventTriggered(new UserLoggedInEvent(
                new OnlineUser(new UserBundle("bob", TestIdentity.generate().bundle("bob")), ch)));
        for (int i = 0; i < 10 * BURST; i++) {
            ch.writeInbound(new AckFrame("a" + i, "alice"));
            assertInstanceOf(AckFrame.class, ch.readInbound(), "after login acks are not counted");
        }
        ch.finishAndReleaseAll();
    }

    @Test
    void aBurstPassesThenFramesAreRefusedWithTheirRefAndTheConnectionStays() {
        EmbeddedChannel ch = channel();
        for (int i = 0; i < BURST; i++) {
            ch.writeInbound(send("m" + i));
            assertInstanceOf(SendFrame.class, ch.readInbound());
        }
        ch.writeInbound(send("over"));
        assertNull(ch.readInbound(), "the frame is dropped");
        ErrorFrame error = ch.readOutbound();
        assertEquals(new ErrorFrame(ErrorCode.RATE_LIMITED, error.message(), Optional.of("over")), error);
        assertTrue(ch.isActive());

        ch.advanceTimeBy(1000 / RATE, TimeUnit.MILLISECONDS); // one token back
        SendFrame again = send("again");
        ch.writeInbound(again);
        assertSame(again, ch.readInbound());
        assertFalse(ch.finish());
    }

    @Test
    void invalidFramesCountToo() {
        EmbeddedChannel ch = channel();
        InvalidFrame garbage = new InvalidFrame(ErrorCode.BAD_JSON, "m", Optional.empty());
        for (int i = 0; i < BURST; i++) {
            ch.writeInbound(garbage);
        }
        ch.writeInbound(send("m"));
        assertEquals(BURST, ch.inboundMessages().size(), "garbage took the whole budget");
        ErrorFrame error = ch.readOutbound();
        assertEquals(ErrorCode.RATE_LIMITED, error.code());
        ch.finishAndReleaseAll();
    }

    @Test
    void aFloodFarBeyondTheBudgetIsClosedWith1008() {
        EmbeddedChannel ch = channel();
        int refusals = 0;
        for (int i = 0; i < BURST + RateLimitHandler.STRIKES_PER_BURST * BURST + 1 && ch.isOpen(); i++) {
            ch.writeInbound(send("f" + i));
        }
        Object out;
        CloseWebSocketFrame close = null;
        while ((out = ch.readOutbound()) != null) {
            if (out instanceof ErrorFrame) {
                refusals++;
            } else {
                close = (CloseWebSocketFrame) out;
            }
        }
        assertEquals(RateLimitHandler.STRIKES_PER_BURST * BURST, refusals);
        assertEquals(1008, close.statusCode());
        assertEquals("rate limit", close.reasonText());
        close.release();
        assertFalse(ch.isOpen());
        ch.finishAndReleaseAll();
    }

    @Test
    void aClientAtTheRateIsNeverRefused() {
        EmbeddedChannel ch = channel();
        for (int i = 0; i < 10 * BURST; i++) {
            ch.writeInbound(send("s" + i));
            assertInstanceOf(SendFrame.class, ch.readInbound());
            ch.advanceTimeBy(1000 / RATE, TimeUnit.MILLISECONDS);
        }
        assertNull(ch.readOutbound());
        assertFalse(ch.finish());
    }
}
