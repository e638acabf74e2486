package org.parley.crypto.pq;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMKeyGenerationParameters;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMKeyPairGenerator;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMParameters;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMPrivateKeyParameters;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMPublicKeyParameters;
import org.parley.crypto.api.Recipient;
import org.parley.crypto.api.SchemeKeyPair;
import org.parley.crypto.api.SecretAccess;
import org.parley.crypto.api.SecretBytes;

/**
 * Key encodings of {@code x25519-mlkem768-aes-gcm}, version 1. Both are a version byte followed by
 * two length-prefixed components (u16 big-endian lengths), X25519 first:
 *
 * <pre>
 * public key  (1221 bytes) = 0x01 | u16(32) | X25519 public key (RFC 7748, 32)
 *                                 | u16(1184) | ML-KEM-768 encapsulation key (FIPS 203, 1184)
 * private key  (101 bytes) = 0x01 | u16(32) | X25519 private key (RFC 7748 scalar bytes, 32)
 *                                 | u16(64) | ML-KEM-768 seed d || z (FIPS 203 §7.1, 64)
 * </pre>
 *
 * <p>The length prefixes are fixed for version 1 and checked exactly: they make the encoding
 * self-delimiting for other implementations and leave room for a later version with other
 * parameter sets. The ML-KEM private key is kept as its 64-byte seed (the form FIPS 203 recommends
 * storing); the expanded key is recomputed when opening. The key id of a public key is the first 16
 * bytes of SHA-256 over its whole encoding.
 *
 * <p>Keys from the wire are untrusted: every failure, including Bouncy Castle's runtime exceptions
 * (the ML-KEM modulus check of FIPS 203 §7.2 among them), surfaces as a
 * {@link GeneralSecurityException} with a fixed message.
 */
final class PqKeys {

    static final byte VERSION = 0x01;
    static final int X25519_BYTES = X25519PublicKeyParameters.KEY_SIZE;
    static final int MLKEM_PUBLIC_BYTES = 1184;
    static final int MLKEM_SEED_BYTES = 64;
    static final int PUBLIC_KEY_BYTES = 1 + 2 + X25519_BYTES + 2 + MLKEM_PUBLIC_BYTES;
    static final int PRIVATE_KEY_BYTES = 1 + 2 + X25519_BYTES + 2 + MLKEM_SEED_BYTES;
    static final int KEY_ID_BYTES = 16;
    static final MLKEMParameters MLKEM = MLKEMParameters.ml_kem_768;

    /** A parsed recipient public key together with its encoding and key id. */
    record PublicKey(X25519PublicKeyParameters x25519, MLKEMPublicKeyParameters mlkem, byte[] x25519Bytes,
            byte[] mlkemBytes, byte[] keyId) {
    }

    private PqKeys() {
    }

    static SchemeKeyPair generate(SecureRandom random) throws GeneralSecurityException {
        X25519PrivateKeyParameters x25519 = new X25519PrivateKeyParameters(random);
        MLKEMKeyPairGenerator generator = new MLKEMKeyPairGenerator();
        generator.init(new MLKEMKeyGenerationParameters(random, MLKEM));
        AsymmetricCipherKeyPair mlkem = generator.generateKeyPair();
        byte[] x25519Private = x25519.getEncoded();
        byte[] seed = ((MLKEMPrivateKeyParameters) mlkem.getPrivate()).getSeed();
        byte[] privateKey = encode(x25519Private, seed);
        try {
            byte[] publicKey = encode(x25519.generatePublicKey().getEncoded(),
                    ((MLKEMPublicKeyParameters) mlkem.getPublic()).getEncoded());
            return new SchemeKeyPair(publicKey, SecretBytes.copyFrom(privateKey, SecretAccess.get()));
        } finally {
            Arrays.fill(x25519Private, (byte) 0);
            Arrays.fill(seed, (byte) 0);
            Arrays.fill(privateKey, (byte) 0);
        }
    }

    /** {@code 0x01 | u16(|a|) | a | u16(|b|) | b}. */
    static byte[] encode(byte[] a, byte[] b) {
        return ByteBuffer.allocate(1 + 2 + a.length + 2 + b.length).put(VERSION)
                .putShort((short) a.length).put(a).putShort((short) b.length).put(b).array();
    }

    /**
     * Splits a version-1 encoding into its two components, requiring exactly the given lengths.
     *
     * @return the two components, or null when the encoding is malformed
     */
    private static byte[][] decode(byte[] encoded, int firstLength, int secondLength) {
        if (encoded.length != 1 + 2 + firstLength + 2 + secondLength || encoded[0] != VERSION) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(encoded, 1, encoded.length - 1);
        if (in.getShort() != firstLength) {
            return null;
        }
        byte[] first = new byte[firstLength];
        in.get(first);
        if (in.getShort() != secondLength) {
            Arrays.fill(first, (byte) 0);
            return null;
        }
        byte[] second = new byte[secondLength];
        in.get(second);
        return new byte[][] {first, second};
    }

    static PublicKey parsePublic(byte[] encoded) throws GeneralSecurityException {
        byte[][] parts = decode(encoded, X25519_BYTES, MLKEM_PUBLIC_BYTES);
        if (parts == null) {
            throw new GeneralSecurityException("malformed x25519-mlkem768-aes-gcm public key");
        }
        try {
            return new PublicKey(new X25519PublicKeyParameters(parts[0]), new MLKEMPublicKeyParameters(MLKEM, parts[1]),
                    parts[0], parts[1], keyId(encoded));
        } catch (RuntimeException e) {
            // BC rejects an ML-KEM key that fails the FIPS 203 modulus check with IllegalArgumentException
            throw new GeneralSecurityException("malformed x25519-mlkem768-aes-gcm public key");
        }
    }

    /** The two private components; the caller wipes both arrays. */
    static byte[][] parsePrivate(SecretBytes privateKey) throws GeneralSecurityException {
        byte[] encoded = privateKey.toByteArray(SecretAccess.get());
        try {
            byte[][] parts = decode(encoded, X25519_BYTES, MLKEM_SEED_BYTES);
            if (parts == null) {
                throw new GeneralSecurityException("malformed x25519-mlkem768-aes-gcm private key");
            }
            return parts;
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    /**
     * Parses every recipient key, in order, before anything is encrypted; a key listed twice is refused
     * because receivers reject duplicate key ids.
     */
    static List<PublicKey> parseRecipients(List<Recipient> recipients) throws GeneralSecurityException {
        List<PublicKey> keys = new ArrayList<>(recipients.size());
        Set<ByteBuffer> ids = new HashSet<>();
        for (Recipient recipient : recipients) {
            PublicKey key = parsePublic(recipient.publicKey());
            if (!ids.add(ByteBuffer.wrap(key.keyId()))) {
                throw new GeneralSecurityException("a recipient key is listed twice");
            }
            keys.add(key);
        }
        return keys;
    }

    /** First 16 bytes of SHA-256 over the whole public key encoding. */
    static byte[] keyId(byte[] encodedPublicKey) throws GeneralSecurityException {
        return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(encodedPublicKey), KEY_ID_BYTES);
    }
}
