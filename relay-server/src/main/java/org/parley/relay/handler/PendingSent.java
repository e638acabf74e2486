package org.parley.relay.handler;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicInteger;
import org.parley.relay.protocol.SentFrame;
import org.parley.relay.store.DurabilityCallback;

/**
 * The {@code sent} of one direct message, written once both are true: the routing handler has built it
 * (it knows who was online only after storing) and the store has made the copies durable. The two
 * happen in either order, on different threads. If the copies could not be stored, the sender gets no
 * {@code sent} but a close 1011 "message store unavailable", and resends after reconnecting (the store
 * keeps the first copy of a resend).
 *
 * <p>Threading: {@link #stored} on the store's thread, {@link #ready} on the sender's event loop; the
 * second of the two writes, through the thread-safe {@link ChannelHandlerContext}.
 */
final class PendingSent implements DurabilityCallback {
    private static final System.Logger LOG = System.getLogger(PendingSent.class.getName());

    private final ChannelHandlerContext ctx;
    private final AtomicInteger arrivals = new AtomicInteger();
    private volatile SentFrame sent;
    private volatile boolean durable;

    PendingSent(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void stored(boolean ok) {
        durable = ok;
        arrive();
    }

    /** The frame to write once durable. */
    void ready(SentFrame frame) {
        sent = frame;
        arrive();
    }

    private void arrive() {
        if (arrivals.incrementAndGet() < 2) {
            return;
        }
        if (durable) {
            ctx.writeAndFlush(sent);
        } else {
            LOG.log(Level.WARNING, "event=store-failed ref={0} action=close-sender", sent.ref());
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.INTERNAL_SERVER_ERROR,
                    "message store unavailable")).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
