package org.parley.relay.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.parley.relay.TestIdentity;

/**
 * One simulated user: logs in (protocol v2 or the reference relay's register), then counts what it
 * receives. Deliveries are parsed straight from the frame bytes (type and id only), so the generator
 * spends its CPU on TLS and WebSockets like a real client, not on JSON trees.
 *
 * <p>Threading: all methods run on the channel's event loop, except construction.
 */
final class LoadClient extends ChannelInboundHandlerAdapter {
    private static final byte[] TYPE = ascii("\"type\"");
    private static final byte[] ID = ascii("\"id\"");
    private static final byte[] CODE = ascii("\"code\"");
    private static final byte[] NONCE = ascii("\"nonce\"");

    final LoadRun run;
    final int index;
    final String name;
    private final TestIdentity identity;
    Channel channel;
    /** Position in the list of logged-in clients (for choosing recipients). */
    int position = -1;
    /** Set by a pacer when it wrote without flushing. */
    boolean dirty;
    private boolean loggedIn;
    private boolean loginReported;
    private boolean ackPending;

    LoadClient(LoadRun run, int index, String name, TestIdentity identity) {
        this.run = run;
        this.index = index;
        this.name = name;
        this.identity = identity;
    }

    boolean loggedIn() {
        return loggedIn;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            String login = run.options.protocol == LoadOptions.Protocol.PARLEY
                    ? identity.hello("h", name, !run.options.noPresence)
                    : "{\"type\":\"register\",\"name\":\"" + name + "\"}";
            ctx.writeAndFlush(new TextWebSocketFrame(login));
        } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            run.stats().error("ws-handshake-timeout");
            loginDone(false);
            ctx.close();
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof TextWebSocketFrame text) {
                onText(ctx, text.content());
            } else if (msg instanceof CloseWebSocketFrame close) {
                if (!run.stopping) {
                    run.stats().error("close-" + close.statusCode());
                }
                loginDone(false);
                ctx.close();
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onText(ChannelHandlerContext ctx, ByteBuf b) {
        LoadRun.Stats stats = run.stats();
        long type = LoadRun.stringField(b, TYPE, b.readerIndex());
        if (type < 0) {
            stats.frame("?");
            return;
        }
        int ts = (int) (type >>> 32);
        int te = (int) type;
        byte first = b.getByte(ts);
        if (first == 'd' && te - ts == 7) { // deliver
            long id = LoadRun.stringField(b, ID, te);
            if (id >= 0) {
                run.delivered(ctx, this, b, (int) (id >>> 32), (int) id, stats);
                if (run.options.ack) {
                    ackPending = true;
                }
            }
            return;
        }
        String t = b.toString(ts, te - ts, StandardCharsets.US_ASCII);
        stats.frame(t);
        switch (t) {
            case "challenge" -> {
                long n = LoadRun.stringField(b, NONCE, te);
                String nonce = b.toString((int) (n >>> 32), (int) n - (int) (n >>> 32), StandardCharsets.US_ASCII);
                ctx.writeAndFlush(new TextWebSocketFrame(
                        TestIdentity.auth("a", identity.answer(name, nonce, fingerprint(ctx)))));
            }
            case "welcome" -> {
                loggedIn = true;
                loginDone(true);
            }
            case "error" -> {
                long c = LoadRun.stringField(b, CODE, te);
                stats.error(c < 0 ? "error" : b.toString((int) (c >>> 32), (int) c - (int) (c >>> 32),
                        StandardCharsets.US_ASCII));
                if (!loggedIn) {
                    loginDone(false);
                    ctx.close();
                }
            }
            default -> {
                // sent, presence, receipt: counted only
            }
        }
    }

    private String fingerprint(ChannelHandlerContext ctx) {
        if (run.options.fingerprint != null) {
            return run.options.fingerprint;
        }
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        if (ssl == null) {
            return "";
        }
        try {
            byte[] der = ssl.engine().getSession().getPeerCertificates()[0].getEncoded();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the relay certificate", e);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (ackPending) {
            ackPending = false;
            ctx.flush();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!run.stopping) {
            run.stats().error("exception-" + cause.getClass().getSimpleName());
        }
        loginDone(false);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (!run.stopping && loggedIn) {
            run.stats().error("disconnected");
        }
        loginDone(false);
        super.channelInactive(ctx);
    }

    /** Reports the end of the login attempt once (success or failure). */
    void loginDone(boolean ok) {
        if (!loginReported) {
            loginReported = true;
            run.loginDone(this, ok);
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
