package org.parley.crypto.hybrid;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.List;

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
 * Scheme {@code rsa-oaep-aes-gcm}, Parley's default: the plaintext is encrypted once with a fresh
 * random AES-256 key and 96-bit nonce in GCM mode, and that key is wrapped with RSA-2048 OAEP
 * (SHA-256, MGF1-SHA-256) for each recipient. One ciphertext serves every recipient, so a message to
 * many users costs one 272-byte entry per recipient instead of a copy of the body.
 *
 * <h3>Security guarantees</h3>
 * <ul>
 *   <li>Confidentiality and integrity (AES-GCM, 128-bit tag) for holders of a recipient's private key
 *       only.</li>
 *   <li>The GCM AAD is the whole header (version, every recipient entry, nonce) followed by the
 *       associated data, and each wrapped key's OAEP label binds the associated data: changing any
 *       byte of the message, the recipient list or the associated data makes {@link #open} throw for
 *       every recipient.</li>
 *   <li>Key and nonce are fresh per message, so nonce reuse under one key cannot happen.</li>
 * </ul>
 *
 * <h3>WARNING</h3>
 * No sender authenticity: anyone with a recipient's public key can seal for it, and every recipient
 * learns the message key and could re-encrypt other content for the other recipients. Parley
 * authenticates senders by the identity-key signature over the envelope, outside this scheme.
 *
 * <h3>Threading</h3>
 * Stateless and thread-safe: {@link SchemeState} is ignored, every call builds its own ciphers, and
 * the shared {@link SecureRandom} is safe for concurrent use.
 */
@Component(service = CryptoScheme.class, property = CryptoScheme.SCHEME_ID_PROPERTY + "=" + RsaOaepAesGcmScheme.ID)
public final class RsaOaepAesGcmScheme implements CryptoScheme {

    /** The wire identifier of this scheme. */
    public static final String ID = "rsa-oaep-aes-gcm";

    private static final SchemeInfo INFO = new SchemeInfo(ID, "RSA-OAEP + AES-256-GCM");
    private static final String AES_GCM = "AES/GCM/NoPadding";

    private final SecureRandom random = new SecureRandom();

    @Override
    public SchemeInfo info() {
        return INFO;
    }

    @Override
    public SchemeKeyPair generateKeyPair() throws GeneralSecurityException {
        return RsaKeys.generate();
    }

    @Override
    public byte[] seal(SealRequest request, SchemeState state) throws GeneralSecurityException {
        byte[] plaintext = request.plaintext();
        if (plaintext.length > HybridMessage.MAX_PLAINTEXT) {
            throw new GeneralSecurityException("plaintext of " + plaintext.length + " bytes exceeds "
                    + HybridMessage.MAX_PLAINTEXT);
        }
        if (request.recipients().size() > HybridMessage.MAX_RECIPIENTS) {
            throw new GeneralSecurityException(request.recipients().size() + " recipients exceed "
                    + HybridMessage.MAX_RECIPIENTS);
        }
        List<RSAPublicKey> keys = RsaKeys.parseRecipients(request.recipients());
        byte[] messageKey = new byte[HybridMessage.AES_KEY_BYTES];
        byte[] nonce = new byte[HybridMessage.NONCE_BYTES];
        random.nextBytes(messageKey);
        random.nextBytes(nonce);
        try {
            ByteBuffer header = ByteBuffer.allocate(HybridMessage.headerLength(keys.size()));
            header.put(HybridMessage.VERSION).putShort((short) keys.size());
            byte[] label = HybridMessage.label(request.associatedData());
            for (RSAPublicKey key : keys) {
                header.put(RsaKeys.keyId(key)).put(RsaKeys.oaep(Cipher.ENCRYPT_MODE, key, label).doFinal(messageKey));
            }
            header.put(nonce);
            Cipher gcm = gcm(Cipher.ENCRYPT_MODE, messageKey, nonce, header.array(), request.associatedData());
            return ByteBuffer.allocate(header.capacity() + gcm.getOutputSize(plaintext.length))
                    .put(header.array()).put(gcm.doFinal(plaintext)).array();
        } finally {
            Arrays.fill(messageKey, (byte) 0);
        }
    }

    @Override
    public byte[] open(OpenRequest request, SchemeState state) throws GeneralSecurityException {
        HybridMessage message = HybridMessage.parse(request.sealed());
        byte[] keyId = RsaKeys.keyId(RsaKeys.parsePublic(request.localKeyPair().publicKey()));
        byte[] wrapped = message.findWrappedKey(keyId)
                .orElseThrow(() -> new GeneralSecurityException("message was not sealed for this key"));
        byte[] messageKey = RsaKeys.oaep(Cipher.DECRYPT_MODE, RsaKeys.parsePrivate(request.localKeyPair().privateKey()),
                HybridMessage.label(request.associatedData())).doFinal(wrapped);
        try {
            if (messageKey.length != HybridMessage.AES_KEY_BYTES) {
                throw new GeneralSecurityException("wrapped message key has " + messageKey.length + " bytes, not "
                        + HybridMessage.AES_KEY_BYTES);
            }
            return gcm(Cipher.DECRYPT_MODE, messageKey, message.nonce(), message.header(), request.associatedData())
                    .doFinal(message.ciphertext());
        } finally {
            Arrays.fill(messageKey, (byte) 0);
        }
    }

    /** AES-256-GCM with a 128-bit tag and AAD = header || associated data. */
    private static Cipher gcm(int mode, byte[] key, byte[] nonce, byte[] header, byte[] associatedData)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(AES_GCM);
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(HybridMessage.TAG_BYTES * 8, nonce));
        cipher.updateAAD(header);
        cipher.updateAAD(associatedData);
        return cipher;
    }
}
