package org.parley.identity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity fingerprint of PROTOCOL.md §4.6: SHA-256 over the identity key SPKI, as 64 lower-case
 * hex digits in 16 groups of 4 separated by single spaces.
 */
public final class IdentityFingerprint {

    private IdentityFingerprint() {
    }

    /** The fingerprint of the SPKI-encoded identity key {@code publicKey}. */
    public static String of(byte[] publicKey) {
        String hex = HexFormat.of().formatHex(digest("SHA-256", publicKey));
        StringBuilder out = new StringBuilder(79);
        for (int i = 0; i < hex.length(); i += 4) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(hex, i, i + 4);
        }
        return out.toString();
    }

    static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("BUG: every JDK has " + algorithm, e);
        }
    }
}
