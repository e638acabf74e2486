package org.parley.protocol;

import java.util.Map;
import java.util.Objects;

/**
 * A key bundle as carried in {@code hello}, {@code welcome} and {@code presence} (PROTOCOL.md §2): the
 * Ed25519 identity key, one encryption public key per scheme, the creation time and the identity key's
 * signature over the BUNDLE bytes (§4.2).
 *
 * <h3>WARNING</h3>
 * The codec checks formats and sizes only. Verify the signature, and the identity key against the
 * one pinned for the user, before using any key of a bundle received from the wire.
 *
 * @param identity the identity public key, X.509 SubjectPublicKeyInfo DER, exactly 44 bytes
 * @param keys scheme id to encryption public key: 1-16 entries of 1-4096 bytes, sorted by scheme id
 * @param created milliseconds since the epoch, not negative
 * @param sig the Ed25519 signature, exactly 64 bytes
 */
public record KeyBundle(Bytes identity, Map<String, Bytes> keys, long created, Bytes sig) {

    /** Size of an encoded identity key. */
    public static final int IDENTITY_KEY_BYTES = 44;
    /** Size of an Ed25519 signature. */
    public static final int SIGNATURE_BYTES = 64;

    public KeyBundle {
        Formats.size("identity", identity, IDENTITY_KEY_BYTES);
        keys = Formats.keys("keys", keys);
        Formats.timestamp("created", created);
        Formats.size("sig", sig, SIGNATURE_BYTES);
    }

    /** A user and its bundle: one entry of {@code welcome.users}. */
    public record Entry(String user, KeyBundle bundle) {
        public Entry {
            Formats.user("user", user);
            Objects.requireNonNull(bundle, "bundle");
        }
    }
}
