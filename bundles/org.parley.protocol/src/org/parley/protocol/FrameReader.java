package org.parley.protocol;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Parses one JSON text into a validated {@link Frame}. */
final class FrameReader {

    private final ObjectMapper mapper;

    FrameReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    Frame read(String text) throws ProtocolException {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JacksonException e) {
            // Jackson's message may quote the input; report only where parsing stopped
            throw new ProtocolException(ErrorCode.BAD_JSON, "not valid JSON" + location(e));
        }
        if (root == null || !root.isObject()) {
            throw new ProtocolException(ErrorCode.BAD_JSON, "the text is not a JSON object");
        }
        JsonFields f = new JsonFields((ObjectNode) root, "frame");
        String type = f.text("type");
        long version = f.integer("v");
        if (version != Formats.VERSION) {
            throw new ProtocolException(ErrorCode.UNSUPPORTED_VERSION,
                    "protocol version " + version + " is not supported; this peer speaks " + Formats.VERSION);
        }
        try {
            return readBody(type, f);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ProtocolException(ErrorCode.BAD_FRAME, type + ": " + e.getMessage(), e);
        }
    }

    private static Frame readBody(String type, JsonFields f) throws ProtocolException {
        switch (type) {
            case "hello":
                return new Frame.Hello(f.text("id"), f.text("user"), bundle(f.object("bundle")));
            case "challenge":
                return new Frame.Challenge(f.text("ref"), f.bytes("nonce"));
            case "auth":
                return new Frame.Auth(f.text("id"), f.bytes("sig"));
            case "send":
                return new Frame.Send(f.text("id"), f.strings("to"), f.bool("everyone", false), f.text("scheme"),
                        f.bytes("body"), f.integer("cts"), f.bytes("sig"));
            case "welcome":
                return new Frame.Welcome(f.text("ref"), f.text("user"), users(f));
            case "presence":
                return presence(f);
            case "deliver":
                return new Frame.Deliver(f.text("id"), f.text("from"), f.integer("ts"), f.strings("to"),
                        f.bool("everyone", false), f.text("scheme"), f.bytes("body"), f.integer("cts"), f.bytes("sig"));
            case "sent":
                return new Frame.Sent(f.text("ref"), f.integer("ts"), f.strings("recipients"),
                        f.optionalStrings("queued"), refusals(f));
            case "ack":
                return new Frame.Ack(f.text("ref"), f.text("from"));
            case "receipt":
                return new Frame.Receipt(f.text("ref"), f.text("user"), f.integer("ts"));
            case "error":
                return new Frame.Error(f.text("code"), f.text("message"), f.optionalText("ref"));
            default:
                throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "unknown frame type");
        }
    }

    private static KeyBundle bundle(JsonFields b) throws ProtocolException {
        try {
            return new KeyBundle(b.bytes("identity"), b.keys("keys"), b.integer("created"), b.bytes("sig"));
        } catch (IllegalArgumentException | NullPointerException e) {
            // name the bundle in the message, so a relay can answer bad-frame with a useful reason
            throw new ProtocolException(ErrorCode.BAD_FRAME, "bundle: " + e.getMessage(), e);
        }
    }

    private static List<KeyBundle.Entry> users(JsonFields f) throws ProtocolException {
        List<KeyBundle.Entry> users = new ArrayList<>();
        for (JsonFields u : f.objects("users")) {
            users.add(new KeyBundle.Entry(u.text("user"), bundle(u.object("bundle"))));
        }
        return users;
    }

    /** {@code sent.refused}: absent means nobody was refused. */
    private static List<Frame.Sent.Refusal> refusals(JsonFields f) throws ProtocolException {
        List<Frame.Sent.Refusal> refused = new ArrayList<>();
        for (JsonFields r : f.optionalObjects("refused")) {
            refused.add(new Frame.Sent.Refusal(r.text("user"), r.text("code")));
        }
        return refused;
    }

    private static Frame presence(JsonFields f) throws ProtocolException {
        String event = f.text("event");
        if (PresenceEvent.JOIN.wireName().equals(event)) {
            return Frame.Presence.join(f.text("user"), bundle(f.object("bundle")));
        }
        if (PresenceEvent.LEAVE.wireName().equals(event)) {
            // a leave's bundle, if any, is ignored like any unknown field
            return Frame.Presence.leave(f.text("user"));
        }
        throw new ProtocolException(ErrorCode.BAD_FRAME, "presence.event must be join or leave");
    }

    private static String location(JacksonException e) {
        return e.getLocation() == null ? "" : " (at character " + e.getLocation().getCharOffset() + ")";
    }
}
