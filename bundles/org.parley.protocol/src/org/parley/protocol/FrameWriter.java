package org.parley.protocol;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/** Writes frames as compact JSON with a fixed field order: {@code type}, {@code v}, then §3's order. */
final class FrameWriter {

    private final JsonFactory factory;

    FrameWriter(JsonFactory factory) {
        this.factory = factory;
    }

    String write(Frame frame) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", frame.type());
            g.writeNumberField("v", Formats.VERSION);
            writeFields(g, frame);
            g.writeEndObject();
        } catch (IOException e) {
            // a StringWriter cannot fail, and records hold only encodable values
            throw new IllegalStateException("BUG: encoding a frame failed", e);
        }
        return out.toString();
    }

    private static void writeFields(JsonGenerator g, Frame frame) throws IOException {
        if (frame instanceof Frame.Hello h) {
            g.writeStringField("id", h.id());
            g.writeStringField("user", h.user());
            writeBundle(g, h.bundle());
        } else if (frame instanceof Frame.Challenge c) {
            g.writeStringField("ref", c.ref());
            g.writeStringField("nonce", c.nonce().toBase64());
        } else if (frame instanceof Frame.Auth a) {
            g.writeStringField("id", a.id());
            g.writeStringField("sig", a.sig().toBase64());
        } else if (frame instanceof Frame.Send s) {
            g.writeStringField("id", s.id());
            writeNames(g, "to", s.to());
            g.writeBooleanField("everyone", s.everyone());
            g.writeStringField("scheme", s.scheme());
            g.writeStringField("body", s.body().toBase64());
            g.writeNumberField("cts", s.cts());
            g.writeStringField("sig", s.sig().toBase64());
        } else if (frame instanceof Frame.Welcome w) {
            g.writeStringField("ref", w.ref());
            g.writeStringField("user", w.user());
            g.writeArrayFieldStart("users");
            for (KeyBundle.Entry u : w.users()) {
                g.writeStartObject();
                g.writeStringField("user", u.user());
                writeBundle(g, u.bundle());
                g.writeEndObject();
            }
            g.writeEndArray();
        } else if (frame instanceof Frame.Presence p) {
            g.writeStringField("event", p.event().wireName());
            g.writeStringField("user", p.user());
            if (p.bundle().isPresent()) {
                writeBundle(g, p.bundle().get());
            }
        } else if (frame instanceof Frame.Deliver d) {
            g.writeStringField("id", d.id());
            g.writeStringField("from", d.from());
            g.writeNumberField("ts", d.ts());
            writeNames(g, "to", d.to());
            g.writeBooleanField("everyone", d.everyone());
            g.writeStringField("scheme", d.scheme());
            g.writeStringField("body", d.body().toBase64());
            g.writeNumberField("cts", d.cts());
            g.writeStringField("sig", d.sig().toBase64());
        } else if (frame instanceof Frame.Sent s) {
            g.writeStringField("ref", s.ref());
            g.writeNumberField("ts", s.ts());
            writeNames(g, "recipients", s.recipients());
            writeNames(g, "queued", s.queued());
            g.writeArrayFieldStart("refused");
            for (Frame.Sent.Refusal r : s.refused()) {
                g.writeStartObject();
                g.writeStringField("user", r.user());
                g.writeStringField("code", r.code());
                g.writeEndObject();
            }
            g.writeEndArray();
        } else if (frame instanceof Frame.Ack a) {
            g.writeStringField("ref", a.ref());
            g.writeStringField("from", a.from());
        } else if (frame instanceof Frame.Receipt r) {
            g.writeStringField("ref", r.ref());
            g.writeStringField("user", r.user());
            g.writeNumberField("ts", r.ts());
        } else if (frame instanceof Frame.Error e) {
            g.writeStringField("code", e.code());
            g.writeStringField("message", e.message());
            if (e.ref().isPresent()) {
                g.writeStringField("ref", e.ref().get());
            }
        } else {
            throw new IllegalStateException("BUG: unhandled frame type " + frame.type());
        }
    }

    /** {@code "bundle":{"identity":…,"keys":{…},"created":…,"sig":…}}, fields in PROTOCOL.md §2's order. */
    private static void writeBundle(JsonGenerator g, KeyBundle b) throws IOException {
        g.writeObjectFieldStart("bundle");
        g.writeStringField("identity", b.identity().toBase64());
        writeKeys(g, "keys", b.keys());
        g.writeNumberField("created", b.created());
        g.writeStringField("sig", b.sig().toBase64());
        g.writeEndObject();
    }

    private static void writeKeys(JsonGenerator g, String field, Map<String, Bytes> keys) throws IOException {
        g.writeObjectFieldStart(field);
        for (Map.Entry<String, Bytes> e : keys.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue().toBase64());
        }
        g.writeEndObject();
    }

    private static void writeNames(JsonGenerator g, String field, List<String> names) throws IOException {
        g.writeArrayFieldStart(field);
        for (String name : names) {
            g.writeString(name);
        }
        g.writeEndArray();
    }
}
