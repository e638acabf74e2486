package org.parley.identity;

import java.util.Objects;

import org.parley.crypto.api.SecretBytes;

/**
 * An Ed25519 identity key pair.
 *
 * @param publicKey the public key as X.509 SubjectPublicKeyInfo DER (44 bytes), safe to publish
 * @param privateKey the 32-byte RFC 8032 seed, behind a {@link SecretBytes} access token
 */
public record IdentityKeyPair(byte[] publicKey, SecretBytes privateKey) {

    public IdentityKeyPair {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(privateKey, "privateKey");
        publicKey = publicKey.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** Signs {@code message} with the private key. */
    public byte[] sign(byte[] message) {
        return Ed25519.sign(privateKey, message);
    }

    @Override
    public boolean equals(Object o) {
        return o == this; // deliberately by identity: never compare private keys in variable time
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    /** Never prints key material. */
    @Override
    public String toString() {
        return "IdentityKeyPair[" + IdentityFingerprint.of(publicKey) + ", privateKey=<secret>]";
    }
}
