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
    private static final Bytes IDENTITY = Bytes.of(new byte[44]);
    private static final Bytes SIG = Bytes.of(new byte[64]);
    private static final KeyBundle BUNDLE = new KeyBundle(IDENTITY, Map.of("rsa-oaep-aes-gcm", KEY, "x", BODY), 7, SIG);

    private final FrameCodec codec = new FrameCodec();

    @Test
    void everyFrameTypeRoundTrips() throws Exception {
        List<Frame> frames = List.of(
                new Frame.Hello("h1", "alice", BUNDLE),
                new Frame.Challenge("h1", Bytes.of(new byte[32])),
                new Frame.Auth("a1", SIG),
                new Frame.Send("m-1", List.of("bob", "carol"), true, "rsa-oaep-aes-gcm", BODY, 5, SIG),
                new Frame.Send("m-2", List.of(), true, "rsa-oaep-aes-gcm", BODY, 5, SIG),
                new Frame.Welcome("h1", "alice", List.of(new KeyBundle.Entry("bob", BUNDLE))),
                Frame.Presence.join("bob", BUNDLE),
                Frame.Presence.leave("bob"),
                new Frame.Deliver("m-1", "alice", 1795000000000L, List.of("bob"), false, "s", BODY, 1795000000001L, SIG),
                new Frame.Sent("m-1", 5L, List.of()),
                new Frame.Sent("m-1", 5L, List.of("bob"), List.of("carol"),
                        List.of(new Frame.Sent.Refusal("dave", ErrorCode.UNKNOWN_RECIPIENT),
                                new Frame.Sent.Refusal("erin", "a-later-code"))),
                new Frame.Ack("m-1", "bob"),
                new Frame.Receipt("m-1", "bob", 1795000000500L),
                new Frame.Error(ErrorCode.NAME_REGISTERED, "alice belongs to another key", Optional.of("h1")),
                new Frame.Error("some-future-code", "ünïcödé ☃ message", Optional.empty()));
        for (Frame frame : frames) {
            String json = codec.encode(frame);
            assertEquals(frame, codec.decode(json, 4096), json);
        }
    }

    @Test
    void encodingIsCanonical() {
        KeyBundle bundle = new KeyBundle(IDENTITY, Map.of("b", BODY, "a", KEY), 9, SIG);
        String zeros44 = "A".repeat(59) + "=";
        String zeros64 = "A".repeat(86) + "==";
        assertEquals("{\"type\":\"hello\",\"v\":2,\"id\":\"h1\",\"user\":\"alice\",\"bundle\":{\"identity\":\"" + zeros44
                + "\",\"keys\":{\"a\":\"MIIBIgAABw==\",\"b\":\"AQID//4=\"},\"created\":9,\"sig\":\"" + zeros64 + "\"}}",
                codec.encode(new Frame.Hello("h1", "alice", bundle)));
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
        String json = "{\"type\":\"sent\",\"v\":2,\"ref\":\"a\",\"ts\":1,\"recipients\":[],\"x\":" + nested + "}";
        ProtocolException e = assertThrows(ProtocolException.class, () -> codec.decode(json, 4096));
        assertEquals(ErrorCode.BAD_JSON, e.code());
    }

    @Test
    void errorMessagesDoNotQuoteTheInput() {
        String secret = "c2VjcmV0LXNlY3JldA";
        ProtocolException e = assertThrows(ProtocolException.class, () -> codec.decode(
                "{\"type\":\"send\",\"v\":2,\"id\":\"m\",\"to\":[\"b\"],\"scheme\":\"s\",\"body\":\"" + secret + "\"}",
                4096));
        assertEquals(ErrorCode.BAD_FRAME, e.code());
        assertFalse(e.getMessage().contains(secret), e.getMessage());
        assertTrue(e.getMessage().contains("body"), e.getMessage());
    }

    @Test
    void version1IsRefusedAsUnsupported() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> codec.decode("{\"type\":\"sent\",\"v\":1,\"ref\":\"a\",\"ts\":1,\"recipients\":[]}", 4096));
        assertEquals(ErrorCode.UNSUPPORTED_VERSION, e.code());
    }

    @Test
    void recordsRefuseInvalidValues() {
        assertThrows(IllegalArgumentException.class, () -> new Frame.Hello("h 1", "alice", BUNDLE));
        assertThrows(IllegalArgumentException.class, () -> new Frame.Hello("h1", "*", BUNDLE));
        assertThrows(IllegalArgumentException.class, () -> new KeyBundle(IDENTITY, Map.of(), 1, SIG));
        assertThrows(IllegalArgumentException.class, () -> new KeyBundle(Bytes.of(new byte[45]), Map.of("s", KEY), 1, SIG));
        assertThrows(IllegalArgumentException.class, () -> new KeyBundle(IDENTITY, Map.of("s", KEY), -1, SIG));
        assertThrows(IllegalArgumentException.class,
                () -> new KeyBundle(IDENTITY, Map.of("s", Bytes.of(new byte[Formats.MAX_KEY_BYTES + 1])), 1, SIG));
        assertThrows(IllegalArgumentException.class, () -> new Frame.Send("m", List.of(), false, "s", BODY, 1, SIG));
        assertThrows(IllegalArgumentException.class,
                () -> new Frame.Send("m", List.of("a", "a"), false, "s", BODY, 1, SIG));
        assertThrows(IllegalArgumentException.class,
                () -> new Frame.Send("m", List.of("a"), false, "s", BODY, 1, Bytes.of(new byte[63])));
        assertThrows(IllegalArgumentException.class, () -> new Frame.Challenge("h", Bytes.of(new byte[16])));
        assertThrows(IllegalArgumentException.class, () -> new Frame.Sent("m", -1, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new Frame.Presence(PresenceEvent.LEAVE, "bob", Optional.of(BUNDLE)));
        assertThrows(IllegalArgumentException.class,
                () -> new Frame.Presence(PresenceEvent.JOIN, "bob", Optional.empty()));
    }

    @Test
    void errorFrameKnowsKnownCodesOnly() {
        for (String code : List.of("no-recipients", "name-registered", "bad-bundle", "auth-failed", "rate-limited",
                "too-many-connections", "queue-full", "unknown-recipient")) {
            assertTrue(new Frame.Error(code, "m", Optional.empty()).knownCode().isPresent(), code);
        }
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
    void sentWithoutQueuedOrRefusedMeansNone() throws Exception {
        Frame.Sent sent = (Frame.Sent) codec.decode(
                "{\"type\":\"sent\",\"v\":2,\"ref\":\"m\",\"ts\":1,\"recipients\":[\"bob\"]}", 4096);
        assertEquals(new Frame.Sent("m", 1, List.of("bob"), List.of(), List.of()), sent);
        assertEquals(List.of(), sent.refused());
    }

    @Test
    void refusalsKnowTheStoreAndForwardCodes() {
        assertEquals(Optional.of(ErrorCode.QUEUE_FULL), new Frame.Sent.Refusal("bob", "queue-full").knownCode());
        assertEquals(Optional.of(ErrorCode.UNKNOWN_RECIPIENT),
                new Frame.Sent.Refusal("bob", "unknown-recipient").knownCode());
        assertEquals(Optional.empty(), new Frame.Sent.Refusal("bob", "later").knownCode());
        assertThrows(IllegalArgumentException.class, () -> new Frame.Sent.Refusal("*", "queue-full"));
        assertThrows(IllegalArgumentException.class, () -> new Frame.Sent.Refusal("bob", ""));
        assertThrows(IllegalArgumentException.class, () -> new Frame.Sent("m", 1, List.of(), List.of("a", "a"),
                List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Frame.Ack("m", "*"));
        assertThrows(IllegalArgumentException.class, () -> new Frame.Receipt("m", "bob", -1));
    }

    @Test
    void nonPositiveLimitIsAProgrammerError() {
        assertThrows(IllegalArgumentException.class, () -> codec.decode("{}", 0));
    }
}
