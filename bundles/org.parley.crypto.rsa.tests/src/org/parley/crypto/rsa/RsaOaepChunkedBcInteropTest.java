package org.parley.crypto.rsa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

import org.bouncycastle.crypto.AsymmetricBlockCipher;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.encodings.OAEPEncoding;
import org.bouncycastle.crypto.engines.RSAEngine;
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
 * Interoperability with an independent OAEP implementation (Bouncy Castle's lightweight API), with the
 * labels and offsets written out here from PROTOCOL.md §5.1 rather than taken from the scheme's code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RsaOaepChunkedBcInteropTest {

    private static final byte[] PREFIX = "parley/rsa-oaep-chunked/v1".getBytes(StandardCharsets.US_ASCII);
    private final RsaOaepChunkedScheme scheme = new RsaOaepChunkedScheme();
    private final byte[] ad = "parley-msg-v1\nm-42\nbob\nrsa-oaep-chunked".getBytes(StandardCharsets.UTF_8);
    private SchemeKeyPair keys;

    @BeforeAll
    void generateKeys() throws GeneralSecurityException {
        keys = scheme.generateKeyPair();
    }

    private static byte[] label(byte[] nonce, byte[] ad, int index, int count) {
        return ByteBuffer.allocate(PREFIX.length + 16 + 4 + ad.length + 8).put(PREFIX).put(nonce)
                .putInt(ad.length).put(ad).putInt(index).putInt(count).array();
    }

    private static AsymmetricBlockCipher bcOaep(boolean encrypt, SchemeKeyPair keys, byte[] label) throws Exception {
        OAEPEncoding oaep = new OAEPEncoding(new RSAEngine(), new SHA256Digest(), new SHA256Digest(), label);
        if (encrypt) {
            oaep.init(true, new ParametersWithRandom(PublicKeyFactory.createKey(keys.publicKey()), new SecureRandom()));
        } else {
            oaep.init(false, PrivateKeyFactory.createKey(keys.privateKey().toByteArray(SecretAccess.get())));
        }
        return oaep;
    }

    /** Builds a whole message with Bouncy Castle, splitting the plaintext at {@code sizes}. */
    private byte[] bcSeal(byte[] plaintext, int... sizes) throws Exception {
        byte[] nonce = Mutations.pseudoRandom(16, 99);
        SHA256Digest sha = new SHA256Digest();
        byte[] digest = new byte[32];
        sha.update(keys.publicKey(), 0, keys.publicKey().length);
        sha.doFinal(digest, 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1);
        out.write(nonce);
        out.write(new byte[] {0, (byte) sizes.length, 0, 1});
        out.write(digest, 0, 16);
        int from = 0;
        for (int index = 0; index < sizes.length; index++) {
            byte[] block = bcOaep(true, keys, label(nonce, ad, index, sizes.length)).processBlock(plaintext, from, sizes[index]);
            assertEquals(256, block.length);
            out.write(block);
            from += sizes[index];
        }
        return out.toByteArray();
    }

    private byte[] open(byte[] sealed) throws GeneralSecurityException {
        return scheme.open(new OpenRequest(sealed, "bob", keys, ad), SchemeState.NONE);
    }

    @Test
    void bouncyCastleDecryptsEveryChunkTheSchemeSeals() throws Exception {
        byte[] plaintext = Mutations.pseudoRandom(450, 11);
        byte[] sealed = scheme.seal(new SealRequest(plaintext, List.of(new Recipient("bob", keys.publicKey())), ad),
                SchemeState.NONE);
        byte[] nonce = Arrays.copyOfRange(sealed, 1, 17);
        ByteArrayOutputStream recovered = new ByteArrayOutputStream();
        for (int index = 0; index < 3; index++) {
            int offset = 21 + 16 + index * 256;
            recovered.write(bcOaep(false, keys, label(nonce, ad, index, 3)).processBlock(sealed, offset, 256));
        }
        assertArrayEquals(plaintext, recovered.toByteArray());
    }

    @Test
    void schemeOpensAMessageBuiltWithBouncyCastle() throws Exception {
        byte[] plaintext = Mutations.pseudoRandom(400, 12);
        assertArrayEquals(plaintext, open(bcSeal(plaintext, 190, 190, 20)));
        assertArrayEquals(new byte[0], open(bcSeal(new byte[0], 0)));
    }

    @Test
    void nonCanonicalChunkingIsRejected() throws Exception {
        byte[] plaintext = Mutations.pseudoRandom(200, 13);
        assertThrows(GeneralSecurityException.class, () -> open(bcSeal(plaintext, 100, 100)));
        assertThrows(GeneralSecurityException.class, () -> open(bcSeal(plaintext, 190, 10, 0)));
    }

    @Test
    void bouncyCastleRejectsAChunkUnderAnotherLabel() throws Exception {
        byte[] sealed = scheme.seal(new SealRequest(new byte[5], List.of(new Recipient("bob", keys.publicKey())), ad),
                SchemeState.NONE);
        byte[] nonce = Arrays.copyOfRange(sealed, 1, 17);
        assertThrows(InvalidCipherTextException.class,
                () -> bcOaep(false, keys, label(nonce, ad, 1, 1)).processBlock(sealed, 37, 256));
    }

    @Test
    void knownAnswerVectorOpensWithTheSchemeAndWithBouncyCastle() throws Exception {
        KnownAnswerVector vector = KnownAnswerVector.load(getClass(), "rsa-oaep-chunked-v1.properties");
        assertEquals(RsaOaepChunkedScheme.ID, vector.scheme());
        assertArrayEquals(vector.plaintext(), scheme.open(
                new OpenRequest(vector.sealed(), "alice", vector.keyPair(), vector.associatedData()), SchemeState.NONE));
        byte[] sealed = vector.sealed();
        byte[] nonce = Arrays.copyOfRange(sealed, 1, 17);
        int count = ((sealed[17] & 0xff) << 8) | (sealed[18] & 0xff);
        ByteArrayOutputStream recovered = new ByteArrayOutputStream();
        SchemeKeyPair vectorKeys = vector.keyPair();
        for (int index = 0; index < count; index++) {
            byte[] label = label(nonce, vector.associatedData(), index, count);
            recovered.write(bcOaep(false, vectorKeys, label).processBlock(sealed, 37 + index * 256, 256));
        }
        assertArrayEquals(vector.plaintext(), recovered.toByteArray());
    }
}
