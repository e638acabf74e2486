package org.parley.relay.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Encodes an {@link OutboundFrame} as one UTF-8 JSON object (PROTOCOL.md §3.2). Field order follows
 * the examples in PROTOCOL.md: {@code type}, {@code v}, then the frame's fields. A key bundle is
 * written canonically as {@code {"identity","keys","created","sig"}}, with the values as received.
 *
 * <p>Threading: immutable and thread-safe; one instance serves all channels.
 */
public final class FrameWriter {
    private final JsonFactory factory = JsonFactories.create(Integer.MAX_VALUE);

    /** Returns a new buffer holding the JSON of {@code frame}; the caller owns (and releases) it. */
    public ByteBuf write(ByteBufAllocator alloc, OutboundFrame frame) {
        if (frame instanceof DeliverFrame d) {
            ByteBuf spliced = spliceDeliver(alloc, d);
            if (spliced != null) {
                return spliced;
            }
        }
        ByteBuf buf = alloc.buffer(estimateSize(frame));
        try (JsonGenerator g = factory.createGenerator((OutputStream) new ByteBufOutputStream(buf))) {
            writeFrame(g, frame);
        } catch (IOException | RuntimeException e) {
            buf.release();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        return buf;
    }

    private static final byte[] DELIVER_PREFIX = ascii("{\"type\":\"deliver\",\"v\":" + FrameReader.PROTOCOL_VERSION
            + ",\"id\":");
    private static final byte[] FROM = ascii(",\"from\":");
    private static final byte[] TS = ascii(",\"ts\":");
    private static final byte[] TO = ascii(",\"to\":[");
    private static final byte[] EVERYONE_TRUE = ascii("],\"everyone\":true,\"scheme\":");
    private static final byte[] EVERYONE_FALSE = ascii("],\"everyone\":false,\"scheme\":");
    private static final byte[] BODY = ascii(",\"body\":");
    private static final byte[] CTS = ascii(",\"cts\":");
    private static final byte[] SIG = ascii(",\"sig\":");

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The hot path for {@code deliver}: the relay-stamped fields spliced around the {@code send}'s own
     * string values, copied as bytes without escaping. Produces exactly the bytes of the Jackson path
     * below; returns null (use Jackson) when any string needs escaping or is not plain ASCII. The body is
     * base64 in practice, so its bytes are copied in one go.
     */
    private static ByteBuf spliceDeliver(ByteBufAllocator alloc, DeliverFrame d) {
        SendFrame s = d.send();
        byte[] id = plain(s.id());
        byte[] from = plain(d.from());
        byte[] scheme = plain(s.scheme());
        byte[] body = plain(s.body());
        byte[] sig = plain(s.sig());
        if (id == null || from == null || scheme == null || body == null || sig == null) {
            return null;
        }
        List<String> to = s.to();
        byte[][] names = new byte[to.size()][];
        int size = 160 + id.length + from.length + scheme.length + body.length + sig.length;
        for (int i = 0; i < names.length; i++) {
            if ((names[i] = plain(to.get(i))) == null) {
                return null;
            }
            size += names[i].length + 3;
        }
        ByteBuf buf = alloc.buffer(size);
        buf.writeBytes(DELIVER_PREFIX);
        quoted(buf, id);
        buf.writeBytes(FROM);
        quoted(buf, from);
        buf.writeBytes(TS);
        buf.writeCharSequence(Long.toString(d.ts()), StandardCharsets.US_ASCII);
        buf.writeBytes(TO);
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                buf.writeByte(',');
            }
            quoted(buf, names[i]);
        }
        buf.writeBytes(s.everyone() ? EVERYONE_TRUE : EVERYONE_FALSE);
        quoted(buf, scheme);
        buf.writeBytes(BODY);
        quoted(buf, body);
        buf.writeBytes(CTS);
        buf.writeCharSequence(Long.toString(s.cts()), StandardCharsets.US_ASCII);
        buf.writeBytes(SIG);
        quoted(buf, sig);
        buf.writeByte('}');
        return buf;
    }

    private static void quoted(ByteBuf buf, byte[] value) {
        buf.writeByte('"');
        buf.writeBytes(value);
        buf.writeByte('"');
    }

    /**
     * The UTF-8 bytes of {@code s} if JSON needs no escaping for it (printable ASCII without {@code "}
     * and {@code \}), else null. For an all-ASCII string the encoding is a plain array copy.
     */
    private static byte[] plain(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (byte c : b) {
            if (c < 0x20 || c == '"' || c == '\\' || c == 0x7f) { // c < 0 for every non-ASCII byte
                return null;
            }
        }
        return b;
    }

    private static int estimateSize(OutboundFrame frame) {
        if (frame instanceof DeliverFrame d) {
            return 384 + d.send().body().length() + 34 * d.to().size();
        }
        return frame instanceof WelcomeFrame w ? 256 + 512 * w.users().size() : 512;
    }

    private static void writeFrame(JsonGenerator g, OutboundFrame frame) throws IOException {
        g.writeStartObject();
        if (frame instanceof DeliverFrame d) {
            header(g, "deliver");
            g.writeStringField("id", d.send().id());
            g.writeStringField("from", d.from());
            g.writeNumberField("ts", d.ts());
            names(g, "to", d.to());
            g.writeBooleanField("everyone", d.send().everyone());
            g.writeStringField("scheme", d.send().scheme());
            g.writeStringField("body", d.send().body());
            g.writeNumberField("cts", d.send().cts());
            g.writeStringField("sig", d.send().sig());
        } else if (frame instanceof ChallengeFrame c) {
            header(g, "challenge");
            g.writeStringField("ref", c.ref());
            g.writeStringField("nonce", c.nonce());
        } else if (frame instanceof SentFrame s) {
            header(g, "sent");
            g.writeStringField("ref", s.ref());
            g.writeNumberField("ts", s.ts());
            names(g, "recipients", s.recipients());
            names(g, "queued", s.queued());
            g.writeArrayFieldStart("refused");
            for (RefusedRecipient r : s.refused()) {
                g.writeStartObject();
                g.writeStringField("user", r.user());
                g.writeStringField("code", r.code().wireName());
                g.writeEndObject();
            }
            g.writeEndArray();
        } else if (frame instanceof ReceiptFrame r) {
            header(g, "receipt");
            g.writeStringField("ref", r.ref());
            g.writeStringField("user", r.user());
            g.writeNumberField("ts", r.ts());
        } else if (frame instanceof ErrorFrame e) {
            header(g, "error");
            g.writeStringField("code", e.code().wireName());
            g.writeStringField("message", e.message());
            if (e.ref().isPresent()) {
                g.writeStringField("ref", e.ref().get());
            }
        } else if (frame instanceof PresenceFrame p) {
            header(g, "presence");
            g.writeStringField("event", p.joined() ? "join" : "leave");
            g.writeStringField("user", p.user());
            if (p.bundle().isPresent()) {
                bundle(g, p.bundle().get());
            }
        } else if (frame instanceof WelcomeFrame w) {
            header(g, "welcome");
            g.writeStringField("ref", w.ref());
            g.writeStringField("user", w.user());
            g.writeArrayFieldStart("users");
            for (UserBundle u : w.users()) {
                g.writeStartObject();
                g.writeStringField("user", u.user());
                bundle(g, u.bundle());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void header(JsonGenerator g, String type) throws IOException {
        g.writeStringField("type", type);
        g.writeNumberField("v", FrameReader.PROTOCOL_VERSION);
    }

    private static void names(JsonGenerator g, String field, List<String> names) throws IOException {
        g.writeArrayFieldStart(field);
        for (String name : names) {
            g.writeString(name);
        }
        g.writeEndArray();
    }

    private static void bundle(JsonGenerator g, KeyBundle bundle) throws IOException {
        g.writeObjectFieldStart("bundle");
        g.writeStringField("identity", bundle.identity());
        g.writeObjectFieldStart("keys");
        for (Map.Entry<String, String> e : bundle.keys().entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeNumberField("created", bundle.created());
        g.writeStringField("sig", bundle.sig());
        g.writeEndObject();
    }
}
