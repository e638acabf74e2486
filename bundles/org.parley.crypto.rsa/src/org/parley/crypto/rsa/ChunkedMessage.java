package org.parley.crypto.rsa;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The version-1 byte layout of {@code rsa-oaep-chunked} (big-endian, specified in PROTOCOL.md §5.1):
 *
 * <pre>
 * version (1) = 0x01 | nonce (16) | chunk count C (u16) | recipient count R (u16)
 * R × [ key id (16) | C × RSA-OAEP block (256) ]
 * </pre>
 *
 * <p>{@link #parse} validates every count against its cap and the exact total length before any
 * offset is used, so malformed input fails with {@link GeneralSecurityException} and never with an
 * index exception. Instances are immutable views over a private copy.
 */
final class ChunkedMessage {

    static final byte VERSION = 0x01;
    static final int NONCE_BYTES = 16;
    static final int HEADER_BYTES = 1 + NONCE_BYTES + 2 + 2;
    static final int BLOCK_BYTES = RsaKeys.MODULUS_BYTES;
    /** 256 − 2·32 − 2: the most RSA-2048 OAEP with SHA-256 can carry. */
    static final int MAX_CHUNK_PLAINTEXT = 190;
    static final int MAX_RECIPIENTS = 256;
    static final int MAX_PLAINTEXT = 256 * 1024;
    static final int MAX_CHUNKS = (MAX_PLAINTEXT + MAX_CHUNK_PLAINTEXT - 1) / MAX_CHUNK_PLAINTEXT;

    private static final byte[] LABEL_PREFIX = "parley/rsa-oaep-chunked/v1".getBytes(StandardCharsets.US_ASCII);

    private final byte[] sealed;
    private final int chunkCount;
    private final int recipientCount;

    private ChunkedMessage(byte[] sealed, int chunkCount, int recipientCount) {
        this.sealed = sealed;
        this.chunkCount = chunkCount;
        this.recipientCount = recipientCount;
    }

    static ChunkedMessage parse(byte[] input) throws GeneralSecurityException {
        if (input.length < HEADER_BYTES) {
            throw new GeneralSecurityException("rsa-oaep-chunked message too short: " + input.length + " bytes");
        }
        if (input[0] != VERSION) {
            throw new GeneralSecurityException(String.format("unsupported rsa-oaep-chunked version 0x%02x", input[0]));
        }
        byte[] copy = input.clone();
        int chunks = u16(copy, 1 + NONCE_BYTES);
        int recipients = u16(copy, 1 + NONCE_BYTES + 2);
        if (chunks < 1 || chunks > MAX_CHUNKS) {
            throw new GeneralSecurityException("chunk count " + chunks + " outside 1.." + MAX_CHUNKS);
        }
        if (recipients < 1 || recipients > MAX_RECIPIENTS) {
            throw new GeneralSecurityException("recipient count " + recipients + " outside 1.." + MAX_RECIPIENTS);
        }
        long expected = sealedLength(recipients, chunks);
        if (copy.length != expected) {
            throw new GeneralSecurityException("rsa-oaep-chunked message is " + copy.length
                    + " bytes, its counts require " + expected);
        }
        ChunkedMessage message = new ChunkedMessage(copy, chunks, recipients);
        message.rejectDuplicateKeyIds();
        return message;
    }

    /** Total length of a message; a long so that no count combination can overflow. */
    static long sealedLength(int recipients, int chunks) {
        return HEADER_BYTES + (long) recipients * (RsaKeys.KEY_ID_BYTES + (long) chunks * BLOCK_BYTES);
    }

    /** Number of chunks a plaintext is split into; an empty plaintext is one empty chunk. */
    static int chunkCount(int plaintextLength) {
        return Math.max(1, (plaintextLength + MAX_CHUNK_PLAINTEXT - 1) / MAX_CHUNK_PLAINTEXT);
    }

    /**
     * The OAEP label of chunk {@code index}: prefix || nonce || u32 len(AD) || AD || u32 index || u32
     * count. Binding nonce, index and count stops chunks being reordered, dropped, duplicated or
     * spliced in from another message, even one with the same associated data.
     */
    static byte[] label(byte[] nonce, byte[] associatedData, int index, int count) {
        return ByteBuffer.allocate(LABEL_PREFIX.length + NONCE_BYTES + 4 + associatedData.length + 8)
                .put(LABEL_PREFIX).put(nonce).putInt(associatedData.length).put(associatedData)
                .putInt(index).putInt(count).array();
    }

    byte[] nonce() {
        return Arrays.copyOfRange(sealed, 1, 1 + NONCE_BYTES);
    }

    int chunkCount() {
        return chunkCount;
    }

    /** Index of the recipient section whose key id equals {@code keyId}. */
    OptionalInt findSection(byte[] keyId) {
        for (int section = 0; section < recipientCount; section++) {
            int offset = sectionOffset(section);
            if (MessageDigest.isEqual(keyId, Arrays.copyOfRange(sealed, offset, offset + RsaKeys.KEY_ID_BYTES))) {
                return OptionalInt.of(section);
            }
        }
        return OptionalInt.empty();
    }

    byte[] chunk(int section, int index) {
        int offset = sectionOffset(section) + RsaKeys.KEY_ID_BYTES + index * BLOCK_BYTES;
        return Arrays.copyOfRange(sealed, offset, offset + BLOCK_BYTES);
    }

    private void rejectDuplicateKeyIds() throws GeneralSecurityException {
        Set<ByteBuffer> seen = new HashSet<>();
        for (int section = 0; section < recipientCount; section++) {
            if (!seen.add(ByteBuffer.wrap(sealed, sectionOffset(section), RsaKeys.KEY_ID_BYTES))) {
                throw new GeneralSecurityException("duplicate recipient key id in section " + section);
            }
        }
    }

    private int sectionOffset(int section) {
        return HEADER_BYTES + section * (RsaKeys.KEY_ID_BYTES + chunkCount * BLOCK_BYTES);
    }

    private static int u16(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xff) << 8) | (bytes[offset + 1] & 0xff);
    }
}
