package org.parley.relay.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.relay.TestIdentity;

class FrameReaderTest {
    private static final KeyBundle BUNDLE = TestIdentity.fromSeed(1).bundle("alice");
    private static final String SIG = BUNDLE.sig();
    private static final String ID = BUNDLE.identity();
    private static final String SEND = "\"type\":\"send\",\"v\":2,\"id\":\"m1\",\"to\":[\"b\"],\"scheme\":\"x\",\"body\":\"QQ==\"";
    private static final String HELLO = "\"type\":\"hello\",\"v\":2,\"id\":\"h1\",\"user\":\"alice\"";
    private final FrameReader reader = new FrameReader(3, 1 << 20);

    private InboundFrame read(String json) {
        ByteBuf buf = Unpooled.copiedBuffer(json, StandardCharsets.UTF_8);
        try {
            return reader.read(buf);
        } finally {
            buf.release();
        }
    }

    private static String bundle(String identity, String keys, String created, String sig) {
        return "{" + HELLO + ",\"bundle\":{\"identity\":" + identity + ",\"keys\":" + keys + ",\"created\":" + created
                + ",\"sig\":" + sig + "}}";
    }

    private static String q(String s) {
        return "\"" + s + "\"";
    }

    @Test
    void readsHelloIgnoringUnknownFields() {
        InboundFrame f = read("{" + HELLO + ",\"extra\":{\"a\":[1,2]},\"bundle\":{\"identity\":\"" + ID + "\",\"x\":[{}],"
                + "\"keys\":{\"rsa-oaep-aes-gcm\":\"" + TestIdentity.KEY + "\"},\"created\":" + TestIdentity.CREATED
                + ",\"sig\":\"" + SIG + "\"}}");
        assertEquals(new HelloFrame("h1", "alice", BUNDLE), f);
    }

    @Test
    void readsPresenceChoiceOfHello() {
        String bundle = ",\"bundle\":{\"identity\":\"" + ID + "\",\"keys\":{\"rsa-oaep-aes-gcm\":\"" + TestIdentity.KEY
                + "\"},\"created\":" + TestIdentity.CREATED + ",\"sig\":\"" + SIG + "\"}";
        assertEquals(new HelloFrame("h1", "alice", BUNDLE, false), read("{" + HELLO + ",\"presence\":false" + bundle + "}"));
        assertEquals(new HelloFrame("h1", "alice", BUNDLE, true), read("{" + HELLO + ",\"presence\":true" + bundle + "}"));
        assertEquals(new HelloFrame("h1", "alice", BUNDLE, true), read("{" + HELLO + bundle + "}"), "default: presence");
        InvalidFrame bad = (InvalidFrame) read("{" + HELLO + ",\"presence\":\"no\"" + bundle + "}");
        assertEquals(ErrorCode.BAD_FRAME, bad.code());
    }

    @Test
    void readsAuth() {
        assertEquals(new AuthFrame("a1", SIG), read("{\"type\":\"auth\",\"v\":2,\"id\":\"a1\",\"sig\":\"" + SIG + "\"}"));
    }

    @Test
    void readsSendAndIgnoresClientFrom() {
        InboundFrame f = read("{\"v\":2,\"from\":\"mallory\",\"type\":\"send\",\"id\":\"m-1\",\"to\":[\"bob\",\"carol\"],"
                + "\"scheme\":\"rsa-oaep-aes-gcm\",\"body\":\"AQAB\",\"cts\":1795000000100,\"sig\":\"" + SIG + "\"}");
        assertEquals(new SendFrame("m-1", List.of("bob", "carol"), false, "rsa-oaep-aes-gcm", "AQAB", 1795000000100L, SIG), f);
    }

    @Test
    void readsAckWithoutAnIdOfItsOwn() {
        assertEquals(new AckFrame("m-1", "alice"), read("{\"type\":\"ack\",\"v\":2,\"ref\":\"m-1\",\"from\":\"alice\"}"));
    }

