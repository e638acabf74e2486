package org.parley.crypto.pq;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.osgi.service.component.annotations.Component;
import org.parley.crypto.api.CryptoScheme;
import org.parley.crypto.api.OpenRequest;
import org.parley.crypto.api.SchemeInfo;
import org.parley.crypto.api.SchemeKeyPair;
import org.parley.crypto.api.SchemeState;
import org.parley.crypto.api.SealRequest;

/**
 * Scheme {@code x25519-mlkem768-aes-gcm}, Parley's optional post-quantum hybrid: the plaintext is
 * encrypted once with a fresh random AES-256 content key {@code K} and 96-bit nonce in GCM mode; for
 * each recipient an ephemeral X25519 agreement and an ML-KEM-768 encapsulation are combined through
 * HKDF-SHA-256 into a key-encryption key (see {@link HybridKem}) that wraps {@code K} with
 * AES-256-GCM. Key encodings: {@link PqKeys}; byte layout: {@link PqMessage}.
 *
 * <p>Wrapping {@code K} for entry {@code j} of {@code R}: AES-256-GCM with key {@code KEK_j}, an
 * all-zero 96-bit nonce (each KEK is fresh and used exactly once) and
 * {@code AAD = LABEL || u16(j) || u16(R) || AD}. The content is sealed with
 * {@code AAD = header || AD}, the header being every byte before the ciphertext.
 *
 * <h3>Security guarantees</h3>
 * <ul>
 *   <li>Confidentiality of the plaintext as long as either X25519 or ML-KEM-768 holds, for holders of
 *       a recipient's private key only (AES-256-GCM, 128-bit tags).</li>
 *   <li>Integrity: the content AAD covers the whole header (version, count, every entry, nonce) and
 *       the associated data, and each wrapped key is bound to its position, the recipient count and
 *       the associated data: changing any byte or the associated data makes {@link #open} throw.</li>
 *   <li>Fresh content key, nonce, ephemeral X25519 key and ML-KEM encapsulation per message.</li>
 *   <li>Every failure is a {@link GeneralSecurityException} with a fixed message; the message never
 *       says which authentication step failed.</li>
 * </ul>
 *
 * <h3>WARNING</h3>
 * No sender authenticity: anyone with a recipient's public key can seal for it, and every recipient
 * learns {@code K}. Parley authenticates senders by the identity-key signature over the envelope.
 * The identity signature itself (Ed25519) is not post-quantum.
 *
 * <h3>Threading</h3>
 * Stateless and thread-safe: {@link SchemeState} is ignored, every call builds its own ciphers, and
 * the shared {@link SecureRandom} is safe for concurrent use.
 */
@Component(service = CryptoScheme.class, property = CryptoScheme.SCHEME_ID_PROPERTY + "=" + X25519MlKem768Scheme.ID)
public final class X25519MlKem768Scheme implements CryptoScheme {

    /** The wire identifier of this scheme. */
    public static final String ID = "x25519-mlkem768-aes-gcm";

    private static final SchemeInfo INFO = new SchemeInfo(ID, "Post-quantum hybrid (X25519 + ML-KEM-768, AES-256-GCM)");
    private static final String AES_GCM = "AES/GCM/NoPadding";
    private static final byte[] WRAP_NONCE = new byte[PqMessage.NONCE_BYTES];
    private static final String FAILED = "x25519-mlkem768-aes-gcm message failed authentication";

    private final SecureRandom random = new SecureRandom();

    @Override
    public SchemeInfo info() {
        return INFO;
    }

    @Override
    public SchemeKeyPair generateKeyPair() throws GeneralSecurityException {
        return PqKeys.generate(random);
    }

