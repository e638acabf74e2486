package org.parley.protocol;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * An immutable byte string carried in a frame (a public key or a sealed body). Equality is by
 * content, so frames that hold bytes compare as values.
 *
 * <h3>Security guarantees</h3>
 * {@link #toString()} prints only the length, never the content, so frames can be logged without
 * leaking ciphertext or keys.
 */
public final class Bytes {

    private static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] bytes;

    private Bytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Copies {@code bytes}. */
    public static Bytes of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
    }

    /** A copy of the content. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    /** The content as base64, standard alphabet with padding, no line breaks (PROTOCOL.md §2). */
    public String toBase64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * Decodes canonical base64 (standard alphabet, padding, no line breaks, zero pad bits).
     *
     * @throws IllegalArgumentException if {@code text} is not canonical base64
     */
    public static Bytes fromBase64(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() % 4 != 0) {
            throw new IllegalArgumentException("base64 must be padded to a multiple of 4 characters");
        }
        byte[] decoded = Base64.getDecoder().decode(text);
        // The JDK decoder tolerates non-zero pad bits; insisting on one encoding per value keeps
        // client and relay from disagreeing about what a frame contains.
        if (!Base64.getEncoder().encodeToString(decoded).equals(text)) {
            throw new IllegalArgumentException("base64 is not canonical");
        }
        return new Bytes(decoded);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Bytes[" + bytes.length + "]";
    }
}
