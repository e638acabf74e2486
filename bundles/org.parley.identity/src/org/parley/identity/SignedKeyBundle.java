package org.parley.identity;

import java.security.GeneralSecurityException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A user's key bundle (PROTOCOL.md §2, §4.2): the identity key, one encryption public key per scheme,
 * the creation time and the identity key's signature over the BUNDLE bytes.
 *
 * <h3>Security guarantees</h3>
 * {@link #verify} proves only that the holder of {@link #identityKey()} signed these keys for this
 * user name. Whether that identity key is the right one for the user is the {@link TrustStore}'s
 * question: check both before using any key of the bundle.
 *
 * @param user the user the bundle is for (signed)
 * @param identityKey the Ed25519 identity public key, SPKI DER
 * @param keys scheme id to encoded encryption public key (sorted by scheme id; do not modify the arrays)
 * @param created milliseconds since the epoch when the bundle was signed
 * @param signature the Ed25519 signature over {@link SignedBytes#bundle}
 */
public record SignedKeyBundle(String user, byte[] identityKey, SortedMap<String, byte[]> keys, long created,
        byte[] signature) {

    public SignedKeyBundle {
        Objects.requireNonNull(user, "user");
        identityKey = identityKey.clone();
        TreeMap<String, byte[]> copy = new TreeMap<>(SignedBytes::compareBytes);
        keys.forEach((id, key) -> copy.put(id, key.clone()));
        keys = Collections.unmodifiableSortedMap(copy);
        signature = signature.clone();
    }

    /** Signs {@code keys} for {@code user} with {@code identity}, dated {@code created}. */
    public static SignedKeyBundle sign(String user, IdentityKeyPair identity, Map<String, byte[]> keys, long created) {
        byte[] publicKey = identity.publicKey();
        byte[] signature = identity.sign(SignedBytes.bundle(user, publicKey, created, keys));
        return new SignedKeyBundle(user, publicKey, new TreeMap<>(keys), created, signature);
    }

    /**
     * Checks the signature with the bundle's own identity key.
     *
     * @throws GeneralSecurityException if it does not verify (or the identity key is malformed)
     */
    public void verify() throws GeneralSecurityException {
        Ed25519.verify(identityKey, SignedBytes.bundle(user, identityKey, created, keys), signature);
    }

    @Override
    public byte[] identityKey() {
        return identityKey.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public String toString() {
        return "SignedKeyBundle[" + user + ", " + IdentityFingerprint.of(identityKey) + ", schemes=" + keys.keySet()
                + "]";
    }
}
