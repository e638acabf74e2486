package org.parley.relay.handler;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.parley.relay.metrics.RelayMetrics;
import org.parley.relay.protocol.DeliverFrame;
import org.parley.relay.protocol.ErrorCode;
import org.parley.relay.protocol.ErrorFrame;
import org.parley.relay.protocol.FrameWriter;
import org.parley.relay.protocol.RefusedRecipient;
import org.parley.relay.protocol.SendFrame;
import org.parley.relay.protocol.SentFrame;
import org.parley.relay.registry.UserRegistry;
import org.parley.relay.session.OnlineUser;
import org.parley.relay.session.UserDirectory;
import org.parley.relay.store.MessageStore;

/**
 * Store and forward of a logged-in user's direct {@code send} ({@code everyone} false; PROTOCOL.md §3).
 * The message is encoded once as {@code deliver}, stored for every registered recipient whose queue has
 * room, written at once to those online, and answered with {@code sent} (online {@code recipients},
 * offline {@code queued}, {@code refused} with {@code unknown-recipient} or {@code queue-full}) only when
 * the store reports the copies durable, or, for a message the store held in memory because every
 * recipient was online, once every recipient has acked it ({@link PendingSent}). A recipient refused for a full queue gets
 * nothing, even when online: the relay keeps no copy it could lose. Storing comes before the online
 * check, so a recipient logging in meanwhile gets the message live or from its queue (perhaps both;
 * receivers de-duplicate). Without any registered recipient but the sender: {@code no-recipients}. The
 * sender in {@code deliver.from} is the user logged in on this connection; body, {@code cts} and
 * {@code sig} are copied untouched and never verified. Everything else passes on to {@link RoutingHandler}.
 *
 * <p>Threading: one instance per channel, used only on its event loop; writes to other users' channels
 * are queued onto their own event loops; {@code sent} may be written from the store's thread.
 */
public final class DirectMessageHandler extends DirectSendHandler {
    private final MessageStore store;

    public DirectMessageHandler(UserDirectory directory, Clock clock, UserRegistry registry, MessageStore store,
            FrameWriter writer, RelayMetrics metrics) {
        super(directory, clock, registry, writer, metrics);
        this.store = store;
    }

    @Override
    void direct(ChannelHandlerContext ctx, SendFrame send, OnlineUser sender) {
        long accepted = System.nanoTime();
        Recipients recipients = Recipients.of(send, sender.name(), directory, registry);
        List<String> registered = recipients.registered();
        List<RefusedRecipient> refused = recipients.refused();
        if (registered.isEmpty()) {
            ctx.writeAndFlush(ErrorFrame.of(ErrorCode.NO_RECIPIENTS, "none of the recipients is registered", send.id()));
            return;
        }
        refused.forEach(r -> metrics.reject(r.code()));
        long ts = clock.millis();
        ByteBuf deliver = writer.write(ctx.alloc(), new DeliverFrame(send, sender.name(), ts));
        try {
            PendingSent pending = new PendingSent(ctx);
            List<String> full = store.store(sender.name(), send.id(), ByteBufUtil.getBytes(deliver), registered,
                    recipients.allOnline(), pending);
            List<String> online = new ArrayList<>(registered.size());
            List<String> queued = new ArrayList<>(0);
            ChannelFutureListener latency = null;
            for (String name : registered) {
                OnlineUser user;
                if (!full.isEmpty() && full.contains(name)) {
                    refused.add(new RefusedRecipient(name, ErrorCode.QUEUE_FULL));
                    metrics.reject(ErrorCode.QUEUE_FULL);
                } else if ((user = directory.find(name).orElse(null)) != null) {
                    latency = latency != null ? latency : f -> {
                        if (f.isSuccess()) {
                            metrics.liveDelivery(System.nanoTime() - accepted);
                        }
                    };
                    user.channel().writeAndFlush(new TextWebSocketFrame(deliver.retainedDuplicate())).addListener(latency);
                    online.add(name);
                } else {
                    queued.add(name);
                }
            }
            metrics.framesOut("deliver", online.size());
            pending.ready(new SentFrame(send.id(), ts, online, queued, refused));
        } finally {
            deliver.release();
        }
    }
}
