package org.parley.relay.protocol;

/**
 * Syntax checks of PROTOCOL.md §2, written as character loops so a hot path allocates nothing.
 *
 * <p>Threading: stateless, safe everywhere.
 */
public final class WireFormats {
    /** Most entries in a {@code keys} object. */
    public static final int MAX_KEYS = 16;
    /** Most bytes of one decoded public key. */
    public static final int MAX_KEY_BYTES = 4096;
    /** Longest base64 text that can decode to {@link #MAX_KEY_BYTES}. */
    static final int MAX_KEY_CHARS = (MAX_KEY_BYTES + 2) / 3 * 4;

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

    /** Standard-alphabet base64 (RFC 4648 §4) of 1..{@value #MAX_KEY_BYTES} bytes. */
    public static boolean isPublicKey(String s) {
        if (s.isEmpty() || s.length() > MAX_KEY_CHARS) {
            return false;
        }
        try {
            int decoded = java.util.Base64.getDecoder().decode(s).length;
            return decoded >= 1 && decoded <= MAX_KEY_BYTES;
        } catch (IllegalArgumentException e) {
            return false;
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
