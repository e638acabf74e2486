package org.parley.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Safety numbers of PROTOCOL.md §4.6 (after Signal's): an order-independent 60-digit number two users
 * compare out of band to verify each other's identity keys.
 *
 * <p>Per party: {@code h = SHA-512(u16(0) || SPKI || user)}, then 5199 times
 * {@code h = SHA-512(h || SPKI)}; the first 30 bytes of {@code h} are six 5-byte big-endian numbers,
 * each mod 100000 as 5 digits. The number is both parties' 30 digits, the smaller string first, shown
 * in 12 groups of 5 separated by spaces.
 */
public final class SafetyNumber {

    static final int ITERATIONS = 5200; // the first hash plus 5199 more

    private SafetyNumber() {
    }

    /** The safety number of two (user, SPKI identity key) pairs; symmetric in its two parties. */
    public static String of(String userA, byte[] keyA, String userB, byte[] keyB) {
        String a = digits(userA, keyA);
        String b = digits(userB, keyB);
        String joined = a.compareTo(b) <= 0 ? a + b : b + a;
        StringBuilder out = new StringBuilder(71);
        for (int i = 0; i < joined.length(); i += 5) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(joined, i, i + 5);
        }
        return out.toString();
    }

    /** The 30 digits of one party. */
    static String digits(String user, byte[] spki) {
        MessageDigest sha512 = sha512();
        sha512.update(new byte[2]); // u16(0): the version of this derivation
        sha512.update(spki);
        byte[] h = sha512.digest(user.getBytes(StandardCharsets.UTF_8));
        for (int i = 1; i < ITERATIONS; i++) {
            sha512.update(h);
            h = sha512.digest(spki);
        }
        StringBuilder digits = new StringBuilder(30);
        for (int chunk = 0; chunk < 6; chunk++) {
            long value = 0;
            for (int j = 0; j < 5; j++) {
                value = (value << 8) | (h[chunk * 5 + j] & 0xff);
            }
            digits.append(String.format("%05d", value % 100000));
        }
        return digits.toString();
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("BUG: every JDK has SHA-512", e);
        }
    }
}
