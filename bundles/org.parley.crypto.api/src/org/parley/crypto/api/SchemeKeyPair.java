package org.parley.crypto.api;

import java.util.Objects;

/**
 * An encryption key pair of one scheme. The encodings are the scheme's own (RSA schemes use X.509
 * SubjectPublicKeyInfo DER and PKCS#8 DER).
 *
 * @param publicKey the encoded public key, safe to publish
 * @param privateKey the encoded private key, behind a {@link SecretBytes} access token
 */
public record SchemeKeyPair(byte[] publicKey, SecretBytes privateKey) {

    public SchemeKeyPair {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(privateKey, "privateKey");
        publicKey = publicKey.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** Never prints key material. */
    @Override
    public String toString() {
        return "SchemeKeyPair[publicKey=" + publicKey.length + " bytes, privateKey=<secret>]";
    }
}
