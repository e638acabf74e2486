package org.parley.relay.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Golden JSON for every relay → client frame, in the field order of PROTOCOL.md §3.5. */
class FrameWriterTest {
    private static final String ID = "MCowBQYDK2VwAyEA" + "A".repeat(40) + "=";
    private static final String SIG = "A".repeat(86) + "==";
    private static final KeyBundle BUNDLE = new KeyBundle(ID, Map.of("rsa-oaep-aes-gcm", "QQ=="), 1795000000000L, SIG);
    private static final String BUNDLE_JSON = "{\"identity\":\"" + ID + "\",\"keys\":{\"rsa-oaep-aes-gcm\":\"QQ==\"},"
            + "\"created\":1795000000000,\"sig\":\"" + SIG + "\"}";
    private final FrameWriter writer = new FrameWriter();

    private String write(OutboundFrame frame) {
        ByteBuf buf = writer.write(UnpooledByteBufAllocator.DEFAULT, frame);
        try {
            return buf.toString(StandardCharsets.UTF_8);
        } finally {
            buf.release();
        }
    }

    @Test
    void challenge() {
        assertEquals("{\"type\":\"challenge\",\"v\":2,\"ref\":\"h1\",\"nonce\":\"q2v=\"}",
                write(new ChallengeFrame("h1", "q2v=")));
    }

    @Test
    void welcome() {
        assertEquals("{\"type\":\"welcome\",\"v\":2,\"ref\":\"a1\",\"user\":\"alice\",\"users\":"
                + "[{\"user\":\"bob\",\"bundle\":" + BUNDLE_JSON + "}]}",
                write(new WelcomeFrame("a1", "alice", List.of(new UserBundle("bob", BUNDLE)))));
    }

    @Test
    void presence() {
        assertEquals("{\"type\":\"presence\",\"v\":2,\"event\":\"join\",\"user\":\"alice\",\"bundle\":" + BUNDLE_JSON + "}",
                write(PresenceFrame.join(new UserBundle("alice", BUNDLE))));
        assertEquals("{\"type\":\"presence\",\"v\":2,\"event\":\"leave\",\"user\":\"alice\"}",
                write(PresenceFrame.leave("alice")));
    }

    @Test
    void deliverAndSent() {
        SendFrame send = new SendFrame("9b2", List.of("bob"), false, "rsa-oaep-aes-gcm", "AQAB", 1795000000100L, SIG);
        assertEquals("{\"type\":\"deliver\",\"v\":2,\"id\":\"9b2\",\"from\":\"alice\",\"ts\":1795000000000,"
                + "\"to\":[\"bob\"],\"everyone\":false,\"scheme\":\"rsa-oaep-aes-gcm\",\"body\":\"AQAB\","
                + "\"cts\":1795000000100,\"sig\":\"" + SIG + "\"}",
                write(new DeliverFrame(send, "alice", 1795000000000L)));
        assertEquals("{\"type\":\"sent\",\"v\":2,\"ref\":\"9b2\",\"ts\":1795000000000,\"recipients\":[\"bob\"],"
                + "\"queued\":[\"carol\"],\"refused\":[{\"user\":\"dave\",\"code\":\"queue-full\"},"
                + "{\"user\":\"eve\",\"code\":\"unknown-recipient\"}]}",
                write(new SentFrame("9b2", 1795000000000L, List.of("bob"), List.of("carol"),
                        List.of(new RefusedRecipient("dave", ErrorCode.QUEUE_FULL),
                                new RefusedRecipient("eve", ErrorCode.UNKNOWN_RECIPIENT)))));
        assertEquals("{\"type\":\"receipt\",\"v\":2,\"ref\":\"9b2\",\"user\":\"bob\",\"ts\":1795000000001}",
                write(new ReceiptFrame("9b2", "bob", 1795000000001L)));
    }

    @Test
    void error() {
        assertEquals("{\"type\":\"error\",\"v\":2,\"code\":\"name-registered\",\"message\":\"m\",\"ref\":\"h1\"}",
                write(ErrorFrame.of(ErrorCode.NAME_REGISTERED, "m", "h1")));
        assertEquals("{\"type\":\"error\",\"v\":2,\"code\":\"bad-json\",\"message\":\"m\"}",
                write(new ErrorFrame(ErrorCode.BAD_JSON, "m", Optional.empty())));
    }
}
