package org.parley.crypto.pq;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.security.auth.DestroyFailedException;

import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMExtractor;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMGenerator;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMPrivateKeyParameters;

/**
 * The per-recipient key encapsulation of {@code x25519-mlkem768-aes-gcm}: an ephemeral X25519
 * agreement and an ML-KEM-768 encapsulation to the recipient's two public keys, combined into one
 * 32-byte key-encryption key (KEK):
 *
 * <pre>
 * (ss_M, ct_M) = ML-KEM-768.Encaps(pk_M)                     FIPS 203
 * e random, E = X25519(e, 9), ss_X = X25519(e, pk_X)         RFC 7748; all-zero ss_X is an error
 * PRK = HKDF-Extract(salt = LABEL, IKM = ss_M || ss_X)        RFC 5869, SHA-256
 * KEK = HKDF-Expand(PRK, info = LABEL || ct_M || E || pk_M || pk_X, 32)
 * LABEL = "parley/x25519-mlkem768-aes-gcm/v1" (33 ASCII bytes)
 * </pre>
 *
 * <h3>Why this combiner</h3>
 * <ul>
 *   <li>Both shared secrets go into the HKDF input keying material, as in the TLS 1.3 hybrid key
 *       exchange design and the CFRG hybrid-KEM combiners: HMAC-SHA-256 is assumed to be a dual PRF,
 *       so the KEK stays pseudorandom as long as <em>either</em> X25519 (classical) or ML-KEM-768
 *       (post-quantum) is unbroken.</li>
 *   <li>The info binds both ciphertexts and both recipient public keys, like X-Wing's combiner (which
 *       hashes {@code ct_X} and {@code pk_X}) and the CFRG "KitchenSink" combiner (which hashes all of
 *       them). X25519 used as a KEM is not ciphertext-collision resistant on its own, so without
 *       {@code E} and {@code pk_X} the combined KEM would not be IND-CCA when ML-KEM is broken; binding
 *       {@code ct_M} and {@code pk_M} as well costs one SHA-256 pass over 2.3 KB and avoids relying on
 *       ML-KEM-specific properties that X-Wing uses to leave them out.</li>
 *   <li>The label separates these keys from every other use of the same key material and lets a
 *       later version change the construction; it is the fixed HKDF salt as well, which RFC 5869
 *       allows (the salt need not be secret).</li>
 * </ul>
 *
 * <p>ML-KEM decapsulation uses implicit rejection: a modified {@code ct_M} yields an unrelated
 * secret, so the error surfaces when the wrapped key fails to authenticate.
 *
 * <h3>Threading</h3>
 * Stateless; every call builds its own Bouncy Castle objects. The {@link SecureRandom} passed in
 * must be safe for concurrent use.
 */
final class HybridKem {

    static final byte[] LABEL = "parley/x25519-mlkem768-aes-gcm/v1".getBytes(StandardCharsets.US_ASCII);
    static final int SECRET_BYTES = 32;

    /** What a sender puts in an entry and the KEK it wraps the content key with. */
    record Encapsulation(byte[] ephemeral, byte[] mlkemCiphertext, byte[] kek) {
    }

    private HybridKem() {
    }

    static Encapsulation encapsulate(PqKeys.PublicKey recipient, SecureRandom random) throws GeneralSecurityException {
        SecretWithEncapsulation mlkem = new MLKEMGenerator(random).generateEncapsulated(recipient.mlkem());
        byte[] ssM = mlkem.getSecret();
        byte[] ssX = null;
        try {
            X25519PrivateKeyParameters ephemeral = new X25519PrivateKeyParameters(random);
            byte[] ephemeralPublic = ephemeral.generatePublicKey().getEncoded();
            ssX = agree(ephemeral, recipient.x25519());
            byte[] ctM = mlkem.getEncapsulation();
            return new Encapsulation(ephemeralPublic, ctM,
                    kek(ssM, ssX, ctM, ephemeralPublic, recipient.mlkemBytes(), recipient.x25519Bytes()));
        } finally {
            Arrays.fill(ssM, (byte) 0);
            if (ssX != null) {
                Arrays.fill(ssX, (byte) 0);
            }
            try {
                mlkem.destroy();
            } catch (DestroyFailedException e) {
                // best effort: the copies this class made are wiped above
            }
        }
    }

    /**
     * Recomputes the KEK of an entry with the local private keys.
     *
     * @param x25519Private the local X25519 private key (32 bytes)
     * @param mlkemSeed the local ML-KEM-768 seed (64 bytes)
     * @param local the local public key, whose components enter the KDF info
     */
    static byte[] decapsulate(byte[] x25519Private, byte[] mlkemSeed, PqKeys.PublicKey local, byte[] ephemeral,
            byte[] mlkemCiphertext) throws GeneralSecurityException {
        byte[] ssM;
        byte[] ssX;
        try {
            ssM = new MLKEMExtractor(new MLKEMPrivateKeyParameters(PqKeys.MLKEM, mlkemSeed))
                    .extractSecret(mlkemCiphertext);
        } catch (RuntimeException e) {
            throw new GeneralSecurityException("malformed x25519-mlkem768-aes-gcm private key");
        }
        try {
            ssX = agree(new X25519PrivateKeyParameters(x25519Private), new X25519PublicKeyParameters(ephemeral));
        } catch (GeneralSecurityException e) {
            Arrays.fill(ssM, (byte) 0);
            throw e;
        }
        try {
            return kek(ssM, ssX, mlkemCiphertext, ephemeral, local.mlkemBytes(), local.x25519Bytes());
        } finally {
            Arrays.fill(ssM, (byte) 0);
            Arrays.fill(ssX, (byte) 0);
        }
    }

    /** X25519; an all-zero result (a low-order public key) is refused, as RFC 7748 §6.1 allows. */
    private static byte[] agree(X25519PrivateKeyParameters privateKey, X25519PublicKeyParameters publicKey)
            throws GeneralSecurityException {
        X25519Agreement agreement = new X25519Agreement();
        agreement.init(privateKey);
        byte[] secret = new byte[agreement.getAgreementSize()];
        try {
            agreement.calculateAgreement(publicKey, secret, 0);
        } catch (IllegalStateException e) {
            // Bouncy Castle throws for an all-zero shared secret
            throw new GeneralSecurityException("x25519-mlkem768-aes-gcm key agreement failed");
        }
        return secret;
    }

    /** The combiner above; package-visible so tests can pin it. */
    static byte[] kek(byte[] ssM, byte[] ssX, byte[] ctM, byte[] ephemeral, byte[] pkM, byte[] pkX) {
        byte[] ikm = new byte[ssM.length + ssX.length];
        System.arraycopy(ssM, 0, ikm, 0, ssM.length);
        System.arraycopy(ssX, 0, ikm, ssM.length, ssX.length);
        byte[] info = new byte[LABEL.length + ctM.length + ephemeral.length + pkM.length + pkX.length];
        int offset = 0;
        for (byte[] part : new byte[][] {LABEL, ctM, ephemeral, pkM, pkX}) {
            System.arraycopy(part, 0, info, offset, part.length);
            offset += part.length;
        }
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(ikm, LABEL, info));
        byte[] kek = new byte[SECRET_BYTES];
        hkdf.generateBytes(kek, 0, kek.length);
        Arrays.fill(ikm, (byte) 0);
        return kek;
    }
}
