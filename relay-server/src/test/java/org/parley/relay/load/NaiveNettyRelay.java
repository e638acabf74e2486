package org.parley.relay.load;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.AttributeKey;

/**
 * A benchmark yardstick, never a product: the least a Netty relay can do for the reference protocol of
 * {@code bench/reference_relay.py} (register, then forward each {@code send} to its target or to
 * everyone else), over TLS with the same OpenSSL engine and event-loop count as the Parley relay. No
 * authentication, no signatures, no storage, no acks, no limits; fields are found by string search, as
 * in the naive relay of PERF-FACTS. It shows what this machine and {@link LoadTool} allow any relay
 * here, next to the Python reference and Parley (docs/BENCHMARKS.md, Session 5).
 *
 * <pre>java -cp ... org.parley.relay.load.NaiveNettyRelay PORT CERT.pem KEY.pem [EVENT_LOOPS]</pre>
 */
public final class NaiveNettyRelay {

    private static final AttributeKey<String> NAME = AttributeKey.valueOf("name");
    private static final Map<String, Channel> CLIENTS = new ConcurrentHashMap<>();

    private NaiveNettyRelay() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        SslContext ssl = SslContextBuilder.forServer(new File(args[1]), new File(args[2]))
                .sslProvider(SslProvider.OPENSSL).build();
        int loops = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(loops, NioIoHandler.newFactory());
        new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024).childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(ssl.newHandler(ch.alloc()), new HttpServerCodec(),
                                new HttpObjectAggregator(65536), new WebSocketServerProtocolHandler("/", null, false,
                                        1 << 20), new Router());
                    }
                }).bind("127.0.0.1", port).sync();
        System.out.println("naive relay listening on wss://127.0.0.1:" + port + "/ (" + loops + " event loops)");
    }

    private static final class Router extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            String text = frame.content().toString(StandardCharsets.UTF_8);
            String name = ctx.channel().attr(NAME).get();
            if (text.startsWith("{\"type\":\"register\"")) {
                String user = field(text, "name");
                ctx.channel().attr(NAME).set(user);
                CLIENTS.put(user, ctx.channel());
                ctx.writeAndFlush(new TextWebSocketFrame("{\"type\":\"welcome\"}"));
                return;
            }
            if (name == null || !text.startsWith("{\"type\":\"send\"")) {
                return;
            }
            String deliver = "{\"type\":\"deliver\",\"from\":\"" + name + "\",\"id\":\"" + field(text, "id")
                    + "\",\"body\":\"" + field(text, "body") + "\"}";
            if (text.contains("\"everyone\":true")) {
                ByteBuf bytes = ctx.alloc().buffer(deliver.length()).writeBytes(deliver.getBytes(StandardCharsets.UTF_8));
                for (Channel c : CLIENTS.values()) {
                    if (c != ctx.channel()) {
                        c.writeAndFlush(new TextWebSocketFrame(bytes.retainedDuplicate()));
                    }
                }
                bytes.release();
            } else {
                Channel target = CLIENTS.get(field(text, "to"));
                if (target != null) {
                    target.writeAndFlush(new TextWebSocketFrame(deliver));
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            String name = ctx.channel().attr(NAME).get();
            if (name != null) {
                CLIENTS.remove(name, ctx.channel());
            }
        }

        /** The string value of {@code key} (no escapes: the load tool sends none). */
        private static String field(String json, String key) {
            String marker = "\"" + key + "\":\"";
            int start = json.indexOf(marker);
            if (start < 0) {
                return "";
            }
            start += marker.length();
            return json.substring(start, json.indexOf('"', start));
        }
    }
}
