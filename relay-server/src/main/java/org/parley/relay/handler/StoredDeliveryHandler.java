package org.parley.relay.handler;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.lang.System.Logger.Level;
import java.util.List;
import org.parley.relay.metrics.RelayMetrics;
import org.parley.relay.session.ClusterUnavailableException;
import org.parley.relay.session.UserLoggedInEvent;
import org.parley.relay.store.MessageStore;
import org.parley.relay.store.StoredDelivery;

/**
 * After login (so after {@code welcome}), delivers the user's stored messages oldest first, exactly as
 * they were first written. Reads the queue in small batches and only while the connection is writable,
 * resuming when it drains, so a queue of big messages never piles up in memory. Copies stay stored until
 * acked: whatever is not acked is delivered again on the next login.
 *
 * <p>Threading: one instance per channel, used only on its event loop. Reading the queue may touch the
 * store file (page cache misses) on the event loop.
 */
public final class StoredDeliveryHandler extends ChannelInboundHandlerAdapter {
    static final int BATCH = 16;
    private static final System.Logger LOG = System.getLogger(StoredDeliveryHandler.class.getName());

    private final MessageStore store;
    private final RelayMetrics metrics;
    private String user;
    private long cursor;
    private int delivered;
    private boolean running;

    public StoredDeliveryHandler(MessageStore store, RelayMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        ctx.fireUserEventTriggered(evt);
        if (evt instanceof UserLoggedInEvent loggedIn) {
            user = loggedIn.user().name();
            deliverMore(ctx);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (user != null && ctx.channel().isWritable()) {
            deliverMore(ctx);
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void deliverMore(ChannelHandlerContext ctx) {
        if (running) {
            return; // called back from our own flush; the running loop re-checks writability after it
        }
        running = true;
        try {
            while (ctx.channel().isActive()) {
                List<StoredDelivery> batch;
                try {
                    batch = store.queued(user, cursor, BATCH);
                } catch (ClusterUnavailableException e) {
                    // cluster mode: Redis unreachable; the user logs in again later and gets the queue then
                    LOG.log(Level.WARNING, "event=stored-delivery-failed user={0} error={1}", user, e.getMessage());
                    ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.INTERNAL_SERVER_ERROR,
                            "message store unavailable")).addListener(ChannelFutureListener.CLOSE);
                    user = null;
                    return;
                }
                boolean paused = false;
                for (StoredDelivery d : batch) {
                    if (!ctx.channel().isWritable()) {
                        paused = true;
                        break;
                    }
                    ctx.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(d.deliver())));
                    cursor = d.seq();
                    delivered++;
                    metrics.storedDelivery();
                    metrics.framesOut("deliver", 1);
                }
                ctx.flush();
                if (paused && !ctx.channel().isWritable()) {
                    return; // resumed by channelWritabilityChanged
                }
                if (!paused && batch.size() < BATCH) {
                    break;
                }
            }
            if (delivered > 0) {
                LOG.log(Level.INFO, "event=stored-delivered user={0} count={1}", user, delivered);
            }
            user = null; // done; live messages arrive through the routing handlers
        } finally {
            running = false;
        }
    }
}
