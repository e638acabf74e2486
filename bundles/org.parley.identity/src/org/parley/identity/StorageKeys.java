package org.parley.identity;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.parley.crypto.api.SecretAccess;
import org.parley.crypto.api.SecretBytes;

/**
 * Keys for protecting local data at rest, derived from the identity private key (see
 * {@link Identity#storageKey}).
 *
 * <p>HKDF-SHA256 (RFC 5869) with IKM = the 32-byte Ed25519 seed, salt = {@value #SALT} (UTF-8) and
 * info = the caller's label (UTF-8), 32 bytes of output. The salt separates these keys from every other
 * use of the seed (Ed25519 itself hashes the seed with SHA-512, never with HMAC-SHA256); the label
 * separates the keys of different stores and purposes from each other.
 */
final class StorageKeys {

    static final String SALT = "parley identity storage keys";
    static final int KEY_BYTES = 32;
    private static final int MAX_LABEL_CHARS = 256;

    private StorageKeys() {
    }

    static SecretBytes derive(IdentityKeyPair identityKey, String label) {
        if (label == null || label.isEmpty() || label.length() > MAX_LABEL_CHARS) {
            throw new IllegalArgumentException("a storage key label is 1-" + MAX_LABEL_CHARS + " characters");
        }
        byte[] seed = identityKey.privateKey().toByteArray(SecretAccess.get());
        byte[] key = new byte[KEY_BYTES];
        try {
            HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
            hkdf.init(new HKDFParameters(seed, SALT.getBytes(StandardCharsets.UTF_8),
                    label.getBytes(StandardCharsets.UTF_8)));
            hkdf.generateBytes(key, 0, key.length);
            return SecretBytes.copyFrom(key, SecretAccess.get());
        } finally {
            Arrays.fill(seed, (byte) 0);
            Arrays.fill(key, (byte) 0);
        }
    }
}
