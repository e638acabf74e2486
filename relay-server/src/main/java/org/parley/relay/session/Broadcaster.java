package org.parley.relay.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.parley.relay.protocol.FrameWriter;
import org.parley.relay.metrics.RelayMetrics;
import org.parley.relay.protocol.OutboundFrame;
import org.parley.relay.protocol.PresenceFrame;

/**
 * Writes one frame to many users, encoding it once: every recipient gets a retained duplicate of the
 * same buffer, so a message to N users is serialized once, not N times.
 *
 * <p>Threading: thread-safe. Writes to channels of other event loops are queued onto those loops,
 * so the order in which one thread calls {@link #send} is the order each recipient sees.
 */
public final class Broadcaster {
    private final FrameWriter writer;
    private final ByteBufAllocator alloc;
    private final RelayMetrics metrics;

    public Broadcaster(FrameWriter writer, ByteBufAllocator alloc, RelayMetrics metrics) {
        this.writer = writer;
        this.alloc = alloc;
        this.metrics = metrics;
    }

    /** Writes and flushes {@code frame} to each user in {@code recipients}. */
    public void send(OutboundFrame frame, Iterable<OnlineUser> recipients) {
        ByteBuf encoded = writer.write(alloc, frame);
        try {
            int n = 0;
            for (OnlineUser user : recipients) {
                user.channel().writeAndFlush(new TextWebSocketFrame(encoded.retainedDuplicate()));
                n++;
            }
            metrics.framesOut(frame instanceof PresenceFrame ? "presence" : "deliver", n);
        } finally {
            encoded.release();
        }
    }
}
