package org.parley.relay.handler;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.parley.relay.metrics.RelayMetrics;
import org.parley.relay.protocol.DeliverFrame;
import org.parley.relay.protocol.ErrorCode;
import org.parley.relay.protocol.ErrorFrame;
import org.parley.relay.protocol.FrameWriter;
import org.parley.relay.protocol.RefusedRecipient;
import org.parley.relay.protocol.SendFrame;
import org.parley.relay.protocol.SentFrame;
import org.parley.relay.registry.UserRegistry;
import org.parley.relay.session.ClusterUnavailableException;
import org.parley.relay.session.OnlineUser;
import org.parley.relay.session.UserDirectory;
import org.parley.relay.store.AsyncMessageStore;

/**
 * Store and forward of a direct {@code send} on a node of a relay cluster: the same contract as
 * {@link DirectMessageHandler} (stored for every registered recipient whose queue has room before
 * {@code sent}; {@code queue-full} recipients get nothing, even when online), with the copies kept in the
 * cluster's shared store. Order of events, which is what makes a node's death lose nothing:
 * <ol>
 *   <li>the copies are stored in the shared store (one round trip; durable as the store is configured);</li>
 *   <li>then each accepted recipient online on this node gets {@code deliver}, and each other one is
 *       published to whichever node it is online on (on the same store connection, so after the store
 *       in the store's order: an {@code ack} can never overtake its copy);</li>
 *   <li>then {@code sent}: {@code recipients} = online on this or another node (a node took the
 *       publication), {@code queued} = the others.</li>
 * </ol>
 * If the store fails, the sender gets no {@code sent} but close 1011 "message store unavailable" and
 * resends after reconnecting (the store keeps the first copy of a resend).
 *
 * <p>Threading: one instance per channel; {@code channelRead} on its event loop, the rest on the store
 * client's threads, writing through the thread-safe {@link ChannelHandlerContext}.
 */
public final class ClusterDirectMessageHandler extends DirectSendHandler {
    private static final System.Logger LOG = System.getLogger(ClusterDirectMessageHandler.class.getName());

    private final AsyncMessageStore store;

    public ClusterDirectMessageHandler(UserDirectory directory, Clock clock, UserRegistry registry, AsyncMessageStore store,
            FrameWriter writer, RelayMetrics metrics) {
        super(directory, clock, registry, writer, metrics);
        this.store = store;
    }

    @Override
    void direct(ChannelHandlerContext ctx, SendFrame send, OnlineUser sender) {
        long accepted = System.nanoTime();
        Recipients recipients;
        try {
            recipients = Recipients.of(send, sender.name(), directory, registry);
        } catch (ClusterUnavailableException e) {
            storeFailed(ctx, send.id(), e);
            return;
        }
        List<String> registered = recipients.registered();
        List<RefusedRecipient> refused = recipients.refused();
        if (registered.isEmpty()) {
            ctx.writeAndFlush(ErrorFrame.of(ErrorCode.NO_RECIPIENTS, "none of the recipients is registered", send.id()));
            return;
        }
        refused.forEach(r -> metrics.reject(r.code()));
        long ts = clock.millis();
        ByteBuf encoded = writer.write(ctx.alloc(), new DeliverFrame(send, sender.name(), ts));
        byte[] deliver;
        try {
            deliver = ByteBufUtil.getBytes(encoded);
        } finally {
            encoded.release();
        }
        String from = sender.name();
        store.storeAsync(from, send.id(), deliver, registered).whenComplete((full, error) -> {
            if (error != null) {
                storeFailed(ctx, send.id(), error);
            } else {
                route(ctx, send.id(), ts, deliver, registered, full, refused, accepted);
            }
        });
    }

    private void route(ChannelHandlerContext ctx, String id, long ts, byte[] deliver, List<String> registered,
            List<String> full, List<RefusedRecipient> refused, long accepted) {
        List<CompletableFuture<Boolean>> outcomes = new ArrayList<>(registered.size());
        ChannelFutureListener latency = f -> {
            if (f.isSuccess()) {
                metrics.liveDelivery(System.nanoTime() - accepted);
            }
        };
        int local = 0;
        for (String name : registered) {
            if (full.contains(name)) {
                refused.add(new RefusedRecipient(name, ErrorCode.QUEUE_FULL));
                metrics.reject(ErrorCode.QUEUE_FULL);
                outcomes.add(null);
                continue;
            }
            OnlineUser user = directory.find(name).orElse(null);
            if (user != null) {
                user.channel().writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(deliver))).addListener(latency);
                outcomes.add(CompletableFuture.completedFuture(true));
                local++;
            } else {
                outcomes.add(directory.remote().toUser(name, deliver));
            }
        }
        metrics.framesOut("deliver", local);
        CompletableFuture.allOf(outcomes.stream().filter(o -> o != null).toArray(CompletableFuture[]::new))
                .whenComplete((ignored, error) -> {
                    List<String> online = new ArrayList<>(registered.size());
                    List<String> queued = new ArrayList<>(0);
                    for (int i = 0; i < registered.size(); i++) {
                        CompletableFuture<Boolean> o = outcomes.get(i);
                        if (o == null) {
                            continue;
                        }
                        // toUser never fails; a publication that could not be made leaves the copy queued
                        (o.getNow(false) ? online : queued).add(registered.get(i));
                    }
                    ctx.writeAndFlush(new SentFrame(id, ts, online, queued, refused));
                });
    }

    private static void storeFailed(ChannelHandlerContext ctx, String ref, Throwable error) {
        LOG.log(Level.WARNING, "event=store-failed ref={0} action=close-sender error={1}", ref, error.getMessage());
        ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.INTERNAL_SERVER_ERROR,
                "message store unavailable")).addListener(ChannelFutureListener.CLOSE);
    }
}
