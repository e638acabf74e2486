package org.parley.relay.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.parley.relay.Json;
import org.parley.relay.protocol.FrameWriter;
import org.parley.relay.protocol.HelloFrame;
import org.parley.relay.session.Broadcaster;
import org.parley.relay.session.UserDirectory;
import org.parley.relay.session.UserLoggedInEvent;

/**
 * Test fixture: EmbeddedChannels with the application half of the relay pipeline (encoder, invalid
 * frames, login, presence, routing, errors) sharing one directory and a fixed clock. Every outbound
 * frame read is released and remembered, so {@link #assertAllReleased()} can check reference counts.
 */
final class AppChannels {
    static final long NOW = 1795000000000L;

    final FrameWriter writer = new FrameWriter();
    final Broadcaster broadcaster = new Broadcaster(writer, ByteBufAllocator.DEFAULT);
    final UserDirectory directory = new UserDirectory(broadcaster);
    final List<Object> userEvents = new ArrayList<>();
    private final List<TextWebSocketFrame> released = new ArrayList<>();
    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private final LoginHandler login = new LoginHandler(directory);

    EmbeddedChannel newChannel() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameEncoder(writer), new InvalidFrameHandler(), login,
                new PresenceHandler(directory),
                new RoutingHandler(directory, broadcaster, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC)),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                        userEvents.add(evt);
                    }
                },
                new ErrorHandler());
        channels.add(ch);
        return ch;
    }

    /** A channel logged in as {@code user}, with its welcome already read. */
    EmbeddedChannel loggedIn(String user) {
        EmbeddedChannel ch = newChannel();
        ch.writeInbound(new HelloFrame("h-" + user, user, Map.of("x", "QQ==")));
        assertEquals("welcome", next(ch).get("type"));
        return ch;
    }

    /** The next outbound frame as JSON (released). */
    Map<String, Object> next(EmbeddedChannel ch) {
        TextWebSocketFrame frame = ch.readOutbound();
        assertNotNull(frame, "expected an outbound frame");
        String text = frame.text();
        frame.release();
        released.add(frame);
        return Json.object(text);
    }

    /** Drains presence frames a channel got while others logged in. */
    void skipPresence(EmbeddedChannel ch) {
        while (ch.outboundMessages().peek() instanceof TextWebSocketFrame f && f.text().contains("\"presence\"")) {
            next(ch);
        }
    }

    long loggedInEvents() {
        return userEvents.stream().filter(UserLoggedInEvent.class::isInstance).count();
    }

    void assertAllReleased() {
        for (EmbeddedChannel ch : channels) {
            ch.finishAndReleaseAll();
        }
        for (TextWebSocketFrame f : released) {
            assertEquals(0, f.refCnt(), "every outbound buffer must be released");
        }
    }
}
