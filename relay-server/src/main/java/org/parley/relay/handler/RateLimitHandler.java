package org.parley.relay.handler;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.lang.System.Logger.Level;
import java.util.Optional;
import org.parley.relay.limit.TokenBucket;
import org.parley.relay.protocol.AckFrame;
import org.parley.relay.protocol.AuthFrame;
import org.parley.relay.protocol.ErrorCode;
import org.parley.relay.protocol.ErrorFrame;
import org.parley.relay.protocol.HelloFrame;
import org.parley.relay.protocol.InboundFrame;
import org.parley.relay.protocol.InvalidFrame;
import org.parley.relay.protocol.SendFrame;
import org.parley.relay.session.UserLoggedInEvent;

/**
 * Message rate per connection (DESIGN.md §4): every decoded message, valid or not, takes a token from a
 * bucket of {@code burst} tokens refilled at {@code rate}/s. Without a token the frame is dropped and
 * answered with {@code rate-limited} (the connection stays). Each refusal in turn takes a "strike" from a
 * second bucket of 10 × {@code burst} refilled at the same rate: a client that keeps flooding far beyond
 * its budget runs out of strikes and is closed with 1008 "rate limit". It sits before every handler that
 * costs CPU (signature checks, fan-out), so a flood of garbage is limited as well. Valid {@code ack}
 * frames after login are not counted (before login they are, since each is answered with an error): their number is bounded by the deliveries the relay made, and a user
 * logging in to a full offline queue acks up to {@code --max-queued-per-user} messages at once;
 * charging them would drop acks and cause endless redelivery.
 *
 * <p>Threading: one instance per channel, used only on its event loop; time is the loop's ticker.
 */
public final class RateLimitHandler extends ChannelInboundHandlerAdapter {
    /** Refusals allowed, in multiples of the burst, before a flooding connection is closed. */
    static final int STRIKES_PER_BURST = 10;
    private static final System.Logger LOG = System.getLogger(RateLimitHandler.class.getName());

    private final int rate;
    private final int burst;
    private TokenBucket messages;
    private TokenBucket strikes;
    private boolean closing;
    private boolean loggedIn;

    public RateLimitHandler(int ratePerSecond, int burst) {
        this.rate = ratePerSecond;
        this.burst = burst;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        long now = ctx.executor().ticker().nanoTime();
        messages = new TokenBucket(rate, burst, now);
        strikes = new TokenBucket(rate, (double) STRIKES_PER_BURST * burst, now);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof UserLoggedInEvent) {
            loggedIn = true;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof InboundFrame frame) || (loggedIn && msg instanceof AckFrame)) {
            ctx.fireChannelRead(msg); // acks are exempt after login: a recipient must be able to ack all it is delivered
            return;
        }
        long now = ctx.executor().ticker().nanoTime();
        if (messages.tryTake(now)) {
            ctx.fireChannelRead(frame);
        } else if (closing) {
            return; // the close is on its way; drop silently
        } else if (strikes.tryTake(now)) {
            ctx.writeAndFlush(new ErrorFrame(ErrorCode.RATE_LIMITED, "over " + rate + " messages/s; frame dropped",
                    ref(frame)));
        } else {
            closing = true;
            LOG.log(Level.INFO, "event=close reason=rate-limit remote={0}", ctx.channel().remoteAddress());
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.POLICY_VIOLATION, "rate limit"))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static Optional<String> ref(InboundFrame frame) {
        if (frame instanceof SendFrame s) {
            return Optional.of(s.id());
        } else if (frame instanceof HelloFrame h) {
            return Optional.of(h.id());
        } else if (frame instanceof AuthFrame a) {
            return Optional.of(a.id());
        }
        return frame instanceof InvalidFrame invalid ? invalid.ref() : Optional.empty();
    }
}
