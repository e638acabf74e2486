package org.parley.protocol;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One frame of the Parley wire protocol, version 2 (PROTOCOL.md §3). Every record validates its fields
 * on construction (throwing {@link IllegalArgumentException} or {@link NullPointerException}), so a
 * frame that exists is well-formed. Collections are immutable; key maps are sorted by scheme id.
 *
 * <h3>WARNING</h3>
 * Well-formed is not authentic: signatures ({@code sig}) and key bundles are checked by the receiver,
 * never by the codec.
 */
public sealed interface Frame {

    /** Size of an Ed25519 signature, as carried in {@code auth}, {@code send} and {@code deliver}. */
    int SIGNATURE_BYTES = KeyBundle.SIGNATURE_BYTES;
    /** Size of a challenge nonce. */
    int NONCE_BYTES = 32;

    /** The frame's {@code type} on the wire. */
    String type();

    /** Client → relay: log in as {@code user} publishing {@code bundle}. Must be the first frame. */
    record Hello(String id, String user, KeyBundle bundle) implements Frame {
        public Hello {
            Formats.id("id", id);
            Formats.user("user", user);
            Objects.requireNonNull(bundle, "bundle");
        }

        @Override
        public String type() {
            return "hello";
        }
    }

    /** Relay → client: prove the identity key by signing the AUTH bytes over {@code nonce}. */
    record Challenge(String ref, Bytes nonce) implements Frame {
        public Challenge {
            Formats.id("ref", ref);
            Formats.size("nonce", nonce, NONCE_BYTES);
        }

        @Override
        public String type() {
            return "challenge";
        }
    }

    /** Client → relay: the identity key's signature over the AUTH bytes (PROTOCOL.md §4.1). */
    record Auth(String id, Bytes sig) implements Frame {
        public Auth {
            Formats.id("id", id);
            Formats.size("sig", sig, SIGNATURE_BYTES);
        }

        @Override
        public String type() {
            return "auth";
        }
    }

    /**
     * Client → relay: a sealed message. {@code to} lists the users the body is sealed for (at least one
     * unless {@code everyone}); with {@code everyone} the relay delivers to everyone online except the
     * sender. {@code cts} is the sender's clock and {@code sig} its signature over the ENVELOPE bytes.
     */
    record Send(String id, List<String> to, boolean everyone, String scheme, Bytes body, long cts, Bytes sig)
            implements Frame {
        public Send {
            Formats.id("id", id);
            to = Formats.users("to", to, everyone ? 0 : 1);
            Formats.scheme("scheme", scheme);
            Objects.requireNonNull(body, "body");
            Formats.timestamp("cts", cts);
            Formats.size("sig", sig, SIGNATURE_BYTES);
        }

        @Override
        public String type() {
            return "send";
        }
    }

    /** Relay → client: login accepted; {@code users} are everyone else online, with their bundles. */
    record Welcome(String ref, String user, List<KeyBundle.Entry> users) implements Frame {
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

    /** Relay → client: a user joined (with its bundle) or left (no bundle). */
    record Presence(PresenceEvent event, String user, Optional<KeyBundle> bundle) implements Frame {
        public Presence {
            Objects.requireNonNull(event, "event");
            Formats.user("user", user);
            Objects.requireNonNull(bundle, "bundle");
            if (event == PresenceEvent.JOIN && bundle.isEmpty()) {
                throw new IllegalArgumentException("a join carries the user's bundle");
            }
            if (event == PresenceEvent.LEAVE && bundle.isPresent()) {
                throw new IllegalArgumentException("a leave carries no bundle");
            }
        }

        /** A join with the user's bundle. */
        public static Presence join(String user, KeyBundle bundle) {
            return new Presence(PresenceEvent.JOIN, user, Optional.of(bundle));
        }

        /** A leave. */
        public static Presence leave(String user) {
            return new Presence(PresenceEvent.LEAVE, user, Optional.empty());
        }

        @Override
        public String type() {
            return "presence";
        }
    }

    /**
     * Relay → client: a message; {@code from} and {@code ts} are stamped by the relay, the other fields
     * are the sender's {@code send}, untouched.
     */
    record Deliver(String id, String from, long ts, List<String> to, boolean everyone, String scheme, Bytes body,
            long cts, Bytes sig) implements Frame {
        public Deliver {
            Formats.id("id", id);
            Formats.user("from", from);
            Formats.timestamp("ts", ts);
            to = Formats.users("to", to, everyone ? 0 : 1);
            Formats.scheme("scheme", scheme);
            Objects.requireNonNull(body, "body");
            Formats.timestamp("cts", cts);
            Formats.size("sig", sig, SIGNATURE_BYTES);
        }

        @Override
        public String type() {
            return "deliver";
        }
    }

    /**
     * Relay → client: message {@code ref} was accepted and is stored durably. It was handed to the online
     * {@code recipients}, stored for the offline registered users in {@code queued} (direct messages
     * only), and will not reach the users in {@code refused}. {@code queued} and {@code refused} may be
     * absent on the wire, meaning empty.
     */
    record Sent(String ref, long ts, List<String> recipients, List<String> queued, List<Refusal> refused)
            implements Frame {
        public Sent {
            Formats.id("ref", ref);
            Formats.timestamp("ts", ts);
            recipients = Formats.users("recipients", recipients, 0);
            queued = Formats.users("queued", queued, 0);
            refused = List.copyOf(refused);
            if (refused.stream().map(Refusal::user).distinct().count() != refused.size()) {
                throw new IllegalArgumentException("refused contains duplicate user names");
            }
        }

        /** A {@code sent} without queued or refused recipients (the shape of protocol v2 before store and forward). */
        public Sent(String ref, long ts, List<String> recipients) {
            this(ref, ts, recipients, List.of(), List.of());
        }

        @Override
        public String type() {
            return "sent";
        }

        /**
         * A recipient the relay will not reach, and why: {@code code} is an error code such as
         * {@code queue-full} or {@code unknown-recipient}, kept as a string so that later codes still
         * decode; see {@link #knownCode()}.
         */
        public record Refusal(String user, String code) {
            public Refusal {
                Formats.user("user", user);
                Formats.code("code", code);
            }

            public Refusal(String user, ErrorCode code) {
                this(user, code.wireName());
            }

            /** The code, if this version knows it. */
            public Optional<ErrorCode> knownCode() {
                return ErrorCode.fromWireName(code);
            }
        }
    }

    /**
     * Client → relay: the local user has processed the delivery of message {@code ref} from {@code from}
     * (opened it, or refused it for good). Sent for every {@code deliver}, repeats included; the relay
     * then deletes its stored copy and sends {@code from} a {@link Receipt}.
     */
    record Ack(String ref, String from) implements Frame {
        public Ack {
            Formats.id("ref", ref);
            Formats.user("from", from);
        }

        @Override
        public String type() {
            return "ack";
        }
    }

    /** Relay → client: {@code user} acknowledged message {@code ref} at relay time {@code ts}. */
    record Receipt(String ref, String user, long ts) implements Frame {
        public Receipt {
            Formats.id("ref", ref);
            Formats.user("user", user);
            Formats.timestamp("ts", ts);
        }

        @Override
        public String type() {
            return "receipt";
        }
    }

    /**
     * Relay → client: the frame {@code ref} was refused. {@code code} is kept as a string so that codes
     * added by later relays still decode; see {@link #knownCode()}.
     */
    record Error(String code, String message, Optional<String> ref) implements Frame {
        public Error {
            Formats.code("code", code);
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
