package org.parley.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class FrameCodecTest {

    private static final Bytes KEY = Bytes.of(new byte[] { 48, -126, 1, 34, 0, 0, 7 });
    private static final Bytes BODY = Bytes.of(new byte[] { 1, 2, 3, -1, -2 });

    private final FrameCodec codec = new FrameCodec();

    @Test
    void everyFrameTypeRoundTrips() throws Exception {
        List<Frame> frames = List.of(
                new Frame.Hello("h1", "alice", Map.of("rsa-oaep-aes-gcm", KEY, "x", BODY)),
                new Frame.Send("m-1", List.of("bob", "carol"), true, "rsa-oaep-aes-gcm", BODY),
                new Frame.Welcome("h1", "alice", List.of(new UserKeys("bob", Map.of("rsa-oaep-aes-gcm", KEY)))),
                Frame.Presence.join("bob", Map.of("rsa-oaep-aes-gcm", KEY)),
                Frame.Presence.leave("bob"),
                new Frame.Deliver("m-1", "alice", 1795000000000L, List.of("bob"), false, "s", BODY),
                new Frame.Sent("m-1", 5L, List.of()),
                new Frame.Error(ErrorCode.NAME_TAKEN, "alice is online elsewhere", Optional.of("h1")),
                new Frame.Error("some-future-code", "ünïcödé ☃ message", Optional.empty()));
        for (Frame frame : frames) {
            String json = codec.encode(frame);
            assertEquals(frame, codec.decode(json, 4096), json);
        }
    }

    @Test
    void encodingIsCanonical() {
        Frame hello = new Frame.Hello("h1", "alice", Map.of("b", BODY, "a", KEY));
        assertEquals("{\"type\":\"hello\",\"v\":1,\"id\":\"h1\",\"user\":\"alice\",\"keys\":{\"a\":\"MIIBIgAABw==\","
                + "\"b\":\"AQID//4=\"}}", codec.encode(hello));
    }

    @Test
    void sizeLimitCountsUtf8BytesNotChars() throws Exception {
        String json = codec.encode(new Frame.Error("x", "\u00e9\u00e9", Optional.empty()));
        int bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        assertEquals(json.length() + 2, bytes);
        codec.decode(json, bytes);
        ProtocolException e = assertThrows(ProtocolException.class, () -> codec.decode(json, bytes - 1));
        assertEquals(ErrorCode.TOO_LARGE, e.code());
    }

    @Test
    void utf8LengthCountsSurrogatePairsAsFourBytes() {
        assertEquals(4, FrameCodec.utf8Length("\uD83D\uDE00"));
        assertEquals(6, FrameCodec.utf8Length("a\u00e9\u20ac"));
    }

    @Test
    void deeplyNestedUnknownFieldIsRefusedAsBadJson() {
        String nested = "[".repeat(50) + "]".repeat(50);
        String json = "{\"type\":\"sent\",\"v\":1,\"ref\":\"a\",\"ts\":1,\"recipients\":[],\"x\":" + nested + "}";
        ProtocolException e = assertThrows(ProtocolException.class, () -> codec.decode(json, 4096));
        assertEquals(ErrorCode.BAD_JSON, e.code());
    }

    @Test
    void errorMessagesDoNotQuoteTheInput() {
        String secret = "c2VjcmV0LXNlY3JldA";
        ProtocolException e = assertThrows(ProtocolException.class, () -> codec.decode(
                "{\"type\":\"send\",\"v\":1,\"id\":\"m\",\"to\":[\"b\"],\"scheme\":\"s\",\"body\":\"" + secret + "\"}",
                4096));
        assertEquals(ErrorCode.BAD_FRAME, e.code());
        assertFalse(e.getMessage().contains(secret), e.getMessage());
        assertTrue(e.getMessage().contains("body"), e.getMessage());
    }

    @Test
    void recordsRefuseInvalidValues() {
        assertThrows(IllegalArgumentException.class, () -> new Frame.Hello("h 1", "alice", Map.of("s", KEY)));
        assertThrows(IllegalArgumentException.class, () -> new Frame.Hello("h1", "*", Map.of("s", KEY)));
        assertThrows(IllegalArgumentException.class, () -> new Frame.Hello("h1", "alice", Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new Frame.Hello("h1", "alice", Map.of("s", Bytes.of(new byte[Formats.MAX_KEY_BYTES + 1]))));
        assertThrows(IllegalArgumentException.class, () -> new Frame.Send("m", List.of(), false, "s", BODY));
        assertThrows(IllegalArgumentException.class, () -> new Frame.Send("m", List.of("a", "a"), false, "s", BODY));
        assertThrows(IllegalArgumentException.class, () -> new Frame.Sent("m", -1, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new Frame.Presence(PresenceEvent.LEAVE, "bob", Map.of("s", KEY)));
    }

    @Test
    void errorFrameKnowsKnownCodesOnly() {
        assertEquals(Optional.of(ErrorCode.NO_RECIPIENTS),
                new Frame.Error("no-recipients", "m", Optional.empty()).knownCode());
        assertEquals(Optional.empty(), new Frame.Error("later-code", "m", Optional.empty()).knownCode());
    }

    @Test
    void bytesAreValuesAndHideTheirContent() {
        assertEquals(Bytes.of(new byte[] { 1, 2 }), Bytes.fromBase64("AQI="));
        assertEquals("Bytes[2]", Bytes.of(new byte[] { 1, 2 }).toString());
        assertThrows(IllegalArgumentException.class, () -> Bytes.fromBase64("AQJ="), "non-zero pad bits");
        assertThrows(IllegalArgumentException.class, () -> Bytes.fromBase64("AQI"), "missing padding");
        byte[] source = { 9 };
        Bytes b = Bytes.of(source);
        source[0] = 0;
        assertEquals(9, b.toByteArray()[0], "copied on the way in");
    }

    @Test
    void nonPositiveLimitIsAProgrammerError() {
        assertThrows(IllegalArgumentException.class, () -> codec.decode("{}", 0));
    }
}
