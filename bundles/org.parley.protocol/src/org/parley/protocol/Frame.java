package org.parley.protocol;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One frame of the Parley wire protocol, version 1 (PROTOCOL.md §3). Every record validates its fields
 * on construction (throwing {@link IllegalArgumentException} or {@link NullPointerException}), so a
 * frame that exists is well-formed. Collections are immutable; key maps are sorted by scheme id.
 */
public sealed interface Frame {

    /** The frame's {@code type} on the wire. */
    String type();

    /** Client → relay: log in as {@code user} publishing {@code keys}. Must be the first frame. */
    record Hello(String id, String user, Map<String, Bytes> keys) implements Frame {
        public Hello {
            Formats.id("id", id);
            Formats.user("user", user);
            keys = Formats.keys("keys", keys);
        }

        @Override
        public String type() {
            return "hello";
        }
    }

    /**
     * Client → relay: a sealed message. {@code to} lists the users the body is sealed for; with
     * {@code everyone} the relay delivers to everyone online except the sender instead.
     */
    record Send(String id, List<String> to, boolean everyone, String scheme, Bytes body) implements Frame {
        public Send {
            Formats.id("id", id);
            to = Formats.users("to", to, 1);
            Formats.scheme("scheme", scheme);
            Objects.requireNonNull(body, "body");
        }

        @Override
        public String type() {
            return "send";
        }
    }

    /** Relay → client: login accepted; {@code users} are everyone else online. */
    record Welcome(String ref, String user, List<UserKeys> users) implements Frame {
        public Welcome {
            Formats.id("ref", ref);
            Formats.user("user", user);
            users = List.copyOf(users);
        }

        @Override
        public String type() {
            return "welcome";
        }
    }

    /** Relay → client: a user joined (with keys) or left (keys empty). */
    record Presence(PresenceEvent event, String user, Map<String, Bytes> keys) implements Frame {
        public Presence {
            Objects.requireNonNull(event, "event");
            Formats.user("user", user);
            if (event == PresenceEvent.JOIN) {
                keys = Formats.keys("keys", keys);
            } else if (!keys.isEmpty()) {
                throw new IllegalArgumentException("a leave carries no keys");
            } else {
                keys = Map.of();
            }
        }

        /** A join with the user's keys. */
        public static Presence join(String user, Map<String, Bytes> keys) {
            return new Presence(PresenceEvent.JOIN, user, keys);
        }

        /** A leave. */
        public static Presence leave(String user) {
            return new Presence(PresenceEvent.LEAVE, user, Map.of());
        }

        @Override
        public String type() {
            return "presence";
        }
    }

    /** Relay → client: a message; {@code from} and {@code ts} are stamped by the relay. */
    record Deliver(String id, String from, long ts, List<String> to, boolean everyone, String scheme, Bytes body)
            implements Frame {
        public Deliver {
            Formats.id("id", id);
            Formats.user("from", from);
            Formats.timestamp("ts", ts);
            to = Formats.users("to", to, 1);
            Formats.scheme("scheme", scheme);
            Objects.requireNonNull(body, "body");
        }

        @Override
        public String type() {
            return "deliver";
        }
    }

    /** Relay → client: message {@code ref} was accepted and handed to {@code recipients}. */
    record Sent(String ref, long ts, List<String> recipients) implements Frame {
        public Sent {
            Formats.id("ref", ref);
            Formats.timestamp("ts", ts);
            recipients = Formats.users("recipients", recipients, 0);
        }

        @Override
        public String type() {
            return "sent";
        }
    }

    /**
     * Relay → client: the frame {@code ref} was refused. {@code code} is kept as a string so that codes
     * added by later relays still decode; see {@link #knownCode()}.
     */
    record Error(String code, String message, Optional<String> ref) implements Frame {
        public Error {
            Objects.requireNonNull(code, "code");
            if (code.isEmpty() || code.length() > 64) {
                throw new IllegalArgumentException("code must be 1-64 characters");
            }
            Objects.requireNonNull(message, "message");
            ref.ifPresent(r -> Formats.id("ref", r));
        }

        public Error(ErrorCode code, String message, Optional<String> ref) {
            this(code.wireName(), message, ref);
        }

        /** The code, if this version knows it. */
        public Optional<ErrorCode> knownCode() {
            return ErrorCode.fromWireName(code);
        }

        @Override
        public String type() {
            return "error";
        }
    }
}
