package org.parley.relay.handler;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Clock;
import java.util.Optional;
import org.parley.relay.protocol.AckFrame;
import org.parley.relay.protocol.FrameWriter;
import org.parley.relay.protocol.ReceiptFrame;
import org.parley.relay.session.OnlineUser;
import org.parley.relay.session.UserDirectory;
import org.parley.relay.session.UserLoggedInEvent;
import org.parley.relay.store.AsyncMessageStore;
import org.parley.relay.store.MessageStore;

/**
 * {@code ack} → the recipient's stored copy is deleted, and the sender, if online, gets a
 * {@code receipt}. An ack for nothing stored (a repeat, an expired copy, a stranger's id) is ignored:
 * no receipt, no error. Receipts for senders who are offline are dropped, not stored: a receipt is a
 * courtesy, the message itself is safe. Sits after the login handler, which refuses acks before login.
 *
 * <p>Threading: one instance per channel, used only on its event loop; the receipt is queued onto the
 * sender's event loop (or, in a cluster, published to the sender's node).
 */
public final class AckHandler extends ChannelInboundHandlerAdapter {
    private static final FrameWriter WRITER = new FrameWriter();
    private final MessageStore store;
    private final UserDirectory directory;
    private final Clock clock;
    private OnlineUser user;

    public AckHandler(MessageStore store, UserDirectory directory, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.clock = clock;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof UserLoggedInEvent loggedIn) {
            user = loggedIn.user();
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof AckFrame ack) || user == null) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (store instanceof AsyncMessageStore async) {
            // Cluster: the ack script runs in Redis; the event loop does not wait for it.
            String name = user.name();
            async.ackAsync(name, ack.from(), ack.ref()).whenComplete((acked, error) -> {
                if (error == null && acked) {
                    receipt(ctx, ack, name);
                }
            });
        } else if (store.ack(user.name(), ack.from(), ack.ref())) {
            receipt(ctx, ack, user.name());
        }
    }

    private void receipt(ChannelHandlerContext ctx, AckFrame ack, String recipient) {
        ReceiptFrame receipt = new ReceiptFrame(ack.ref(), recipient, clock.millis());
        Optional<OnlineUser> sender = directory.find(ack.from());
        if (sender.isPresent()) {
            sender.get().channel().writeAndFlush(receipt);
        } else if (directory.remote().enabled()) {
            // The sender may be online on another node; dropped there if not (like here).
            ByteBuf encoded = WRITER.write(ctx.alloc(), receipt);
            try {
                directory.remote().toUser(ack.from(), ByteBufUtil.getBytes(encoded));
            } finally {
                encoded.release();
            }
        }
    }
}
