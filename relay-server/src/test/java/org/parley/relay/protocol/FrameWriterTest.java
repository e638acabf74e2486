package org.parley.relay.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Golden JSON for every relay → client frame, in the field order of PROTOCOL.md §3.4. */
class FrameWriterTest {
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
    void welcome() {
        assertEquals("{\"type\":\"welcome\",\"v\":1,\"ref\":\"h1\",\"user\":\"alice\",\"users\":"
                + "[{\"user\":\"bob\",\"keys\":{\"rsa-oaep-aes-gcm\":\"QQ==\"}}]}",
                write(new WelcomeFrame("h1", "alice", List.of(new UserKeys("bob", Map.of("rsa-oaep-aes-gcm", "QQ=="))))));
    }

    @Test
    void presence() {
        assertEquals("{\"type\":\"presence\",\"v\":1,\"event\":\"join\",\"user\":\"alice\",\"keys\":{\"x\":\"QQ==\"}}",
                write(PresenceFrame.join(new UserKeys("alice", Map.of("x", "QQ==")))));
        assertEquals("{\"type\":\"presence\",\"v\":1,\"event\":\"leave\",\"user\":\"alice\"}",
                write(PresenceFrame.leave("alice")));
    }

    @Test
    void deliverAndSent() {
        SendFrame send = new SendFrame("9b2", List.of("bob"), false, "rsa-oaep-aes-gcm", "AQAB");
        assertEquals("{\"type\":\"deliver\",\"v\":1,\"id\":\"9b2\",\"from\":\"alice\",\"ts\":1795000000000,"
                + "\"to\":[\"bob\"],\"everyone\":false,\"scheme\":\"rsa-oaep-aes-gcm\",\"body\":\"AQAB\"}",
                write(new DeliverFrame(send, "alice", 1795000000000L)));
        assertEquals("{\"type\":\"sent\",\"v\":1,\"ref\":\"9b2\",\"ts\":1795000000000,\"recipients\":[\"bob\"]}",
                write(new SentFrame("9b2", 1795000000000L, List.of("bob"))));
    }

    @Test
    void error() {
        assertEquals("{\"type\":\"error\",\"v\":1,\"code\":\"name-taken\",\"message\":\"m\",\"ref\":\"h1\"}",
                write(ErrorFrame.of(ErrorCode.NAME_TAKEN, "m", "h1")));
        assertEquals("{\"type\":\"error\",\"v\":1,\"code\":\"bad-json\",\"message\":\"m\"}",
                write(new ErrorFrame(ErrorCode.BAD_JSON, "m", Optional.empty())));
    }
}
