package org.parley.identity;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The exact byte strings Parley signs (PROTOCOL.md §4.1-4.3), as pure functions. Each starts with a
 * versioned domain string and a zero byte, so a signature made for one purpose is never valid for
 * another.
 *
 * <p>Scheme ids and user names are ordered by their UTF-8 bytes (unsigned), as the protocol requires;
 * for the ASCII alphabets allowed on the wire this is the same as {@link String#compareTo}.
 */
public final class SignedBytes {

    static final String AUTH_DOMAIN = "parley-auth-v2";
    static final String BUNDLE_DOMAIN = "parley-bundle-v2";
    static final String ENVELOPE_DOMAIN = "parley-envelope-v2";

    private SignedBytes() {
    }

    /**
     * AUTH (§4.1): {@code "parley-auth-v2" || 0x00 || LP(user) || LP(nonce) || LP(fingerprint)}.
     *
     * @param relayFingerprint the 64 lower-case hex characters of the relay certificate's SHA-256, or
     *     the empty string over plain {@code ws://}
     */
    public static byte[] auth(String user, byte[] nonce, String relayFingerprint) {
        return LengthPrefixed.domain(AUTH_DOMAIN).lp(user).lp(nonce)
                .lp(relayFingerprint.getBytes(StandardCharsets.US_ASCII)).toByteArray();
    }

    /**
     * BUNDLE (§4.2): {@code "parley-bundle-v2" || 0x00 || LP(user) || LP(identity SPKI) || u64(created)
     * || u32(n) ||} then {@code LP(scheme id) || LP(key)} per key in ascending byte order of scheme id.
     */
    public static byte[] bundle(String user, byte[] identityKey, long created, Map<String, byte[]> keys) {
        LengthPrefixed w = LengthPrefixed.domain(BUNDLE_DOMAIN).lp(user).lp(identityKey).u64(created).u32(keys.size());
        for (Map.Entry<String, byte[]> e : sortedByBytes(keys).entrySet()) {
            w.lp(e.getKey()).lp(e.getValue());
        }
        return w.toByteArray();
    }

    /**
     * ENVELOPE (§4.3): {@code "parley-envelope-v2" || 0x00 || LP(sender) || LP(id) || LP(scheme) ||
     * u8(everyone) || u32(n) ||} the names of {@code to} in ascending byte order, each {@code LP(name)},
     * {@code || u64(cts) || LP(body)}.
     *
     * @param body the decoded ciphertext
     */
    public static byte[] envelope(String sender, String id, String scheme, boolean everyone, List<String> to,
            long cts, byte[] body) {
        List<String> names = new ArrayList<>(to);
        names.sort(SignedBytes::compareBytes);
        LengthPrefixed w = LengthPrefixed.domain(ENVELOPE_DOMAIN).lp(sender).lp(id).lp(scheme).u8(everyone ? 1 : 0)
                .u32(names.size());
        names.forEach(w::lp);
        return w.u64(cts).lp(Objects.requireNonNull(body, "body")).toByteArray();
    }

    private static Map<String, byte[]> sortedByBytes(Map<String, byte[]> keys) {
        Map<String, byte[]> sorted = new TreeMap<>(SignedBytes::compareBytes);
        sorted.putAll(keys);
        if (sorted.size() != keys.size()) {
            throw new IllegalArgumentException("duplicate scheme ids");
        }
        return sorted;
    }

    /** Unsigned lexicographic order of the UTF-8 encodings. */
    static int compareBytes(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
