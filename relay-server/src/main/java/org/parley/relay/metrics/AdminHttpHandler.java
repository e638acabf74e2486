package org.parley.relay.metrics;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The admin port ({@code --metrics-port}): {@code GET /metrics} answers the Prometheus text format,
 * {@code GET /healthz} answers {@code 200 ok}, anything else 404. One request per connection.
 *
 * <p>Threading: stateless and {@code @Sharable}; scraping runs on the admin connection's event loop.
 */
@Sharable
public final class AdminHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final RelayMetrics metrics;

    public AdminHttpHandler(RelayMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = new QueryStringDecoder(request.uri()).path();
        boolean get = request.method().equals(HttpMethod.GET);
        if (get && path.equals("/metrics")) {
            respond(ctx, HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
        } else if (get && path.equals("/healthz")) {
            respond(ctx, HttpResponseStatus.OK, "text/plain; charset=utf-8", "ok");
        } else {
            respond(ctx, HttpResponseStatus.NOT_FOUND, "text/plain; charset=utf-8", "not found");
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private static void respond(ChannelHandlerContext ctx, HttpResponseStatus status, String type, String text) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, type)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
