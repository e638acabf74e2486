package org.parley.crypto.testkit;

import java.util.Arrays;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Byte-level mutations of sealed messages for negative tests. All methods return fresh arrays and
 * leave their input untouched.
 */
public final class Mutations {

    private Mutations() {
    }

    /** {@code bytes} with bit {@code bit} (0 = most significant bit of byte 0) inverted. */
    public static byte[] flipBit(byte[] bytes, int bit) {
        byte[] copy = bytes.clone();
        copy[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
        return copy;
    }

    /** Replaces {@code length} bytes at {@code offset} with the same range taken from {@code source}. */
    public static byte[] splice(byte[] target, byte[] source, int offset, int length) {
        byte[] copy = target.clone();
        System.arraycopy(source, offset, copy, offset, length);
        return copy;
    }

    /** Copies {@code length} bytes inside one array from {@code from} to {@code to}. */
    public static byte[] move(byte[] bytes, int from, int to, int length) {
        byte[] copy = bytes.clone();
        System.arraycopy(bytes, from, copy, to, length);
        return copy;
    }

    /** The bytes with {@code length} bytes at {@code offset} removed. */
    public static byte[] cut(byte[] bytes, int offset, int length) {
        byte[] out = Arrays.copyOf(bytes, bytes.length - length);
        System.arraycopy(bytes, offset + length, out, offset, bytes.length - offset - length);
        return out;
    }

    /** Concatenation of the arrays. */
    public static byte[] concat(byte[]... parts) {
        byte[] out = new byte[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, offset, part.length);
            offset += part.length;
        }
        return out;
    }

    /**
     * Bit positions spread over a message of {@code length} bytes: every bit of the first 64 and the
     * last 32 bytes (headers, counts, tags) and one bit of every byte in a regular sample of about 256
     * bytes in between, so every region is hit without testing all bits of a large message.
     */
    public static int[] sampleBits(int length) {
        TreeSet<Integer> bits = new TreeSet<>();
        IntStream.range(0, Math.min(64, length) * 8).forEach(bits::add);
        IntStream.range(Math.max(0, length - 32) * 8, length * 8).forEach(bits::add);
        int stride = Math.max(1, length / 256);
        for (int i = 0; i < length; i += stride) {
            bits.add(i * 8 + i % 8);
        }
        return bits.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Deterministic pseudo-random bytes, so failures reproduce. */
    public static byte[] pseudoRandom(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
