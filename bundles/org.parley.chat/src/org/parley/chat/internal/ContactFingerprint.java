package org.parley.chat.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import org.parley.protocol.Bytes;

/**
 * The fingerprint shown for a contact: a digest of the public keys the contact published.
 *
 * <p>Exact rule (version 1): SHA-256 over the UTF-8 bytes of {@code "parley-keys-v1"}, then for every
 * published key in ascending order of scheme id (ids are ASCII, so this is byte order): one byte with the
 * length of the scheme id, the UTF-8 bytes of the scheme id, four bytes with the length of the key
 * (big-endian), and the key bytes. The 32-byte digest is written as 64 lower-case hex digits in 16
 * groups of 4 separated by single spaces.
 *
 * <p>It will be replaced by the identity-key fingerprint once identity keys exist; until then it
 * changes whenever a contact's encryption keys change (every new session of theirs).
 */
public final class ContactFingerprint {

    private static final byte[] DOMAIN = "parley-keys-v1".getBytes(StandardCharsets.US_ASCII);

    private ContactFingerprint() {
    }

    public static String of(Map<String, Bytes> keys) {
        MessageDigest sha256 = sha256();
        sha256.update(DOMAIN);
        for (Map.Entry<String, Bytes> e : new TreeMap<>(keys).entrySet()) {
            byte[] id = e.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] key = e.getValue().toByteArray();
            sha256.update((byte) id.length);
            sha256.update(id);
            sha256.update(new byte[] { (byte) (key.length >>> 24), (byte) (key.length >>> 16),
                    (byte) (key.length >>> 8), (byte) key.length });
            sha256.update(key);
        }
        return group(HexFormat.of().formatHex(sha256.digest()));
    }

    private static String group(String hex) {
        StringBuilder out = new StringBuilder(hex.length() + hex.length() / 4);
        for (int i = 0; i < hex.length(); i += 4) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(hex, i, i + 4);
        }
        return out.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("BUG: every JDK has SHA-256", e);
        }
    }
}
