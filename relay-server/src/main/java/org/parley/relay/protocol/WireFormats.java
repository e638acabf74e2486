package org.parley.relay.protocol;

import java.util.Arrays;
import java.util.Base64;

/**
 * Syntax checks of PROTOCOL.md §2. Name checks are character loops so a hot path allocates nothing.
 * Base64 is accepted only in its canonical form (standard alphabet, padded, zero trailing bits), so two
 * strings are equal exactly when their bytes are.
 *
 * <p>Threading: stateless, safe everywhere.
 */
public final class WireFormats {
    /** Most entries in a bundle's {@code keys} object. */
    public static final int MAX_KEYS = 16;
    /** Most bytes of one decoded public key. */
    public static final int MAX_KEY_BYTES = 4096;
    /** Bytes of an Ed25519 signature. */
    public static final int SIGNATURE_BYTES = 64;
    /** Bytes of an Ed25519 public key as X.509 SubjectPublicKeyInfo DER. */
    public static final int IDENTITY_KEY_BYTES = 44;
    /** The DER header of every Ed25519 SPKI: SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING (33) }. */
    private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03,
        0x21, 0x00};

    private WireFormats() {
    }

    /** {@code [A-Za-z0-9_.-]{1,32}}; {@code *} is not a user name. */
    public static boolean isUserName(String s) {
        return matches(s, 32, "_.-", false);
    }

    /** {@code [A-Za-z0-9_-]{1,64}}. */
    public static boolean isId(String s) {
        return matches(s, 64, "_-", false);
    }

    /** {@code [a-z0-9][a-z0-9-]{0,63}}. */
    public static boolean isSchemeId(String s) {
        return matches(s, 64, "-", true) && s.charAt(0) != '-';
    }

    /** Canonical base64 of 1..{@value #MAX_KEY_BYTES} bytes. */
    public static boolean isPublicKey(String s) {
        return decode(s, 1, MAX_KEY_BYTES) != null;
    }

    /** Canonical base64 of exactly {@value #SIGNATURE_BYTES} bytes. */
    public static boolean isSignature(String s) {
        return decode(s, SIGNATURE_BYTES, SIGNATURE_BYTES) != null;
    }

    /** Canonical base64 of an Ed25519 SubjectPublicKeyInfo DER (44 bytes with the fixed Ed25519 header). */
    public static boolean isIdentityKey(String s) {
        byte[] der = decode(s, IDENTITY_KEY_BYTES, IDENTITY_KEY_BYTES);
        return der != null && Arrays.equals(der, 0, ED25519_SPKI_PREFIX.length,
                ED25519_SPKI_PREFIX, 0, ED25519_SPKI_PREFIX.length);
    }

    /** The raw 32-byte Ed25519 public key inside a valid {@linkplain #isIdentityKey identity key}. */
    public static byte[] rawEd25519Key(byte[] spki) {
        return Arrays.copyOfRange(spki, ED25519_SPKI_PREFIX.length, IDENTITY_KEY_BYTES);
    }

    /**
     * Decodes canonical base64 of {@code min}..{@code max} bytes; {@code null} if {@code s} is anything
     * else. The length is checked before decoding, so an oversized string costs nothing.
     */
    public static byte[] decode(String s, int min, int max) {
        if (s.length() > (max + 2) / 3 * 4 || s.length() % 4 != 0) {
            return null;
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(s);
            boolean canonical = Base64.getEncoder().encodeToString(bytes).equals(s);
            return canonical && bytes.length >= min && bytes.length <= max ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean matches(String s, int maxLength, String extra, boolean lowerOnly) {
        int n = s.length();
        if (n == 0 || n > maxLength) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || (!lowerOnly && c >= 'A' && c <= 'Z') || extra.indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
