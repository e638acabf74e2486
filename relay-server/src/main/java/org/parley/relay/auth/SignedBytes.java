package org.parley.relay.auth;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.parley.relay.protocol.KeyBundle;

/**
 * The byte strings that identity keys sign (PROTOCOL.md §4.1 and §4.2). {@code LP(x)} is a u32
 * big-endian length followed by the bytes; strings are UTF-8.
 *
 * <p>Threading: stateless.
 */
public final class SignedBytes {
    private static final String AUTH_DOMAIN = "parley-auth-v2";
    private static final String BUNDLE_DOMAIN = "parley-bundle-v2";

    private SignedBytes() {
    }

    /**
     * AUTH: {@code "parley-auth-v2" || 0x00 || LP(user) || LP(nonce) || LP(fingerprint)}.
     *
     * @param fingerprint the relay certificate's SHA-256 as 64 lower-case hex digits; empty in plaintext mode
     */
    public static byte[] auth(String user, byte[] nonce, String fingerprint) {
        return write(out -> {
            domain(out, AUTH_DOMAIN);
            lp(out, utf8(user));
            lp(out, nonce);
            lp(out, fingerprint.getBytes(StandardCharsets.US_ASCII));
        });
    }

    /**
     * BUNDLE: {@code "parley-bundle-v2" || 0x00 || LP(user) || LP(identity) || u64(created) || u32(n)}, then
     * for each scheme in ascending byte order of its id {@code LP(scheme id) || LP(key bytes)}.
     * Scheme ids are ASCII ({@code [a-z0-9-]}), so {@code String} order is byte order.
     */
    public static byte[] bundle(String user, KeyBundle bundle) {
        List<String> schemes = new ArrayList<>(bundle.keys().keySet());
        schemes.sort(null);
        return write(out -> {
            domain(out, BUNDLE_DOMAIN);
            lp(out, utf8(user));
            lp(out, bundle.identityKey());
            out.writeLong(bundle.created());
            out.writeInt(schemes.size());
            for (String scheme : schemes) {
                lp(out, utf8(scheme));
                lp(out, Base64.getDecoder().decode(bundle.keys().get(scheme)));
            }
        });
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array stream cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static void domain(DataOutputStream out, String domain) throws IOException {
        out.write(domain.getBytes(StandardCharsets.US_ASCII));
        out.write(0);
    }

    private static void lp(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
