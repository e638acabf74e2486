package org.parley.identity;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.parley.crypto.api.SecretAccess;
import org.parley.crypto.api.SecretBytes;

/**
 * Pure Ed25519 (RFC 8032) with Bouncy Castle, and the key encodings of PROTOCOL.md §2: public keys as
 * X.509 SubjectPublicKeyInfo DER (44 bytes), private keys as the 32-byte RFC 8032 seed, signatures as
 * 64 bytes.
 *
 * <h3>Security guarantees</h3>
 * {@link #verify} returns normally only for a valid signature and throws otherwise, so a caller cannot
 * forget to check a result. Private seeds are handled only as {@link SecretBytes}; the temporary copies
 * are wiped.
 *
 * <h3>Threading</h3>
 * Stateless; safe for concurrent use.
 */
public final class Ed25519 {

    /** Size of an encoded public key (SPKI DER). */
    public static final int PUBLIC_KEY_BYTES = 44;
    /** Size of a signature. */
    public static final int SIGNATURE_BYTES = 64;
    /** Size of a private key (the RFC 8032 seed). */
    public static final int PRIVATE_KEY_BYTES = 32;

    /** SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING (33 bytes: 0 unused bits + 32-byte key) }. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ed25519() {
    }

    /** A fresh identity key pair from a strong random source. */
    public static IdentityKeyPair generate() {
        byte[] seed = new byte[PRIVATE_KEY_BYTES];
        RANDOM.nextBytes(seed);
        try {
            return fromSeed(seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** The key pair of a 32-byte seed (RFC 8032 private key); the caller may wipe {@code seed}. */
    public static IdentityKeyPair fromSeed(byte[] seed) {
        if (seed.length != PRIVATE_KEY_BYTES) {
            throw new IllegalArgumentException("an Ed25519 private key is 32 bytes, not " + seed.length);
        }
        Ed25519PrivateKeyParameters privateKey = new Ed25519PrivateKeyParameters(seed, 0);
        byte[] spki = spki(privateKey.generatePublicKey().getEncoded());
        return new IdentityKeyPair(spki, SecretBytes.copyFrom(seed, SecretAccess.get()));
    }

    /** Signs {@code message} with the private seed. */
    public static byte[] sign(SecretBytes privateKey, byte[] message) {
        Objects.requireNonNull(message, "message");
        byte[] seed = privateKey.toByteArray(SecretAccess.get());
        try {
            Ed25519Signer signer = new Ed25519Signer();
            signer.init(true, new Ed25519PrivateKeyParameters(seed, 0));
            signer.update(message, 0, message.length);
            return signer.generateSignature();
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /**
     * Checks {@code signature} over {@code message} with the SPKI-encoded {@code publicKey}.
     *
     * @throws GeneralSecurityException if the key is not an Ed25519 SPKI, the signature is not 64
     *     bytes, or it does not verify
     */
    public static void verify(byte[] publicKey, byte[] message, byte[] signature) throws GeneralSecurityException {
        Objects.requireNonNull(message, "message");
        byte[] raw = rawPublicKey(publicKey);
        if (signature == null || signature.length != SIGNATURE_BYTES) {
            throw new GeneralSecurityException("an Ed25519 signature is 64 bytes");
        }
        Ed25519PublicKeyParameters key;
        try {
            key = new Ed25519PublicKeyParameters(raw, 0);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("not a valid Ed25519 public key", e);
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, key);
        verifier.update(message, 0, message.length);
        if (!verifier.verifySignature(signature)) {
            throw new GeneralSecurityException("the signature does not verify");
        }
    }

    /** Wraps a raw 32-byte public key in its SubjectPublicKeyInfo DER. */
    public static byte[] spki(byte[] rawPublicKey) {
        if (rawPublicKey.length != 32) {
            throw new IllegalArgumentException("a raw Ed25519 public key is 32 bytes");
        }
        byte[] spki = Arrays.copyOf(SPKI_PREFIX, PUBLIC_KEY_BYTES);
        System.arraycopy(rawPublicKey, 0, spki, SPKI_PREFIX.length, 32);
        return spki;
    }

    /**
     * The raw 32-byte key inside an Ed25519 SubjectPublicKeyInfo.
     *
     * @throws GeneralSecurityException if {@code spki} is not exactly the 44-byte Ed25519 encoding
     */
    public static byte[] rawPublicKey(byte[] spki) throws GeneralSecurityException {
        if (spki == null || spki.length != PUBLIC_KEY_BYTES
                || !MessageDigest.isEqual(Arrays.copyOf(spki, SPKI_PREFIX.length), SPKI_PREFIX)) {
            throw new GeneralSecurityException("not an Ed25519 SubjectPublicKeyInfo (44 bytes)");
        }
        return Arrays.copyOfRange(spki, SPKI_PREFIX.length, PUBLIC_KEY_BYTES);
    }
}
