package org.parley.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class GoldenVectorsTest {

    private static final int LIMIT = FrameCodec.DEFAULT_MAX_FRAME_BYTES;

    private final FrameCodec codec = new FrameCodec();

    @Test
    void everyFrameTypeHasAGoldenVector() throws Exception {
        List<String> types = GoldenFiles.list("").stream()
                .map(p -> decodeUnchecked(GoldenFiles.read(p)).type()).distinct().sorted()
                .collect(Collectors.toList());
        assertEquals(List.of("ack", "auth", "challenge", "deliver", "error", "hello", "presence", "receipt", "send", "sent",
                "welcome"),
                types);
        assertTrue(GoldenFiles.list("invalid").size() >= 20, "invalid vectors present");
    }

    @TestFactory
    List<DynamicTest> validVectorsDecodeAndReencodeIdentically() {
        return GoldenFiles.list("").stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String text = GoldenFiles.read(file);
            Frame frame = codec.decode(text, LIMIT);
            assertEquals(text, codec.encode(frame));
            assertEquals(frame, codec.decode(codec.encode(frame), LIMIT));
        })).collect(Collectors.toList());
    }

    @TestFactory
    List<DynamicTest> lenientVectorsDecodeLikeTheirCanonicalFile() {
        return GoldenFiles.list("lenient").stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            Path canonical = GoldenFiles.dir().resolve(GoldenFiles.prefix(file) + ".json");
            assertTrue(Files.isRegularFile(canonical), "canonical file exists: " + canonical);
            Frame expected = codec.decode(GoldenFiles.read(canonical), LIMIT);
            assertEquals(expected, codec.decode(GoldenFiles.read(file), LIMIT));
        })).collect(Collectors.toList());
    }

    @TestFactory
    List<DynamicTest> invalidVectorsAreRefusedWithTheirCode() {
        return GoldenFiles.list("invalid").stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            ErrorCode expected = ErrorCode.fromWireName(GoldenFiles.prefix(file))
                    .orElseThrow(() -> new AssertionError("file name must start with an error code: " + file));
            ProtocolException e = assertThrows(ProtocolException.class,
                    () -> codec.decode(GoldenFiles.read(file), LIMIT));
            assertEquals(expected, e.code(), e.getMessage());
            assertFalse(e.getMessage().isBlank(), "has a human message");
        })).collect(Collectors.toList());
    }

    private Frame decodeUnchecked(String text) {
        try {
            return codec.decode(text, LIMIT);
        } catch (ProtocolException e) {
            throw new AssertionError(e);
        }
    }
}
