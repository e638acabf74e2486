package org.parley.relay.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A user's key bundle (PROTOCOL.md §2) with a validated format: {@code identity} is the base64 of an
 * Ed25519 SubjectPublicKeyInfo (44 bytes), {@code keys} maps 1–16 scheme ids to base64 public keys of
 * 1–4096 bytes, {@code created} is a non-negative time in ms, and {@code sig} the base64 of 64 bytes.
 * All base64 is canonical (standard alphabet, padded), so equal strings mean equal bytes.
 *
 * <p>A {@code KeyBundle} that exists has the right shape; whether its signature verifies is checked
 * at login ({@link org.parley.relay.auth.Authenticator}). The relay forwards it re-serialised as a JSON
 * object with these four fields, {@code keys} in the order received.
 *
 * @param identity base64 Ed25519 identity key (X.509 SPKI DER)
 * @param keys     scheme id → base64 public key, unmodifiable, iteration order as received
 * @param created  creation time, ms since the epoch
 * @param sig      base64 Ed25519 signature of the identity key over the BUNDLE bytes of §4.2
 */
public record KeyBundle(String identity, Map<String, String> keys, long created, String sig) {
    public KeyBundle {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(sig, "sig");
        keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    }

    /** The decoded identity key (SPKI DER); a fresh copy. */
    public byte[] identityKey() {
        return java.util.Base64.getDecoder().decode(identity);
    }

    @Override
    public String toString() {
        // Keys and signatures are public, but they are long and have no place in logs.
        return "KeyBundle[schemes=" + keys.keySet() + ", created=" + created + "]";
    }
}
