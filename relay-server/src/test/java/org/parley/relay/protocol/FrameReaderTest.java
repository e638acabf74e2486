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

class FrameReaderTest {
    private static final String KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE";
    private final FrameReader reader = new FrameReader(3, 1 << 20);

    private InboundFrame read(String json) {
        ByteBuf buf = Unpooled.copiedBuffer(json, StandardCharsets.UTF_8);
        try {
            return reader.read(buf);
        } finally {
            buf.release();
        }
    }

    @Test
    void readsHello() {
        InboundFrame f = read("{\"type\":\"hello\",\"v\":1,\"id\":\"h1\",\"user\":\"alice\",\"extra\":{\"a\":[1,2]},"
                + "\"keys\":{\"rsa-oaep-aes-gcm\":\"" + KEY + "\"}}");
        assertEquals(new HelloFrame("h1", "alice", Map.of("rsa-oaep-aes-gcm", KEY)), f);
    }

    @Test
    void readsSendAndIgnoresClientFrom() {
        InboundFrame f = read("{\"v\":1,\"from\":\"mallory\",\"type\":\"send\",\"id\":\"m-1\",\"to\":[\"bob\",\"carol\"],"
                + "\"scheme\":\"rsa-oaep-aes-gcm\",\"body\":\"AQAB\"}");
        assertEquals(new SendFrame("m-1", List.of("bob", "carol"), false, "rsa-oaep-aes-gcm", "AQAB"), f);
    }

    @Test
    void everyoneMayHaveAnEmptyTo() {
        SendFrame f = (SendFrame) read("{\"type\":\"send\",\"v\":1,\"id\":\"m\",\"to\":[],\"everyone\":true,"
                + "\"scheme\":\"x\",\"body\":\"\"}");
        assertTrue(f.everyone());
        assertEquals(List.of(), f.to());
    }

    @Test
    void readsFromDirectBuffers() {
        ByteBuf direct = Unpooled.directBuffer();
        direct.writeCharSequence("{\"type\":\"send\",\"v\":1,\"id\":\"m\",\"to\":[\"b\"],\"scheme\":\"x\",\"body\":\"QQ==\"}",
                StandardCharsets.UTF_8);
        assertInstanceOf(SendFrame.class, reader.read(direct));
        assertEquals(0, direct.readerIndex(), "reading must not consume the buffer");
        assertTrue(direct.release());
    }

    static Stream<Arguments> refused() {
        String send = "\"type\":\"send\",\"v\":1,\"id\":\"m1\",\"scheme\":\"x\",\"body\":\"QQ==\"";
        String hello = "\"type\":\"hello\",\"v\":1,\"id\":\"h1\",\"user\":\"alice\"";
        return Stream.of(
                Arguments.of("not json", ErrorCode.BAD_JSON, null),
                Arguments.of("[1,2]", ErrorCode.BAD_JSON, null),
                Arguments.of("{\"type\":\"send\"", ErrorCode.BAD_JSON, null),
                Arguments.of("{\"type\":\"send\",\"type\":\"hello\"}", ErrorCode.BAD_JSON, null),
                Arguments.of("{\"v\":1} {}", ErrorCode.BAD_JSON, null),
                Arguments.of("{\"v\":1,\"id\":\"x1\"}", ErrorCode.BAD_FRAME, "x1"),
                Arguments.of("{\"type\":\"send\",\"id\":\"x1\"}", ErrorCode.BAD_FRAME, "x1"),
                Arguments.of("{\"type\":\"send\",\"v\":\"1\"}", ErrorCode.BAD_FRAME, null),
                Arguments.of("{\"type\":\"send\",\"v\":2,\"id\":\"x2\"}", ErrorCode.UNSUPPORTED_VERSION, "x2"),
                Arguments.of("{\"type\":\"deliver\",\"v\":1,\"id\":\"x3\"}", ErrorCode.UNKNOWN_TYPE, "x3"),
                Arguments.of("{" + send + "}", ErrorCode.BAD_FRAME, "m1"),
                Arguments.of("{" + send + ",\"to\":[]}", ErrorCode.BAD_FRAME, "m1"),
                Arguments.of("{" + send + ",\"to\":[\"b\",\"b\"]}", ErrorCode.BAD_FRAME, "m1"),
                Arguments.of("{" + send + ",\"to\":[\"*\"]}", ErrorCode.BAD_FRAME, "m1"),
                Arguments.of("{" + send + ",\"to\":[\"b\",3]}", ErrorCode.BAD_FRAME, "m1"),
                Arguments.of("{" + send + ",\"to\":\"b\"}", ErrorCode.BAD_FRAME, "m1"),
                Arguments.of("{" + send + ",\"to\":[\"a\",\"b\",\"c\",\"d\"]}", ErrorCode.TOO_MANY_RECIPIENTS, "m1"),
                Arguments.of("{" + send + ",\"to\":[\"b\"],\"everyone\":\"yes\"}", ErrorCode.BAD_FRAME, "m1"),
                Arguments.of("{\"type\":\"send\",\"v\":1,\"id\":\"m1\",\"to\":[\"b\"],\"scheme\":\"x\",\"body\":5}",
                        ErrorCode.BAD_FRAME, "m1"),
                Arguments.of("{\"type\":\"send\",\"v\":1,\"id\":\"m1\",\"to\":[\"b\"],\"scheme\":\"X!\",\"body\":\"\"}",
                        ErrorCode.BAD_FRAME, "m1"),
                Arguments.of("{\"type\":\"send\",\"v\":1,\"id\":\"bad id\",\"to\":[\"b\"],\"scheme\":\"x\",\"body\":\"\"}",
                        ErrorCode.BAD_FRAME, null),
                Arguments.of("{" + hello + "}", ErrorCode.BAD_FRAME, "h1"),
                Arguments.of("{" + hello + ",\"keys\":{}}", ErrorCode.BAD_FRAME, "h1"),
                Arguments.of("{" + hello + ",\"keys\":{\"x\":\"not base64!\"}}", ErrorCode.BAD_FRAME, "h1"),
                Arguments.of("{" + hello + ",\"keys\":{\"x\":\"" + "A".repeat(5468) + "\"}}", ErrorCode.BAD_FRAME, "h1"),
                Arguments.of("{\"type\":\"hello\",\"v\":1,\"id\":\"h1\",\"user\":\"" + "a".repeat(33)
                        + "\",\"keys\":{\"x\":\"QQ==\"}}", ErrorCode.BAD_FRAME, "h1"));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void refuses(String json, ErrorCode code, String ref) {
        InvalidFrame invalid = assertInstanceOf(InvalidFrame.class, read(json));
        assertEquals(code, invalid.code());
        assertEquals(Optional.ofNullable(ref), invalid.ref());
        assertFalse(invalid.message().contains("QQ=="), "error messages never quote content");
    }

    @Test
    void refusesDeepNestingAsBadJson() {
        String deep = "[".repeat(100) + "]".repeat(100);
        InvalidFrame invalid = (InvalidFrame) read("{\"type\":\"send\",\"v\":1,\"x\":" + deep + "}");
        assertEquals(ErrorCode.BAD_JSON, invalid.code());
    }
}
