package org.parley.relay.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one UTF-8 JSON text message into an {@link InboundFrame}: a validated {@link HelloFrame},
 * {@link AuthFrame}, {@link SendFrame} or {@link AckFrame}, or an {@link InvalidFrame} naming the PROTOCOL.md §3.3 error
 * code. Invalid UTF-8 is {@code bad-json} (the WebSocket layer closes with 1007 before it gets here).
 *
 * <p>Uses Jackson's streaming parser in one pass without building a tree: unknown fields are skipped,
 * {@code body} is read as a string and never decoded. Every list and map read off the wire is
 * bounded while it is parsed ({@code to} by {@code maxRecipients}, a bundle's {@code keys} by 16
 * entries), and so are nesting depth, number length and string length ({@link JsonFactories}).
 *
 * <p>Threading: immutable and thread-safe; one instance serves all channels.
 */
public final class FrameReader {
    /** The only protocol version this relay speaks. */
    public static final int PROTOCOL_VERSION = 2;

    private final JsonFactory factory;
    private final int maxRecipients;

    /**
     * @param maxRecipients   most entries accepted in {@code to}
     * @param maxMessageBytes most bytes in one message (the caller enforces it before parsing too)
     */
    public FrameReader(int maxRecipients, int maxMessageBytes) {
        this.factory = JsonFactories.create(maxMessageBytes);
        this.maxRecipients = maxRecipients;
    }

    /** Decodes {@code content} without consuming or releasing it. Never throws for bad input. */
    public InboundFrame read(ByteBuf content) {
        RawFrame raw = new RawFrame();
        try (JsonParser p = content.hasArray()
                ? factory.createParser(content.array(), content.arrayOffset() + content.readerIndex(),
                        content.readableBytes())
                : factory.createParser((java.io.InputStream) new ByteBufInputStream(content.duplicate()))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return badJson("the message is not a JSON object");
            }
            readFields(p, raw);
            if (p.nextToken() != null) {
                return badJson("trailing data after the JSON object");
            }
        } catch (IOException e) {
            // Covers malformed JSON, duplicate fields and exceeded parser limits.
            return badJson("the message is not valid JSON");
        }
        return FrameValidator.validate(raw, maxRecipients);
    }

    private void readFields(JsonParser p, RawFrame raw) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "type" -> raw.type = text(p, value);
                case "v" -> raw.version = value == JsonToken.VALUE_NUMBER_INT
                        && p.getNumberType() == JsonParser.NumberType.INT ? p.getIntValue() : skip(p);
                case "id" -> raw.id = text(p, value);
                case "user" -> raw.user = text(p, value);
                case "scheme" -> raw.scheme = text(p, value);
                case "body" -> raw.body = text(p, value);
                case "everyone" -> raw.everyone = bool(p, value);
                case "presence" -> raw.presence = bool(p, value);
                case "to" -> raw.to = value == JsonToken.START_ARRAY ? readNames(p) : skip(p);
                case "bundle" -> raw.bundle = value == JsonToken.START_OBJECT ? readBundle(p) : skip(p);
                case "sig" -> raw.sig = text(p, value);
                case "cts" -> raw.cts = integer(p, value);
                case "ref" -> raw.ref = text(p, value);
                case "from" -> raw.from = text(p, value);
                default -> p.skipChildren(); // unknown fields are ignored (PROTOCOL.md §3)
            }
        }
    }

    private static RawFrame.RawBundle readBundle(JsonParser p) throws IOException {
        RawFrame.RawBundle bundle = new RawFrame.RawBundle();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "identity" -> bundle.identity = text(p, value);
                case "keys" -> bundle.keys = value == JsonToken.START_OBJECT ? readKeys(p) : skip(p);
                case "created" -> bundle.created = integer(p, value);
                case "sig" -> bundle.sig = text(p, value);
                default -> p.skipChildren();
            }
        }
        return bundle;
    }

    /** A JSON integer that fits a {@code long}, else {@link RawFrame#WRONG} ({@code 1.0} included). */
    private static Object integer(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            return skip(p);
        }
        return p.getLongValue();
    }

    private static Object bool(JsonParser p, JsonToken value) throws IOException {
        return value == JsonToken.VALUE_TRUE ? Boolean.TRUE : value == JsonToken.VALUE_FALSE ? Boolean.FALSE : skip(p);
    }

    private static Object text(JsonParser p, JsonToken value) throws IOException {
        return value == JsonToken.VALUE_STRING ? p.getText() : skip(p);
    }

    /** Skips a value of the wrong type, objects and arrays included, and marks it {@link RawFrame#WRONG}. */
    private static Object skip(JsonParser p) throws IOException {
        p.skipChildren();
        return RawFrame.WRONG;
    }

    private Object readNames(JsonParser p) throws IOException {
        List<String> names = new ArrayList<>(Math.min(maxRecipients, 8));
        Object result = names;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.VALUE_STRING) {
                p.skipChildren();
                result = RawFrame.WRONG;
            } else if (names.size() == maxRecipients) {
                result = result == RawFrame.WRONG ? result : RawFrame.TOO_MANY; // stop collecting
            } else if (result == names) {
                names.add(p.getText());
            }
        }
        return result;
    }

    private static Object readKeys(JsonParser p) throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        Object result = keys;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String scheme = p.currentName();
            JsonToken t = p.nextToken();
            if (t != JsonToken.VALUE_STRING || keys.size() == WireFormats.MAX_KEYS) {
                p.skipChildren();
                result = RawFrame.WRONG;
            } else if (result == keys) {
                keys.put(scheme, p.getText());
            }
        }
        return result;
    }

    private static InvalidFrame badJson(String message) {
        return new InvalidFrame(ErrorCode.BAD_JSON, message, Optional.empty());
    }
}
