package org.parley.identity;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

import org.parley.crypto.api.SchemeKeyPair;
import org.parley.crypto.api.SecretBytes;

/**
 * An unlocked local identity: the user name, the Ed25519 identity key pair and one encryption key
 * pair per scheme id.
 *
 * <h3>Security guarantees</h3>
 * Holds private keys only as {@code SecretBytes}; {@link #toString} prints public facts only, and
 * {@code equals} is by instance so keys are never compared in variable time.
 *
 * @param user the user name the identity belongs to
 * @param created when the identity was created, milliseconds since the epoch
 * @param identityKey the identity key pair
 * @param schemeKeys scheme id to encryption key pair, sorted by id
 */
public record Identity(String user, long created, IdentityKeyPair identityKey,
        SortedMap<String, SchemeKeyPair> schemeKeys) {

    public Identity {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(identityKey, "identityKey");
        schemeKeys = Collections.unmodifiableSortedMap(new TreeMap<>(schemeKeys));
    }

    /** The identity public key, SPKI DER. */
    public byte[] publicKey() {
        return identityKey.publicKey();
    }

    /** The identity fingerprint (PROTOCOL.md §4.6). */
    public String fingerprint() {
        return IdentityFingerprint.of(identityKey.publicKey());
    }

    /** Signs {@code message} with the identity key. */
    public byte[] sign(byte[] message) {
        return identityKey.sign(message);
    }

    /**
     * A 32-byte key for encrypting or authenticating local data (the message history, for example),
     * derivable only from the unlocked identity: HKDF-SHA256 of the identity private key (the Ed25519
     * seed) with the salt {@code "parley identity storage keys"} and {@code label} as info. The same
     * identity and label always give the same key (also after a passphrase change, export or import);
     * different labels give independent keys.
     *
     * @param label what the key is for, with a version, e.g. {@code "parley history v1 aes-256-gcm"}
     * @throws IllegalArgumentException if {@code label} is empty or longer than 256 characters
     */
    public SecretBytes storageKey(String label) {
        return StorageKeys.derive(identityKey, label);
    }

    /** A copy with {@code added} key pairs (replacing none that exist). */
    public Identity withSchemeKeys(Map<String, SchemeKeyPair> added) {
        TreeMap<String, SchemeKeyPair> all = new TreeMap<>(added);
        all.putAll(schemeKeys);
        return new Identity(user, created, identityKey, all);
    }

    /**
     * A key bundle publishing the encryption keys of {@code schemeIds} that this identity has, signed
     * now with the identity key.
     */
    public SignedKeyBundle bundle(Iterable<String> schemeIds, long now) {
        TreeMap<String, byte[]> published = new TreeMap<>();
        for (String id : schemeIds) {
            SchemeKeyPair pair = schemeKeys.get(id);
            if (pair != null) {
                published.put(id, pair.publicKey());
            }
        }
        return SignedKeyBundle.sign(user, identityKey, published, now);
    }

    @Override
    public boolean equals(Object o) {
        return o == this;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "Identity[" + user + ", " + fingerprint() + ", schemes=" + schemeKeys.keySet() + "]";
    }
}
