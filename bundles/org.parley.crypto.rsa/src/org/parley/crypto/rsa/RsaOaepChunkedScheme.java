package org.parley.crypto.rsa;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;

import javax.crypto.Cipher;

import org.osgi.service.component.annotations.Component;
import org.parley.crypto.api.CryptoScheme;
import org.parley.crypto.api.OpenRequest;
import org.parley.crypto.api.SchemeInfo;
import org.parley.crypto.api.SchemeKeyPair;
import org.parley.crypto.api.SchemeState;
import org.parley.crypto.api.SealRequest;

/**
 * Scheme {@code rsa-oaep-chunked}: the plaintext is cut into chunks of at most 190 bytes and every
 * chunk is encrypted directly with RSA-2048 OAEP (SHA-256, MGF1-SHA-256), separately for each
 * recipient. It exists as the simple, library-free baseline; {@code rsa-oaep-aes-gcm} is the default
 * because it encrypts the body once and is far smaller and faster for long messages.
 *
 * <h3>Security guarantees</h3>
 * <ul>
 *   <li>Confidentiality (IND-CCA2 per chunk) for holders of a recipient's private key only.</li>
 *   <li>Each chunk's OAEP label binds a random per-message nonce, the associated data, the chunk index
 *       and the chunk count, so modifying, reordering, dropping, duplicating or splicing chunks, or
 *       opening with different associated data, makes {@link #open} throw.</li>
 *   <li>Recipient sections are independent: a recipient detects changes to its own section and the
 *       header, not to other recipients' sections (which it cannot read anyway).</li>
 * </ul>
 *
 * <h3>WARNING</h3>
 * No sender authenticity: anyone with a recipient's public key can seal for it. Parley authenticates
 * senders by the identity-key signature over the envelope, outside this scheme.
 *
 * <h3>Threading</h3>
 * Stateless and thread-safe: {@link SchemeState} is ignored, every call builds its own ciphers, and
 * the shared {@link SecureRandom} is safe for concurrent use.
 */
@Component(service = CryptoScheme.class, property = CryptoScheme.SCHEME_ID_PROPERTY + "=" + RsaOaepChunkedScheme.ID)
public final class RsaOaepChunkedScheme implements CryptoScheme {

    /** The wire identifier of this scheme. */
    public static final String ID = "rsa-oaep-chunked";

    private static final SchemeInfo INFO = new SchemeInfo(ID, "RSA-2048 OAEP (chunked)");

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
        var recipients = request.recipients();
        if (plaintext.length > ChunkedMessage.MAX_PLAINTEXT) {
            throw new GeneralSecurityException("plaintext of " + plaintext.length + " bytes exceeds "
                    + ChunkedMessage.MAX_PLAINTEXT);
        }
        if (recipients.size() > ChunkedMessage.MAX_RECIPIENTS) {
            throw new GeneralSecurityException(recipients.size() + " recipients exceed " + ChunkedMessage.MAX_RECIPIENTS);
        }
        int count = ChunkedMessage.chunkCount(plaintext.length);
        byte[] nonce = new byte[ChunkedMessage.NONCE_BYTES];
        random.nextBytes(nonce);
        ByteBuffer out = ByteBuffer.allocate((int) ChunkedMessage.sealedLength(recipients.size(), count));
        out.put(ChunkedMessage.VERSION).put(nonce).putShort((short) count).putShort((short) recipients.size());
        for (RSAPublicKey key : RsaKeys.parseRecipients(recipients)) {
            out.put(RsaKeys.keyId(key));
            for (int index = 0; index < count; index++) {
                byte[] label = ChunkedMessage.label(nonce, request.associatedData(), index, count);
                int from = index * ChunkedMessage.MAX_CHUNK_PLAINTEXT;
                int length = Math.min(ChunkedMessage.MAX_CHUNK_PLAINTEXT, plaintext.length - from);
                out.put(RsaKeys.oaep(Cipher.ENCRYPT_MODE, key, label).doFinal(plaintext, from, length));
            }
        }
        return out.array();
    }

    @Override
    public byte[] open(OpenRequest request, SchemeState state) throws GeneralSecurityException {
        ChunkedMessage message = ChunkedMessage.parse(request.sealed());
        byte[] keyId = RsaKeys.keyId(RsaKeys.parsePublic(request.localKeyPair().publicKey()));
        int section = message.findSection(keyId)
                .orElseThrow(() -> new GeneralSecurityException("message was not sealed for this key"));
        RSAPrivateKey key = RsaKeys.parsePrivate(request.localKeyPair().privateKey());
        int count = message.chunkCount();
        byte[] nonce = message.nonce();
        byte[] plaintext = new byte[count * ChunkedMessage.MAX_CHUNK_PLAINTEXT];
        int length = 0;
        try {
            for (int index = 0; index < count; index++) {
                byte[] label = ChunkedMessage.label(nonce, request.associatedData(), index, count);
                byte[] chunk = RsaKeys.oaep(Cipher.DECRYPT_MODE, key, label).doFinal(message.chunk(section, index));
                checkCanonical(chunk.length, index, count);
                System.arraycopy(chunk, 0, plaintext, length, chunk.length);
                Arrays.fill(chunk, (byte) 0);
                length += chunk.length;
            }
            return Arrays.copyOf(plaintext, length);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** Only the split {@link #seal} makes is accepted, so one plaintext has exactly one chunking. */
    private static void checkCanonical(int chunkLength, int index, int count) throws GeneralSecurityException {
        boolean last = index == count - 1;
        boolean valid = last ? chunkLength <= ChunkedMessage.MAX_CHUNK_PLAINTEXT && (chunkLength > 0 || count == 1)
                : chunkLength == ChunkedMessage.MAX_CHUNK_PLAINTEXT;
        if (!valid) {
            throw new GeneralSecurityException("chunk " + index + " of " + count + " has non-canonical length");
        }
    }
}