    @Override
    public byte[] seal(SealRequest request, SchemeState state) throws GeneralSecurityException {
        byte[] plaintext = request.plaintext();
        if (plaintext.length > PqMessage.MAX_PLAINTEXT) {
            throw new GeneralSecurityException("plaintext exceeds " + PqMessage.MAX_PLAINTEXT + " bytes");
        }
        int count = request.recipients().size();
        if (count > PqMessage.MAX_RECIPIENTS) {
            throw new GeneralSecurityException("more than " + PqMessage.MAX_RECIPIENTS + " recipients");
        }
        List<PqKeys.PublicKey> keys = PqKeys.parseRecipients(request.recipients());
        byte[] ad = request.associatedData();
        byte[] contentKey = new byte[PqMessage.AES_KEY_BYTES];
        byte[] nonce = new byte[PqMessage.NONCE_BYTES];
        random.nextBytes(contentKey);
        random.nextBytes(nonce);
        try {
            ByteBuffer header = ByteBuffer.allocate(PqMessage.headerLength(count));
            header.put(PqMessage.VERSION).putShort((short) count);
            for (int j = 0; j < count; j++) {
                PqKeys.PublicKey key = keys.get(j);
                HybridKem.Encapsulation encapsulation = HybridKem.encapsulate(key, random);
                try {
                    byte[] wrapped = gcm(Cipher.ENCRYPT_MODE, encapsulation.kek(), WRAP_NONCE, wrapAad(j, count), ad)
                            .doFinal(contentKey);
                    header.put(key.keyId()).put(encapsulation.ephemeral()).put(encapsulation.mlkemCiphertext())
                            .put(wrapped);
                } finally {
                    Arrays.fill(encapsulation.kek(), (byte) 0);
                }
            }
            header.put(nonce);
            Cipher content = gcm(Cipher.ENCRYPT_MODE, contentKey, nonce, header.array(), ad);
            return ByteBuffer.allocate(header.capacity() + content.getOutputSize(plaintext.length))
                    .put(header.array()).put(content.doFinal(plaintext)).array();
        } finally {
            Arrays.fill(contentKey, (byte) 0);
        }
    }

    @Override
    public byte[] open(OpenRequest request, SchemeState state) throws GeneralSecurityException {
        PqMessage message = PqMessage.parse(request.sealed());
        PqKeys.PublicKey local = PqKeys.parsePublic(request.localKeyPair().publicKey());
        OptionalInt index = message.findEntry(local.keyId());
        if (index.isEmpty()) {
            throw new GeneralSecurityException("x25519-mlkem768-aes-gcm message was not sealed for this key");
        }
        PqMessage.Entry entry = message.entry(index.getAsInt());
        byte[][] privateParts = PqKeys.parsePrivate(request.localKeyPair().privateKey());
        byte[] kek = null;
        byte[] contentKey = null;
        try {
            kek = HybridKem.decapsulate(privateParts[0], privateParts[1], local, entry.ephemeral(),
                    entry.mlkemCiphertext());
            byte[] ad = request.associatedData();
            contentKey = gcm(Cipher.DECRYPT_MODE, kek, WRAP_NONCE, wrapAad(entry.index(), message.recipientCount()), ad)
                    .doFinal(entry.wrappedKey());
            return gcm(Cipher.DECRYPT_MODE, contentKey, message.nonce(), message.header(), ad)
                    .doFinal(message.ciphertext());
        } catch (AEADBadTagException e) {
            // one fixed message for a bad wrapped key and bad content: which step failed is no one's business
            throw new GeneralSecurityException(FAILED);
        } finally {
            Arrays.fill(privateParts[0], (byte) 0);
            Arrays.fill(privateParts[1], (byte) 0);
            if (kek != null) {
                Arrays.fill(kek, (byte) 0);
            }
            if (contentKey != null) {
                Arrays.fill(contentKey, (byte) 0);
            }
        }
    }

    /** {@code LABEL || u16(index) || u16(count)}; the associated data follows as a second AAD part. */
    private static byte[] wrapAad(int index, int count) {
        return ByteBuffer.allocate(HybridKem.LABEL.length + 4).put(HybridKem.LABEL)
                .putShort((short) index).putShort((short) count).array();
    }

    /** AES-256-GCM with a 128-bit tag and AAD = {@code aadPrefix || associatedData}. */
    private static Cipher gcm(int mode, byte[] key, byte[] nonce, byte[] aadPrefix, byte[] associatedData)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(AES_GCM);
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(PqMessage.TAG_BYTES * 8, nonce));
        cipher.updateAAD(aadPrefix);
        cipher.updateAAD(associatedData);
        return cipher;
    }
}
