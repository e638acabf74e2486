package org.parley.crypto.hybrid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

import org.bouncycastle.crypto.AsymmetricBlockCipher;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.encodings.OAEPEncoding;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.RSAEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.crypto.api.OpenRequest;
import org.parley.crypto.api.Recipient;
import org.parley.crypto.api.SchemeKeyPair;
import org.parley.crypto.api.SchemeState;
import org.parley.crypto.api.SealRequest;
import org.parley.crypto.api.SecretAccess;
import org.parley.crypto.testkit.KnownAnswerVector;
import org.parley.crypto.testkit.Mutations;

/**
 * Interoperability with Bouncy Castle's lightweight OAEP and GCM, with the label, offsets and AAD
 * written out here from PROTOCOL.md §5.2 rather than taken from the scheme's code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RsaOaepAesGcmBcInteropTest {

    private static final byte[] PREFIX = "parley/rsa-oaep-aes-gcm/v1".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = 3 + 272 + 12;
    private final RsaOaepAesGcmScheme scheme = new RsaOaepAesGcmScheme();
    private final byte[] ad = "parley-msg-v1\nm-7\ncarol\nrsa-oaep-aes-gcm".getBytes(StandardCharsets.UTF_8);
    private SchemeKeyPair keys;

    @BeforeAll
    void generateKeys() throws GeneralSecurityException {
        keys = scheme.generateKeyPair();
    }

    private static AsymmetricBlockCipher bcOaep(boolean encrypt, SchemeKeyPair keys, byte[] ad) throws Exception {
        OAEPEncoding oaep = new OAEPEncoding(new RSAEngine(), new SHA256Digest(), new SHA256Digest(),
                Mutations.concat(PREFIX, ad));
        if (encrypt) {
            oaep.init(true, new ParametersWithRandom(PublicKeyFactory.createKey(keys.publicKey()), new SecureRandom()));
        } else {
            oaep.init(false, PrivateKeyFactory.createKey(keys.privateKey().toByteArray(SecretAccess.get())));
        }
        return oaep;
    }

    private static byte[] bcGcm(boolean encrypt, byte[] key, byte[] nonce, byte[] aad, byte[] input) throws Exception {
        GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(encrypt, new AEADParameters(new KeyParameter(key), 128, nonce, aad));
        byte[] out = new byte[gcm.getOutputSize(input.length)];
        int length = gcm.processBytes(input, 0, input.length, out, 0);
        length += gcm.doFinal(out, length);
        return Arrays.copyOf(out, length);
    }

    /** Decrypts a single-recipient message with Bouncy Castle only. */
    private static byte[] bcOpen(byte[] sealed, SchemeKeyPair keys, byte[] ad) throws Exception {
        byte[] messageKey = bcOaep(false, keys, ad).processBlock(sealed, 3 + 16, 256);
        assertEquals(32, messageKey.length);
        byte[] header = Arrays.copyOf(sealed, HEADER);
        return bcGcm(false, messageKey, Arrays.copyOfRange(sealed, HEADER - 12, HEADER), Mutations.concat(header, ad),
                Arrays.copyOfRange(sealed, HEADER, sealed.length));
    }

    /** Builds a single-recipient message with Bouncy Castle only, wrapping {@code wrappedKey}. */
    private byte[] bcSeal(byte[] plaintext, byte[] messageKey, byte[] wrappedKey) throws Exception {
        byte[] digest = new byte[32];
        SHA256Digest sha = new SHA256Digest();
        sha.update(keys.publicKey(), 0, keys.publicKey().length);
        sha.doFinal(digest, 0);
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.write(new byte[] {1, 0, 1});
        header.write(digest, 0, 16);
        header.write(bcOaep(true, keys, ad).processBlock(wrappedKey, 0, wrappedKey.length));
        byte[] nonce = Mutations.pseudoRandom(12, 5);
        header.write(nonce);
        byte[] headerBytes = header.toByteArray();
        return Mutations.concat(headerBytes, bcGcm(true, messageKey, nonce, Mutations.concat(headerBytes, ad), plaintext));
    }

    @Test
    void bouncyCastleOpensWhatTheSchemeSeals() throws Exception {
        byte[] plaintext = Mutations.pseudoRandom(1000, 21);
        byte[] sealed = scheme.seal(new SealRequest(plaintext, List.of(new Recipient("carol", keys.publicKey())), ad),
                SchemeState.NONE);
        assertArrayEquals(plaintext, bcOpen(sealed, keys, ad));
    }

    @Test
    void schemeOpensWhatBouncyCastleSeals() throws Exception {
        byte[] plaintext = "Grüße — 你好 — 🔐".getBytes(StandardCharsets.UTF_8);
        byte[] messageKey = Mutations.pseudoRandom(32, 22);
        byte[] sealed = bcSeal(plaintext, messageKey, messageKey);
        assertArrayEquals(plaintext, scheme.open(new OpenRequest(sealed, "carol", keys, ad), SchemeState.NONE));
    }

    @Test
    void aMessageKeyOfTheWrongLengthIsRejected() throws Exception {
        byte[] messageKey = Mutations.pseudoRandom(32, 23);
        for (int length : new int[] {0, 1, 16, 31, 33, 64}) {
            byte[] sealed = bcSeal(new byte[3], messageKey, Arrays.copyOf(messageKey, length));
            GeneralSecurityException e = assertThrows(GeneralSecurityException.class,
                    () -> scheme.open(new OpenRequest(sealed, "carol", keys, ad), SchemeState.NONE));
            assertTrue(e.getMessage().contains("message key"), e.getMessage());
        }
    }

    @Test
    void knownAnswerVectorOpensWithTheSchemeAndWithBouncyCastle() throws Exception {
        KnownAnswerVector vector = KnownAnswerVector.load(getClass(), "rsa-oaep-aes-gcm-v1.properties");
        assertEquals(RsaOaepAesGcmScheme.ID, vector.scheme());
        assertArrayEquals(vector.plaintext(), scheme.open(
                new OpenRequest(vector.sealed(), "alice", vector.keyPair(), vector.associatedData()), SchemeState.NONE));
        assertArrayEquals(vector.plaintext(), bcOpen(vector.sealed(), vector.keyPair(), vector.associatedData()));
    }
}
