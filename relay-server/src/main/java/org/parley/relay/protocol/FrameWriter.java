package org.parley.relay.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Encodes an {@link OutboundFrame} as one UTF-8 JSON object (PROTOCOL.md §3.2). Field order follows
 * the examples in PROTOCOL.md: {@code type}, {@code v}, then the frame's fields.
 *
 * <p>Threading: immutable and thread-safe; one instance serves all channels.
 */
public final class FrameWriter {
    private final JsonFactory factory = JsonFactories.create(Integer.MAX_VALUE);

    /** Returns a new buffer holding the JSON of {@code frame}; the caller owns (and releases) it. */
    public ByteBuf write(ByteBufAllocator alloc, OutboundFrame frame) {
        ByteBuf buf = alloc.buffer(estimateSize(frame));
        try (JsonGenerator g = factory.createGenerator((OutputStream) new ByteBufOutputStream(buf))) {
            writeFrame(g, frame);
        } catch (IOException | RuntimeException e) {
            buf.release();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        return buf;
    }

    private static int estimateSize(OutboundFrame frame) {
        return frame instanceof DeliverFrame d ? 256 + d.send().body().length() + 34 * d.to().size() : 256;
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
        } else if (frame instanceof SentFrame s) {
            header(g, "sent");
            g.writeStringField("ref", s.ref());
            g.writeNumberField("ts", s.ts());
            names(g, "recipients", s.recipients());
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
            if (p.keys().isPresent()) {
                keys(g, p.keys().get());
            }
        } else if (frame instanceof WelcomeFrame w) {
            header(g, "welcome");
            g.writeStringField("ref", w.ref());
            g.writeStringField("user", w.user());
            g.writeArrayFieldStart("users");
            for (UserKeys u : w.users()) {
                g.writeStartObject();
                g.writeStringField("user", u.user());
                keys(g, u.keys());
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

    private static void keys(JsonGenerator g, Map<String, String> keys) throws IOException {
        g.writeObjectFieldStart("keys");
        for (Map.Entry<String, String> e : keys.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }
}
