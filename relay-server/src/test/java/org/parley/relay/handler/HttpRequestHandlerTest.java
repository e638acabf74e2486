package org.parley.relay.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.parley.relay.AbstractLeakDetectionTest;

class HttpRequestHandlerTest extends AbstractLeakDetectionTest {
    private static FullHttpResponse get(String uri) {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpRequestHandler());
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
        ch.writeInbound(request);
        assertEquals(0, request.refCnt());
        return ch.readOutbound();
    }

    @Test
    void healthz() {
        FullHttpResponse response = get("/healthz");
        assertEquals(200, response.status().code());
        assertEquals("ok", response.content().toString(StandardCharsets.UTF_8));
        response.release();
    }

    @Test
    void otherPathsAreNotFound() {
        FullHttpResponse response = get("/admin?x=1");
        assertEquals(404, response.status().code());
        response.release();
    }

    @Test
    void theWebSocketPathPassesOn() {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpRequestHandler());
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        ch.writeInbound(request);
        assertSame(request, ch.readInbound());
        assertEquals(1, request.refCnt());
        request.release();
    }
}
