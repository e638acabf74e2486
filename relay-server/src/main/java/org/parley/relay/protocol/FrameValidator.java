package org.parley.relay.protocol;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a {@link RawFrame} against PROTOCOL.md §2–§3 and builds the typed frame, in the order of §3.3:
 * {@code type} and {@code v} present, version, type, then the type's fields. Only the fields of the
 * frame's own type are checked: a {@code to} on a {@code hello} is an unknown field, ignored.
 *
 * <p>A {@code hello} without a {@code bundle} object is {@code bad-frame}; a {@code bundle} object
 * whose contents are malformed is {@code bad-bundle} (its signature is checked later, at login).
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
            return new InvalidFrame(ErrorCode.UNSUPPORTED_VERSION,
                    "only protocol version " + FrameReader.PROTOCOL_VERSION + " is supported", ref);
        }
        if (!type.equals("send") && !type.equals("hello") && !type.equals("auth") && !type.equals("ack")) {
            return new InvalidFrame(ErrorCode.UNKNOWN_TYPE, "the relay does not accept this frame type", ref);
        }
        if (type.equals("ack")) {
            return ack(raw); // the one frame without an id of its own
        }
        if (ref.isEmpty()) {
            return bad("missing or invalid field 'id'", ref);
        }
        return switch (type) {
            case "send" -> send(raw, ref.get(), maxRecipients);
            case "hello" -> hello(raw, ref.get());
            default -> auth(raw, ref.get());
        };
    }

    private static InboundFrame hello(RawFrame raw, String id) {
        if (!(raw.user instanceof String user) || !WireFormats.isUserName(user)) {
            return bad("missing or invalid field 'user'", Optional.of(id));
        }
        if (!(raw.bundle instanceof RawFrame.RawBundle rawBundle)) {
            return bad("missing field 'bundle' or not an object", Optional.of(id));
        }
        Optional<KeyBundle> bundle = bundle(rawBundle);
        if (bundle.isEmpty()) {
            return new InvalidFrame(ErrorCode.BAD_BUNDLE, "the key bundle is malformed", Optional.of(id));
        }
        if (raw.presence != null && !(raw.presence instanceof Boolean)) {
            return bad("field 'presence' must be true or false", Optional.of(id));
        }
        return new HelloFrame(id, user, bundle.get(), raw.presence != Boolean.FALSE);
    }

    private static Optional<KeyBundle> bundle(RawFrame.RawBundle raw) {
        if (!(raw.identity instanceof String identity) || !WireFormats.isIdentityKey(identity)
                || !(raw.created instanceof Long created) || created < 0
                || !(raw.sig instanceof String sig) || !WireFormats.isSignature(sig)
                || !(raw.keys instanceof Map<?, ?> keys) || keys.isEmpty()) {
            return Optional.empty();
        }
        for (Map.Entry<?, ?> e : keys.entrySet()) {
            if (!WireFormats.isSchemeId((String) e.getKey()) || !WireFormats.isPublicKey((String) e.getValue())) {
                return Optional.empty();
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, String> typed = (Map<String, String>) keys;
        return Optional.of(new KeyBundle(identity, typed, created, sig));
    }

    private static InboundFrame ack(RawFrame raw) {
        if (!(raw.ref instanceof String ref) || !WireFormats.isId(ref)) {
            return bad("missing or invalid field 'ref'", Optional.empty());
        }
        if (!(raw.from instanceof String from) || !WireFormats.isUserName(from)) {
            return bad("missing or invalid field 'from'", Optional.empty());
        }
        return new AckFrame(ref, from);
    }

    private static InboundFrame auth(RawFrame raw, String id) {
        if (!(raw.sig instanceof String sig) || !WireFormats.isSignature(sig)) {
            return bad("field 'sig' must be the base64 of a 64-byte signature", Optional.of(id));
        }
        return new AuthFrame(id, sig);
    }

    private static InboundFrame send(RawFrame raw, String id, int maxRecipients) {
        Optional<String> ref = Optional.of(id);
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
        if (!(raw.cts instanceof Long cts)) {
            return bad("missing or non-integer field 'cts'", ref);
        }
        if (!(raw.sig instanceof String sig) || !WireFormats.isSignature(sig)) {
            return bad("field 'sig' must be the base64 of a 64-byte signature", ref);
        }
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) to;
        return new SendFrame(id, names, everyone, scheme, body, cts, sig);
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
