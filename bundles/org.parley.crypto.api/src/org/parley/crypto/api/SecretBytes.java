package org.parley.crypto.api;

import java.security.MessageDigest;
import java.util.Objects;

/**
 * Immutable secret bytes (a private key's encoding). Reading them back requires a {@link SecretAccess}
 * token, so every place that touches secret material is visible with one search for
 * {@code SecretAccess}. Deliberately does not override {@code equals}, {@code hashCode} or
 * {@code toString} with anything that depends on the bytes.
 */
public final class SecretBytes {

    private final byte[] bytes;

    private SecretBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Copies {@code bytes}; the caller may wipe its array afterwards. */
    public static SecretBytes copyFrom(byte[] bytes, SecretAccess access) {
        Objects.requireNonNull(access, "access");
        return new SecretBytes(bytes.clone());
    }

    /** Returns a copy of the secret bytes; wipe it when done. */
    public byte[] toByteArray(SecretAccess access) {
        Objects.requireNonNull(access, "access");
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    /** Constant-time comparison. */
    public boolean equalsSecretBytes(SecretBytes other) {
        return MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public String toString() {
        return "SecretBytes[" + bytes.length + " bytes]";
    }
}
