package org.parley.crypto.rsa;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

import org.parley.crypto.api.Recipient;
import org.parley.crypto.api.SchemeKeyPair;
import org.parley.crypto.api.SecretAccess;
import org.parley.crypto.api.SecretBytes;

/**
 * RSA-2048 key handling and RSA-OAEP for this bundle. Deliberately duplicated (not shared) with the
 * hybrid scheme's copy so that scheme bundles depend on {@code org.parley.crypto.api} only.
 *
 * <p>Keys from the wire are untrusted: every parse failure, including runtime exceptions thrown by
 * the key factory on malformed DER, surfaces as {@link GeneralSecurityException}.
 */
final class RsaKeys {

    static final int MODULUS_BITS = 2048;
    static final int MODULUS_BYTES = MODULUS_BITS / 8;
    static final int KEY_ID_BYTES = 16;

    /** The JDK's default MGF1 digest for OAEP is SHA-1, so every parameter is spelled out. */
    private static final String OAEP = "RSA/ECB/OAEPPadding";

    private RsaKeys() {
    }

    static SchemeKeyPair generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(new RSAKeyGenParameterSpec(MODULUS_BITS, RSAKeyGenParameterSpec.F4));
        KeyPair pair = generator.generateKeyPair();
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        try {
            return new SchemeKeyPair(pair.getPublic().getEncoded(), SecretBytes.copyFrom(pkcs8, SecretAccess.get()));
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /** Parses an X.509 SubjectPublicKeyInfo DER RSA-2048 public key. */
    static RSAPublicKey parsePublic(byte[] spki) throws GeneralSecurityException {
        RSAPublicKey key;
        try {
            key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki));
        } catch (RuntimeException e) {
            throw new GeneralSecurityException("malformed RSA public key", e);
        }
        BigInteger e = key.getPublicExponent();
        if (!e.testBit(0) || e.compareTo(BigInteger.valueOf(3)) < 0) {
            throw new GeneralSecurityException("RSA public exponent must be odd and at least 3");
        }
        return checkSize(key);
    }

    /** Parses a PKCS#8 DER RSA-2048 private key. */
    static RSAPrivateKey parsePrivate(SecretBytes pkcs8) throws GeneralSecurityException {
        byte[] encoded = pkcs8.toByteArray(SecretAccess.get());
        try {
            return checkSize((RSAPrivateKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(encoded)));
        } catch (RuntimeException e) {
            throw new GeneralSecurityException("malformed RSA private key", e);
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    /**
     * Parses every recipient's key, in order, before anything is encrypted; a key listed twice is
     * refused because receivers reject duplicate key ids.
     */
    static List<RSAPublicKey> parseRecipients(List<Recipient> recipients) throws GeneralSecurityException {
        List<RSAPublicKey> keys = new ArrayList<>(recipients.size());
        Set<ByteBuffer> ids = new HashSet<>();
        for (Recipient recipient : recipients) {
            RSAPublicKey key = parsePublic(recipient.publicKey());
            if (!ids.add(ByteBuffer.wrap(keyId(key)))) {
                throw new GeneralSecurityException("recipient key listed twice (user " + recipient.user() + ")");
            }
            keys.add(key);
        }
        return keys;
    }

    /** First 16 bytes of SHA-256 over the canonical SubjectPublicKeyInfo DER of {@code key}. */
    static byte[] keyId(RSAPublicKey key) throws GeneralSecurityException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
        return Arrays.copyOf(digest, KEY_ID_BYTES);
    }

    /** RSA-OAEP with SHA-256, MGF1-SHA-256 and the given label, initialised for {@code mode}. */
    static Cipher oaep(int mode, Key key, byte[] label) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(OAEP);
        cipher.init(mode, key, new OAEPParameterSpec(
                "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, new PSource.PSpecified(label)));
        return cipher;
    }

    private static <K extends RSAKey> K checkSize(K key) throws GeneralSecurityException {
        int bits = key.getModulus().bitLength();
        if (bits != MODULUS_BITS) {
            throw new GeneralSecurityException("RSA key must be " + MODULUS_BITS + " bits, got " + bits);
        }
        return key;
    }
}
