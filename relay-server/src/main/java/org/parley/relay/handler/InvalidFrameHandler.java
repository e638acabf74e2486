package org.parley.relay.handler;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.lang.System.Logger.Level;
import org.parley.relay.protocol.InvalidFrame;

/**
 * Answers a refused message with an {@code error} frame and keeps the connection open: a buggy or
 * hostile client gets told, and the relay lives on. Logs the error code only, never content.
 *
 * <p>Threading: stateless and {@code @Sharable}.
 */
@Sharable
public final class InvalidFrameHandler extends SimpleChannelInboundHandler<InvalidFrame> {
    private static final System.Logger LOG = System.getLogger(InvalidFrameHandler.class.getName());

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, InvalidFrame invalid) {
        LOG.log(Level.DEBUG, "event=frame-refused remote={0} code={1}", ctx.channel().remoteAddress(),
                invalid.code().wireName());
        ctx.writeAndFlush(invalid.toError());
    }
}