    @Test
    void everyoneMayHaveAnEmptyTo() {
        SendFrame f = (SendFrame) read("{\"type\":\"send\",\"v\":2,\"id\":\"m\",\"to\":[],\"everyone\":true,"
                + "\"scheme\":\"x\",\"body\":\"\",\"cts\":-1,\"sig\":\"" + SIG + "\"}");
        assertTrue(f.everyone());
        assertEquals(List.of(), f.to());
        assertEquals(-1, f.cts(), "cts is forwarded, never interpreted");
    }

    @Test
    void readsFromDirectBuffers() {
        ByteBuf direct = Unpooled.directBuffer();
        direct.writeCharSequence("{" + SEND + ",\"cts\":1,\"sig\":\"" + SIG + "\"}", StandardCharsets.UTF_8);
        assertInstanceOf(SendFrame.class, reader.read(direct));
        assertEquals(0, direct.readerIndex(), "reading must not consume the buffer");
        assertTrue(direct.release());
    }

    static Stream<Arguments> refused() {
        String send = SEND + ",\"cts\":1,\"sig\":\"" + SIG + "\"";
        String keys = "{\"x\":\"QQ==\"}";
        String created = "1";
        String sig = q(SIG);
        String wrongPrefix = java.util.Base64.getEncoder().encodeToString(new byte[44]);
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 17; i++) {
            many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"QQ==\"");
        }
        String tooManyKeys = many.append("}").toString();
        return Stream.of(
                Arguments.of("not json", ErrorCode.BAD_JSON, null),
                Arguments.of("[1,2]", ErrorCode.BAD_JSON, null),
                Arguments.of("{\"type\":\"send\"", ErrorCode.BAD_JSON, null),
                Arguments.of("{\"type\":\"send\",\"type\":\"hello\"}", ErrorCode.BAD_JSON, null),
                Arguments.of("{\"v\":2} {}", ErrorCode.BAD_JSON, null),
                Arguments.of("{\"v\":2,\"id\":\"x1\"}", ErrorCode.BAD_FRAME, "x1"),
                Arguments.of("{\"type\":\"send\",\"id\":\"x1\"}", ErrorCode.BAD_FRAME, "x1"),
                Arguments.of("{\"type\":\"send\",\"v\":\"2\"}", ErrorCode.BAD_FRAME, null),
                Arguments.of("{\"type\":\"send\",\"v\":2.0}", ErrorCode.BAD_FRAME, null),
                Arguments.of("{\"type\":\"send\",\"v\":{\"type\":\"x\"},\"id\":\"x0\"}", ErrorCode.BAD_FRAME, "x0"),
                Arguments.of("{\"type\":\"send\",\"v\":1,\"id\":\"x2\"}", ErrorCode.UNSUPPORTED_VERSION, "x2"),
                Arguments.of("{\"type\":\"send\",\"v\":3,\"id\":\"x2\"}", ErrorCode.UNSUPPORTED_VERSION, "x2"),
                Arguments.of("{\"type\":\"deliver\",\"v\":2,\"id\":\"x3\"}", ErrorCode.UNKNOWN_TYPE, "x3"),
                Arguments.of("{\"type\":\"send\",\"v\":2,\"id\":\"m1\",\"scheme\":\"x\",\"body\":\"QQ==\"}", ErrorCode.BAD_FRAME, "m1"),
                Arguments.of("{" + send + ",\"to\":[]}", ErrorCode.BAD_JSON, null), // duplicate 'to'
                Arguments.of("{" + send.replace("[\"b\"]", "[]") + "}", ErrorCode.BAD_FRAME, "m1"),
                Arguments.of("{" + send.replace("[\"b\"]", "[\"b\",\"b\"]") + "}", ErrorCode.BAD_FRAME, "m1"),
                Arguments.of("{" + send.replace("[\"b\"]", "[\"*\"]") + "}", ErrorCode.BAD_FRAME, "m1"),
                Arguments.of("{" + send.replace("[\"b\"]", "[\"b\",3]") + "}", ErrorCode.BAD_FRAME, "m1"),
                Arguments.of("{" + send.replace("[\"b\"]", "\"b\"") + "}", ErrorCode.BAD_FRAME, "m1"),
                Arguments.of("{" + send.replace("[\"b\"]", "[\"a\",\"b\",\"c\",\"d\"]") + "}", ErrorCode.TOO_MANY_RECIPIENTS, "m1"),
                Arguments.of("{" + send + ",\"everyone\":\"yes\"}", ErrorCode.BAD_FRAME, "m1"),
                Arguments.of("{" + send + ",\"everyone\":[true]}", ErrorCode.BAD_FRAME, "m1"),
                Arguments.of("{" + send.replace("\"body\":\"QQ==\"", "\"body\":5") + "}", ErrorCode.BAD_FRAME, "m1"),
                Arguments.of("{" + send.replace("\"scheme\":\"x\"", "\"scheme\":\"X!\"") + "}", ErrorCode.BAD_FRAME, "m1"),
                Arguments.of("{" + send.replace("\"id\":\"m1\"", "\"id\":\"bad id\"") + "}", ErrorCode.BAD_FRAME, null),
                Arguments.of("{" + SEND + ",\"sig\":\"" + SIG + "\"}", ErrorCode.BAD_FRAME, "m1"),
                Arguments.of("{" + SEND + ",\"cts\":\"1\",\"sig\":\"" + SIG + "\"}", ErrorCode.BAD_FRAME, "m1"),
                Arguments.of("{" + SEND + ",\"cts\":1.5,\"sig\":\"" + SIG + "\"}", ErrorCode.BAD_FRAME, "m1"),
                Arguments.of("{" + SEND + ",\"cts\":99999999999999999999,\"sig\":\"" + SIG + "\"}", ErrorCode.BAD_FRAME, "m1"),
                Arguments.of("{" + SEND + ",\"cts\":1}", ErrorCode.BAD_FRAME, "m1"),
                Arguments.of("{" + SEND + ",\"cts\":1,\"sig\":\"QQ==\"}", ErrorCode.BAD_FRAME, "m1"),
                Arguments.of("{\"type\":\"auth\",\"v\":2,\"id\":\"a1\"}", ErrorCode.BAD_FRAME, "a1"),
                Arguments.of("{\"type\":\"ack\",\"v\":2,\"from\":\"alice\"}", ErrorCode.BAD_FRAME, null),
                Arguments.of("{\"type\":\"ack\",\"v\":2,\"ref\":\"m1\"}", ErrorCode.BAD_FRAME, null),
                Arguments.of("{\"type\":\"ack\",\"v\":2,\"ref\":\"m 1\",\"from\":\"alice\"}", ErrorCode.BAD_FRAME, null),
                Arguments.of("{\"type\":\"ack\",\"v\":2,\"ref\":\"m1\",\"from\":\"*\"}", ErrorCode.BAD_FRAME, null),
                Arguments.of("{\"type\":\"ack\",\"v\":1,\"ref\":\"m1\",\"from\":\"a\"}", ErrorCode.UNSUPPORTED_VERSION, null),
                Arguments.of("{\"type\":\"auth\",\"v\":2,\"id\":\"a1\",\"sig\":\"" + SIG.substring(4) + "\"}", ErrorCode.BAD_FRAME, "a1"),
                Arguments.of("{\"type\":\"auth\",\"v\":2,\"sig\":\"" + SIG + "\"}", ErrorCode.BAD_FRAME, null),
                Arguments.of("{" + HELLO + "}", ErrorCode.BAD_FRAME, "h1"),
                Arguments.of("{" + HELLO + ",\"bundle\":[]}", ErrorCode.BAD_FRAME, "h1"),
                Arguments.of("{" + HELLO.replace("alice", "a".repeat(33)) + ",\"bundle\":{}}", ErrorCode.BAD_FRAME, "h1"),
                Arguments.of("{" + HELLO + ",\"bundle\":{}}", ErrorCode.BAD_BUNDLE, "h1"),
                Arguments.of(bundle(q(ID), keys, created, sig).replace("\"keys\"", "\"kees\""), ErrorCode.BAD_BUNDLE, "h1"),
                Arguments.of(bundle(q(ID.substring(4)), keys, created, sig), ErrorCode.BAD_BUNDLE, "h1"),
                Arguments.of(bundle(q(wrongPrefix), keys, created, sig), ErrorCode.BAD_BUNDLE, "h1"),
                Arguments.of(bundle(q(ID.replace("=", "")), keys, created, sig), ErrorCode.BAD_BUNDLE, "h1"),
                Arguments.of(bundle("5", keys, created, sig), ErrorCode.BAD_BUNDLE, "h1"),
                Arguments.of(bundle(q(ID), "{}", created, sig), ErrorCode.BAD_BUNDLE, "h1"),
                Arguments.of(bundle(q(ID), tooManyKeys, created, sig), ErrorCode.BAD_BUNDLE, "h1"),
                Arguments.of(bundle(q(ID), "{\"x\":\"not base64!\"}", created, sig), ErrorCode.BAD_BUNDLE, "h1"),
                Arguments.of(bundle(q(ID), "{\"x\":\"" + "A".repeat(5468) + "\"}", created, sig), ErrorCode.BAD_BUNDLE, "h1"),
                Arguments.of(bundle(q(ID), "{\"X\":\"QQ==\"}", created, sig), ErrorCode.BAD_BUNDLE, "h1"),
                Arguments.of(bundle(q(ID), "{\"x\":1}", created, sig), ErrorCode.BAD_BUNDLE, "h1"),
                Arguments.of(bundle(q(ID), keys, "-1", sig), ErrorCode.BAD_BUNDLE, "h1"),
                Arguments.of(bundle(q(ID), keys, "1.0", sig), ErrorCode.BAD_BUNDLE, "h1"),
                Arguments.of(bundle(q(ID), keys, "18446744073709551616", sig), ErrorCode.BAD_BUNDLE, "h1"),
                Arguments.of(bundle(q(ID), keys, "\"1\"", sig), ErrorCode.BAD_BUNDLE, "h1"),
                Arguments.of(bundle(q(ID), keys, created, q(SIG.substring(4))), ErrorCode.BAD_BUNDLE, "h1"));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void refuses(String json, ErrorCode code, String ref) {
        InvalidFrame invalid = assertInstanceOf(InvalidFrame.class, read(json));
        assertEquals(code, invalid.code(), invalid.message());
        assertEquals(Optional.ofNullable(ref), invalid.ref());
        assertFalse(invalid.message().contains("QQ=="), "error messages never quote content");
    }

    @Test
    void refusesDeepNestingAsBadJson() {
        String deep = "[".repeat(100) + "]".repeat(100);
        InvalidFrame invalid = (InvalidFrame) read("{\"type\":\"send\",\"v\":2,\"x\":" + deep + "}");
        assertEquals(ErrorCode.BAD_JSON, invalid.code());
    }

    @Test
    void refusesInvalidUtf8AsBadJson() {
        ByteBuf buf = Unpooled.wrappedBuffer(new byte[] {'{', '"', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        assertEquals(ErrorCode.BAD_JSON, ((InvalidFrame) reader.read(buf)).code());
        buf.release();
    }

    @Test
    void keyBundleToStringHoldsNoKeyMaterial() {
        assertFalse(BUNDLE.toString().contains(ID) || BUNDLE.toString().contains(SIG) || BUNDLE.toString().contains("QUJD"));
        assertEquals(Map.of("rsa-oaep-aes-gcm", TestIdentity.KEY), BUNDLE.keys());
    }
}
