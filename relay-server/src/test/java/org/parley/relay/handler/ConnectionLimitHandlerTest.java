package org.parley.relay.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.parley.relay.AbstractLeakDetectionTest;
import org.parley.relay.limit.ConnectionCounter;

class ConnectionLimitHandlerTest extends AbstractLeakDetectionTest {
    private static final InetAddress HOST = InetAddress.getLoopbackAddress();
    private final ConnectionCounter counter = new ConnectionCounter(2);
    private final ConnectionLimitHandler limit = new ConnectionLimitHandler(counter);
    private final AtomicInteger activated = new AtomicInteger();

    /** An EmbeddedChannel whose remote address is {@code host}. */
    private EmbeddedChannel connect(InetAddress host) throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(false, false) {
            @Override
            protected SocketAddress remoteAddress0() {
                return new InetSocketAddress(host, 40000);
            }
        };
        ch.pipeline().addLast(limit, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                activated.incrementAndGet();
            }
        });
        ch.register();
        return ch;
    }

    @Test
    void overTheLimitIsClosedAtOnceWithoutReachingTheRestOfThePipeline() throws Exception {
        List<EmbeddedChannel> open = new ArrayList<>();
        open.add(connect(HOST));
        open.add(connect(HOST));
        EmbeddedChannel third = connect(HOST);
        assertFalse(third.isOpen(), "the third connection from one address is closed");
        assertEquals(2, activated.get(), "TLS and everything after it never saw the refused connection");
        assertTrue(open.stream().allMatch(EmbeddedChannel::isActive));
        assertNull(open.get(0).pipeline().get(ConnectionLimitHandler.class), "removes itself once counted");

        EmbeddedChannel other = connect(InetAddress.getByName("192.0.2.1"));
        assertTrue(other.isActive(), "other addresses have their own count");

        open.get(0).close();
        assertEquals(1, counter.count(HOST));
        EmbeddedChannel again = connect(HOST);
        assertTrue(again.isActive(), "a closed connection frees its slot");
        for (EmbeddedChannel ch : List.of(open.get(1), other, again, third)) {
            ch.finishAndReleaseAll();
        }
        assertEquals(0, counter.count(HOST));
    }
}
