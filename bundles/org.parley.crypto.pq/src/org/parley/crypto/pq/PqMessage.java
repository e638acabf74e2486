package org.parley.crypto.pq;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The version-1 byte layout of {@code x25519-mlkem768-aes-gcm} (big-endian):
 *
 * <pre>
 * header  = version (1) = 0x01 | recipient count R (u16, 1..256)
 *         | R × [ key id (16) | X25519 ephemeral public key (32) | ML-KEM-768 ciphertext (1088)
 *                | wrapped content key: AES-256-GCM(KEK_j, zero nonce, K) with tag (48) ]
 *         | nonce (12)
 * message = header | AES-256-GCM(K, nonce) ciphertext with 16-byte tag (16 .. 256 KiB + 16)
 * </pre>
 *
 * <p>{@link #parse} checks the version, the count and the total length against their caps before
 * any offset is used, so malformed input fails with {@link GeneralSecurityException} (fixed
 * messages, no input-dependent detail) and never with an index exception. Instances are immutable
 * views over a private copy.
 */
final class PqMessage {

    static final byte VERSION = 0x01;
    static final int X25519_BYTES = PqKeys.X25519_BYTES;
    static final int MLKEM_CIPHERTEXT_BYTES = 1088;
    static final int AES_KEY_BYTES = 32;
    static final int TAG_BYTES = 16;
    static final int NONCE_BYTES = 12;
    static final int WRAPPED_KEY_BYTES = AES_KEY_BYTES + TAG_BYTES;
    static final int ENTRY_BYTES = PqKeys.KEY_ID_BYTES + X25519_BYTES + MLKEM_CIPHERTEXT_BYTES + WRAPPED_KEY_BYTES;
    static final int MAX_RECIPIENTS = 256;
    static final int MAX_PLAINTEXT = 256 * 1024;

    static final String MALFORMED = "malformed x25519-mlkem768-aes-gcm message";

    /** One recipient entry, copied out of the message. */
    record Entry(int index, byte[] ephemeral, byte[] mlkemCiphertext, byte[] wrappedKey) {
    }

    private final byte[] sealed;
    private final int recipientCount;

    private PqMessage(byte[] sealed, int recipientCount) {
        this.sealed = sealed;
        this.recipientCount = recipientCount;
    }

    static PqMessage parse(byte[] input) throws GeneralSecurityException {
        if (input.length < 3) {
            throw new GeneralSecurityException(MALFORMED);
        }
        if (input[0] != VERSION) {
            throw new GeneralSecurityException("unsupported x25519-mlkem768-aes-gcm message version");
        }
        int recipients = ((input[1] & 0xff) << 8) | (input[2] & 0xff);
        if (recipients < 1 || recipients > MAX_RECIPIENTS) {
            throw new GeneralSecurityException(MALFORMED);
        }
        long ciphertextLength = (long) input.length - headerLength(recipients);
        if (ciphertextLength < TAG_BYTES || ciphertextLength > MAX_PLAINTEXT + TAG_BYTES) {
            throw new GeneralSecurityException(MALFORMED);
        }
        PqMessage message = new PqMessage(input.clone(), recipients);
        message.rejectDuplicateKeyIds();
        return message;
    }

    static int headerLength(int recipients) {
        return 1 + 2 + recipients * ENTRY_BYTES + NONCE_BYTES;
    }

    static int entryOffset(int entry) {
        return 3 + entry * ENTRY_BYTES;
    }

    int recipientCount() {
        return recipientCount;
    }

    /** The header bytes, authenticated as the first part of the content's GCM AAD. */
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

    /** Index of the entry whose key id equals {@code keyId}; compares every entry in full. */
    OptionalInt findEntry(byte[] keyId) {
        int found = -1;
        for (int entry = 0; entry < recipientCount; entry++) {
            int offset = entryOffset(entry);
            if (MessageDigest.isEqual(keyId, Arrays.copyOfRange(sealed, offset, offset + PqKeys.KEY_ID_BYTES))) {
                found = entry;
            }
        }
        return found < 0 ? OptionalInt.empty() : OptionalInt.of(found);
    }

    Entry entry(int index) {
        int offset = entryOffset(index) + PqKeys.KEY_ID_BYTES;
        byte[] ephemeral = Arrays.copyOfRange(sealed, offset, offset + X25519_BYTES);
        offset += X25519_BYTES;
        byte[] ciphertext = Arrays.copyOfRange(sealed, offset, offset + MLKEM_CIPHERTEXT_BYTES);
        offset += MLKEM_CIPHERTEXT_BYTES;
        return new Entry(index, ephemeral, ciphertext, Arrays.copyOfRange(sealed, offset, offset + WRAPPED_KEY_BYTES));
    }

    private void rejectDuplicateKeyIds() throws GeneralSecurityException {
        Set<ByteBuffer> seen = new HashSet<>();
        for (int entry = 0; entry < recipientCount; entry++) {
            if (!seen.add(ByteBuffer.wrap(sealed, entryOffset(entry), PqKeys.KEY_ID_BYTES))) {
                throw new GeneralSecurityException("duplicate recipient key id in x25519-mlkem768-aes-gcm message");
            }
        }
    }
}
