package org.parley.relay.protocol;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a {@link RawFrame} against PROTOCOL.md §2–§3 and builds the typed frame. Only the fields of
 * the frame's own type are checked: a {@code to} on a {@code hello} is an unknown field, ignored.
 *
 * <p>Threading: stateless.
 */
final class FrameValidator {
    private FrameValidator() {
    }

    static InboundFrame validate(RawFrame raw, int maxRecipients) {
        Optional<String> ref = raw.id instanceof String id && WireFormats.isId(id)
                ? Optional.of(id) : Optional.empty();
        if (!(raw.type instanceof String type)) {
            return bad("missing or non-string field 'type'", ref);
        }
        if (!(raw.version instanceof Integer version)) {
            return bad("missing or non-integer field 'v'", ref);
        }
        if (version != FrameReader.PROTOCOL_VERSION) {
            return new InvalidFrame(ErrorCode.UNSUPPORTED_VERSION, "only protocol version 1 is supported", ref);
        }
        if (type.equals("send")) {
            return send(raw, ref, maxRecipients);
        }
        if (type.equals("hello")) {
            return hello(raw, ref);
        }
        return new InvalidFrame(ErrorCode.UNKNOWN_TYPE, "the relay does not accept this frame type", ref);
    }

    private static InboundFrame hello(RawFrame raw, Optional<String> ref) {
        if (ref.isEmpty()) {
            return bad("missing or invalid field 'id'", ref);
        }
        if (!(raw.user instanceof String user) || !WireFormats.isUserName(user)) {
            return bad("missing or invalid field 'user'", ref);
        }
        if (!(raw.keys instanceof Map<?, ?> keys) || keys.isEmpty()) {
            return bad("field 'keys' must be an object with 1 to 16 entries", ref);
        }
        for (Map.Entry<?, ?> e : keys.entrySet()) {
            if (!WireFormats.isSchemeId((String) e.getKey()) || !WireFormats.isPublicKey((String) e.getValue())) {
                return bad("field 'keys' needs scheme ids mapped to base64 keys of at most 4096 bytes", ref);
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, String> typed = (Map<String, String>) keys;
        return new HelloFrame(ref.get(), user, typed);
    }

    private static InboundFrame send(RawFrame raw, Optional<String> ref, int maxRecipients) {
        if (ref.isEmpty()) {
            return bad("missing or invalid field 'id'", ref);
        }
        if (raw.to == RawFrame.TOO_MANY) {
            return new InvalidFrame(ErrorCode.TOO_MANY_RECIPIENTS,
                    "field 'to' lists more than " + maxRecipients + " recipients", ref);
        }
        if (raw.everyone != null && !(raw.everyone instanceof Boolean)) {
            return bad("field 'everyone' must be a boolean", ref);
        }
        boolean everyone = raw.everyone == Boolean.TRUE;
        if (!(raw.to instanceof List<?> to) || (to.isEmpty() && !everyone) || !validNames(to)) {
            return bad("field 'to' must be an array of distinct user names", ref);
        }
        if (!(raw.scheme instanceof String scheme) || !WireFormats.isSchemeId(scheme)) {
            return bad("missing or invalid field 'scheme'", ref);
        }
        if (!(raw.body instanceof String body)) {
            return bad("missing or non-string field 'body'", ref);
        }
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) to;
        return new SendFrame(ref.get(), names, everyone, scheme, body);
    }

    private static boolean validNames(List<?> names) {
        for (Object name : names) {
            if (!WireFormats.isUserName((String) name)) {
                return false;
            }
        }
        return names.size() < 2 || new HashSet<>(names).size() == names.size();
    }

    private static InvalidFrame bad(String message, Optional<String> ref) {
        return new InvalidFrame(ErrorCode.BAD_FRAME, message, ref);
    }
}
