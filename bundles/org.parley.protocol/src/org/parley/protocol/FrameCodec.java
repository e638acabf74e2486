package org.parley.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Encodes {@link Frame}s as JSON text and decodes JSON text into validated frames (PROTOCOL.md §2-3).
 *
 * <p>Encoding is canonical: compact JSON, fields in the order {@code type}, {@code v}, then the order of
 * PROTOCOL.md §3, key maps sorted by scheme id, base64 with the standard alphabet and padding. The
 * golden vectors in {@code golden/} are exactly such encodings.
 *
 * <h3>Security guarantees</h3>
 * <ul>
 *   <li>{@link #decode} refuses texts longer than the given limit (UTF-8 bytes) before parsing, and
 *       limits nesting depth, so a peer cannot make it allocate without bound.</li>
 *   <li>Decoded frames are fully validated; duplicate JSON keys are refused (so two parsers cannot
 *       read one frame differently); unknown fields are ignored. No Java serialization is involved.</li>
 *   <li>Error messages never quote the input.</li>
 * </ul>
 *
 * <h3>Threading</h3>
 * Immutable and safe for concurrent use; create one and share it.
 */
public final class FrameCodec {

    /** A frame size limit for clients: 1 MiB of UTF-8, generous for a 64 KiB message to many recipients. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 1 << 20;

    private static final int MAX_NESTING = 8;

    private final FrameReader reader;
    private final FrameWriter writer;

    public FrameCodec() {
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
                .build();
        ObjectMapper mapper = new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.reader = new FrameReader(mapper);
        this.writer = new FrameWriter(factory);
    }

    /** The canonical JSON text of {@code frame}. */
    public String encode(Frame frame) {
        return writer.write(frame);
    }

    /**
     * Decodes one frame.
     *
     * @param text the JSON text of one WebSocket text message
     * @param maxBytes the largest accepted size in UTF-8 bytes
     * @throws ProtocolException with {@link ErrorCode#TOO_LARGE}, {@link ErrorCode#BAD_JSON},
     *     {@link ErrorCode#BAD_FRAME}, {@link ErrorCode#UNKNOWN_TYPE} or
     *     {@link ErrorCode#UNSUPPORTED_VERSION}
     */
    public Frame decode(String text, int maxBytes) throws ProtocolException {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        // a UTF-8 encoding is never shorter than the char count, so this check needs no encoding pass
        if (text.length() > maxBytes || utf8Length(text) > maxBytes) {
            throw new ProtocolException(ErrorCode.TOO_LARGE, "frame exceeds " + maxBytes + " bytes");
        }
        return reader.read(text);
    }

    /** The UTF-8 length of {@code text}, computed without encoding it. */
    public static long utf8Length(CharSequence text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            bytes += utf8Length(text.charAt(i));
        }
        return bytes;
    }

    /**
     * The UTF-8 bytes {@code c} contributes; a surrogate counts 2, so a pair counts 4 even when split
     * across chunks of a fragmented message.
     */
    public static int utf8Length(char c) {
        if (c < 0x80) {
            return 1;
        }
        if (c < 0x800 || Character.isSurrogate(c)) {
            return 2;
        }
        return 3;
    }
}
