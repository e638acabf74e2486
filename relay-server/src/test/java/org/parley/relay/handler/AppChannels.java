package org.parley.relay.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.parley.relay.Json;
import org.parley.relay.TestIdentity;
import org.parley.relay.auth.Authenticator;
import org.parley.relay.metrics.RelayMetrics;
import org.parley.relay.store.InMemoryMessageStore;
import org.parley.relay.protocol.AuthFrame;
import org.parley.relay.protocol.FrameReader;
import org.parley.relay.protocol.FrameWriter;
import org.parley.relay.protocol.HelloFrame;
import org.parley.relay.registry.InMemoryUserRegistry;
import org.parley.relay.session.Broadcaster;
import org.parley.relay.session.UserDirectory;
import org.parley.relay.session.UserLoggedInEvent;

/**
 * Test fixture: EmbeddedChannels with the application half of the relay pipeline (encoder, metrics,
 * invalid frames, login, presence, stored delivery, acks, direct messages, routing, errors) sharing one directory, an
 * in-memory user registry and message store, metrics, the
 * relay fingerprint {@link #FINGERPRINT} and a fixed clock. Every outbound frame read is released and
 * remembered, so {@link #assertAllReleased()} can check reference counts.
 */
final class AppChannels {
    static final long NOW = 1795000000000L;
    static final String FINGERPRINT = "ab".repeat(32);
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);

    final FrameWriter writer = new FrameWriter();
    final RelayMetrics metrics = new RelayMetrics();
    final Broadcaster broadcaster = new Broadcaster(writer, ByteBufAllocator.DEFAULT, metrics);
    final UserDirectory directory = new UserDirectory(broadcaster);
    final InMemoryUserRegistry registry = new InMemoryUserRegistry();
    final Authenticator authenticator = new Authenticator(registry, new SecureRandom(), FINGERPRINT, CLOCK);
    final InMemoryMessageStore store;
    final List<Object> userEvents = new ArrayList<>();
    /** Exceptions that reached the backstop {@link ErrorHandler}; a correct relay has none. */
    final List<Throwable> exceptions = new ArrayList<>();
    private final List<TextWebSocketFrame> released = new ArrayList<>();
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    AppChannels() {
        this(1000);
    }

    /** With an in-memory message store of {@code maxQueuedPerUser} per recipient (nothing expires). */
    AppChannels(int maxQueuedPerUser) {
        store = new InMemoryMessageStore(maxQueuedPerUser, Duration.ofDays(7), CLOCK);
    }

    EmbeddedChannel newChannel() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameEncoder(writer), new FrameMetricsHandler(metrics),
                new InvalidFrameHandler(), new LoginHandler(authenticator, directory), new PresenceHandler(directory),
                new StoredDeliveryHandler(store, metrics), new AckHandler(store, directory, CLOCK),
                new DirectMessageHandler(directory, CLOCK, registry, store, writer, metrics),
                new RoutingHandler(directory, broadcaster, CLOCK),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                        userEvents.add(evt);
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        exceptions.add(cause);
                        ctx.fireExceptionCaught(cause);
                    }
                },
                new ErrorHandler());
        channels.add(ch);
        return ch;
    }

    /**
     * Like {@link #newChannel()} but fed with WebSocket frames, as in the relay: the real
     * {@link FrameDecoder} (messages up to {@code maxBytes}) and a {@link RateLimitHandler} in front.
     */
    EmbeddedChannel newWireChannel(int maxBytes, int rate, int burst) {
        EmbeddedChannel ch = newChannel();
        ch.freezeTime();
        String encoder = ch.pipeline().context(FrameEncoder.class).name();
        ch.pipeline().addFirst("frame-decoder", new FrameDecoder(new FrameReader(8, maxBytes), maxBytes));
        ch.pipeline().addAfter(encoder, "rate-limit", new RateLimitHandler(rate, burst));
        return ch;
    }

    /** A channel logged in as {@code user} with a fresh identity, with its welcome already read. */
    EmbeddedChannel loggedIn(String user) {
        return loggedIn(user, TestIdentity.generate());
    }

    /** A channel logged in as {@code user} with {@code identity}, with its welcome already read. */
    EmbeddedChannel loggedIn(String user, TestIdentity identity) {
        EmbeddedChannel ch = newChannel();
        String nonce = challenge(ch, user, identity);
        ch.writeInbound(new AuthFrame("a-" + user, identity.answer(user, nonce, FINGERPRINT)));
        Map<String, Object> welcome = next(ch);
        assertEquals("welcome", welcome.get("type"), () -> "got " + welcome);
        return ch;
    }

    /** Sends a valid hello on {@code ch} and returns the challenge's nonce. */
    String challenge(EmbeddedChannel ch, String user, TestIdentity identity) {
        ch.writeInbound(new HelloFrame("h-" + user, user, identity.bundle(user)));
        Map<String, Object> challenge = next(ch);
        assertEquals("challenge", challenge.get("type"), () -> "got " + challenge);
        return (String) challenge.get("nonce");
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

    /** The next outbound frame, which must be a WebSocket close; returns its status code (released). */
    int nextClose(EmbeddedChannel ch) {
        io.netty.handler.codec.http.websocketx.CloseWebSocketFrame close = ch.readOutbound();
        assertNotNull(close, "expected a close frame");
        int code = close.statusCode();
        close.release();
        return code;
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
