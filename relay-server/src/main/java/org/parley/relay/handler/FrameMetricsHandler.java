package org.parley.relay.handler;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import org.parley.relay.metrics.RelayMetrics;
import org.parley.relay.protocol.AckFrame;
import org.parley.relay.protocol.AuthFrame;
import org.parley.relay.protocol.ChallengeFrame;
import org.parley.relay.protocol.DeliverFrame;
import org.parley.relay.protocol.ErrorFrame;
import org.parley.relay.protocol.HelloFrame;
import org.parley.relay.protocol.InboundFrame;
import org.parley.relay.protocol.OutboundFrame;
import org.parley.relay.protocol.PresenceFrame;
import org.parley.relay.protocol.ReceiptFrame;
import org.parley.relay.protocol.SendFrame;
import org.parley.relay.protocol.SentFrame;

/**
 * Counts typed frames in and out, and {@code error} frames by code, for {@link RelayMetrics}. Frames
 * encoded once for many recipients (deliveries, presence) bypass it and are counted where they are
 * written.
 *
 * <p>Threading: stateless and {@code @Sharable}; sits between the frame codec and the application
 * handlers.
 */
@Sharable
public final class FrameMetricsHandler extends ChannelDuplexHandler {
    private final RelayMetrics metrics;

    public FrameMetricsHandler(RelayMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof InboundFrame frame) {
            metrics.frameIn(frame instanceof SendFrame ? "send" : frame instanceof AckFrame ? "ack"
                    : frame instanceof HelloFrame ? "hello" : frame instanceof AuthFrame ? "auth" : "invalid");
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof OutboundFrame frame) {
            metrics.framesOut(type(frame), 1);
            if (frame instanceof ErrorFrame error) {
                metrics.reject(error.code());
            }
        }
        ctx.write(msg, promise);
    }

    private static String type(OutboundFrame frame) {
        if (frame instanceof SentFrame) {
            return "sent";
        } else if (frame instanceof ReceiptFrame) {
            return "receipt";
        } else if (frame instanceof DeliverFrame) {
            return "deliver";
        } else if (frame instanceof ErrorFrame) {
            return "error";
        } else if (frame instanceof PresenceFrame) {
            return "presence";
        } else if (frame instanceof ChallengeFrame) {
            return "challenge";
        }
        return "welcome";
    }
}
