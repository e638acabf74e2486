package org.parley.crypto.hybrid;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The version-1 byte layout of {@code rsa-oaep-aes-gcm} (big-endian, specified in PROTOCOL.md §5.2):
 *
 * <pre>
 * header = version (1) = 0x01 | recipient count R (u16) | R × [ key id (16) | wrapped key (256) ] | nonce (12)
 * message = header | AES-256-GCM ciphertext with 16-byte tag (16 .. 256 KiB + 16)
 * </pre>
 *
 * <p>{@link #parse} validates the counts and lengths against their caps before any offset is used,
 * so malformed input fails with {@link GeneralSecurityException} and never with an index exception.
 * Instances are immutable views over a private copy.
 */
final class HybridMessage {

    static final byte VERSION = 0x01;
    static final int WRAPPED_KEY_BYTES = RsaKeys.MODULUS_BYTES;
    static final int ENTRY_BYTES = RsaKeys.KEY_ID_BYTES + WRAPPED_KEY_BYTES;
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;
    static final int AES_KEY_BYTES = 32;
    static final int MAX_RECIPIENTS = 256;
    static final int MAX_PLAINTEXT = 256 * 1024;

    private static final byte[] LABEL_PREFIX = "parley/rsa-oaep-aes-gcm/v1".getBytes(StandardCharsets.US_ASCII);

    private final byte[] sealed;
    private final int recipientCount;

    private HybridMessage(byte[] sealed, int recipientCount) {
        this.sealed = sealed;
        this.recipientCount = recipientCount;
    }

    static HybridMessage parse(byte[] input) throws GeneralSecurityException {
        if (input.length < 3) {
            throw new GeneralSecurityException("rsa-oaep-aes-gcm message too short: " + input.length + " bytes");
        }
        if (input[0] != VERSION) {
            throw new GeneralSecurityException(String.format("unsupported rsa-oaep-aes-gcm version 0x%02x", input[0]));
        }
        int recipients = ((input[1] & 0xff) << 8) | (input[2] & 0xff);
        if (recipients < 1 || recipients > MAX_RECIPIENTS) {
            throw new GeneralSecurityException("recipient count " + recipients + " outside 1.." + MAX_RECIPIENTS);
        }
        long ciphertextLength = (long) input.length - headerLength(recipients);
        if (ciphertextLength < TAG_BYTES || ciphertextLength > MAX_PLAINTEXT + TAG_BYTES) {
            throw new GeneralSecurityException("rsa-oaep-aes-gcm ciphertext length " + ciphertextLength
                    + " outside " + TAG_BYTES + ".." + (MAX_PLAINTEXT + TAG_BYTES));
        }
        HybridMessage message = new HybridMessage(input.clone(), recipients);
        message.rejectDuplicateKeyIds();
        return message;
    }

    static int headerLength(int recipients) {
        return 1 + 2 + recipients * ENTRY_BYTES + NONCE_BYTES;
    }

    /** OAEP label of a wrapped key: prefix || AD, so a key unwraps only with the sender's AD. */
    static byte[] label(byte[] associatedData) {
        return ByteBuffer.allocate(LABEL_PREFIX.length + associatedData.length)
                .put(LABEL_PREFIX).put(associatedData).array();
    }

    /** The header bytes, authenticated as the first part of the GCM AAD. */
    byte[] header() {
        return Arrays.copyOf(sealed, headerLength(recipientCount));
    }

    byte[] nonce() {
        int end = headerLength(recipientCount);
        return Arrays.copyOfRange(sealed, end - NONCE_BYTES, end);
    }

    byte[] ciphertext() {
        return Arrays.copyOfRange(sealed, headerLength(recipientCount), sealed.length);
    }

    /** The key wrapped for the recipient whose key id equals {@code keyId}. */
    Optional<byte[]> findWrappedKey(byte[] keyId) {
        for (int entry = 0; entry < recipientCount; entry++) {
            int offset = entryOffset(entry);
            if (MessageDigest.isEqual(keyId, Arrays.copyOfRange(sealed, offset, offset + RsaKeys.KEY_ID_BYTES))) {
                int from = offset + RsaKeys.KEY_ID_BYTES;
                return Optional.of(Arrays.copyOfRange(sealed, from, from + WRAPPED_KEY_BYTES));
            }
        }
        return Optional.empty();
    }

    private void rejectDuplicateKeyIds() throws GeneralSecurityException {
        Set<ByteBuffer> seen = new HashSet<>();
        for (int entry = 0; entry < recipientCount; entry++) {
            if (!seen.add(ByteBuffer.wrap(sealed, entryOffset(entry), RsaKeys.KEY_ID_BYTES))) {
                throw new GeneralSecurityException("duplicate recipient key id in entry " + entry);
            }
        }
    }

    private static int entryOffset(int entry) {
        return 3 + entry * ENTRY_BYTES;
    }
}
