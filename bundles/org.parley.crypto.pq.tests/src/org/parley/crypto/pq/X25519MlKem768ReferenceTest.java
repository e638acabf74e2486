package org.parley.crypto.pq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.jcajce.SecretKeyWithEncapsulation;
import org.bouncycastle.jcajce.interfaces.MLKEMPrivateKey;
import org.bouncycastle.jcajce.interfaces.MLKEMPublicKey;
import org.bouncycastle.jcajce.spec.KEMExtractSpec;
import org.bouncycastle.jcajce.spec.KEMGenerateSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.parley.crypto.api.OpenRequest;
import org.parley.crypto.api.Recipient;
import org.parley.crypto.api.SchemeKeyPair;
import org.parley.crypto.api.SchemeState;
import org.parley.crypto.api.SealRequest;
import org.parley.crypto.api.SecretAccess;
import org.parley.crypto.api.SecretBytes;
import org.parley.crypto.testkit.KnownAnswerVector;
import org.parley.crypto.testkit.Mutations;

/**
 * Differential tests against a second implementation of the scheme written here from its
 * documentation with other code paths: ML-KEM-768 through Bouncy Castle's JCA provider (the scheme
 * uses BC's lightweight API), X25519 through the JDK's {@code XDH} (the scheme uses BC), HKDF
 * written out with the JDK's HMAC-SHA-256 (the scheme uses BC's HKDF) and AES-GCM from the BC
 * provider (the scheme uses the JDK's). Plus RFC 7748 and RFC 5869 vectors for the primitives and a
 * frozen known-answer vector for the scheme.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class X25519MlKem768ReferenceTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] LABEL = "parley/x25519-mlkem768-aes-gcm/v1".getBytes(StandardCharsets.US_ASCII);
    private static final int ENTRY = 16 + 32 + 1088 + 48;
    /** DER prefixes of ML-KEM-768 (OID 2.16.840.1.101.3.4.4.2) SubjectPublicKeyInfo and seed-only PKCS#8. */
    private static final byte[] SPKI_PREFIX = HEX.parseHex("308204b2300b0609608648016503040402038204a100");
    private static final byte[] PKCS8_SEED_PREFIX = HEX.parseHex("3054020100300b060960864801650304040204428040");

    private final Provider bc = new BouncyCastleProvider();
    private final X25519MlKem768Scheme scheme = new X25519MlKem768Scheme();
    private final byte[] ad = "parley-msg-v1\nm-9\ndave\nx25519-mlkem768-aes-gcm".getBytes(StandardCharsets.UTF_8);
    private SchemeKeyPair alice;
    private SchemeKeyPair bob;

    @BeforeAll
    void generateKeys() throws GeneralSecurityException {
        alice = scheme.generateKeyPair();
        bob = scheme.generateKeyPair();
    }

    // ---- the reference implementation ---------------------------------------------------------

    private static byte[] hmac(byte[] key, byte[]... parts) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.length == 0 ? new byte[32] : key, "HmacSHA256"));
        for (byte[] part : parts) {
            mac.update(part);
        }
        return mac.doFinal();
    }

    /** RFC 5869 with SHA-256. */
    private static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) throws GeneralSecurityException {
        byte[] prk = hmac(salt, ikm);
        ByteArrayOutputStream okm = new ByteArrayOutputStream();
        byte[] block = new byte[0];
        for (int i = 1; okm.size() < length; i++) {
            block = hmac(prk, block, info, new byte[] {(byte) i});
            okm.writeBytes(block);
        }
        return Arrays.copyOf(okm.toByteArray(), length);
    }

    private static byte[] littleEndian(BigInteger u) {
        byte[] bigEndian = u.toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < 32 && i < bigEndian.length; i++) {
            out[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return out;
    }

    private static PublicKey jdkX25519Public(byte[] u) throws GeneralSecurityException {
        byte[] reversed = new byte[32];
        for (int i = 0; i < 32; i++) {
            reversed[i] = u[31 - i];
        }
        reversed[0] &= 0x7f; // RFC 7748 §5: the most significant bit of the u-coordinate is masked
        return KeyFactory.getInstance("XDH").generatePublic(
                new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, reversed)));
    }

    private static byte[] jdkX25519(byte[] scalar, byte[] u) throws GeneralSecurityException {
        PrivateKey privateKey = KeyFactory.getInstance("XDH").generatePrivate(
                new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar));
        KeyAgreement agreement = KeyAgreement.getInstance("XDH");
        agreement.init(privateKey);
        agreement.doPhase(jdkX25519Public(u), true);
        return agreement.generateSecret();
    }

    private PublicKey jcaMlKemPublic(byte[] raw) throws GeneralSecurityException {
        return KeyFactory.getInstance("ML-KEM", bc).generatePublic(new X509EncodedKeySpec(Mutations.concat(SPKI_PREFIX, raw)));
    }

    private PrivateKey jcaMlKemPrivate(byte[] seed) throws GeneralSecurityException {
        return KeyFactory.getInstance("ML-KEM", bc).generatePrivate(
                new PKCS8EncodedKeySpec(Mutations.concat(PKCS8_SEED_PREFIX, seed)));
    }

    private byte[] gcm(boolean encrypt, byte[] key, byte[] nonce, byte[] aad, byte[] input) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", bc);
        cipher.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                new GCMParameterSpec(128, nonce));
        cipher.updateAAD(aad);
        return cipher.doFinal(input);
    }

    private static byte[] wrapAad(int index, int count, byte[] ad) {
        return ByteBuffer.allocate(LABEL.length + 4 + ad.length).put(LABEL).putShort((short) index)
                .putShort((short) count).put(ad).array();
    }

    private static byte[] kek(byte[] ssM, byte[] ssX, byte[] ctM, byte[] ephemeral, byte[] pkM, byte[] pkX)
            throws GeneralSecurityException {
        return hkdf(LABEL, Mutations.concat(ssM, ssX), Mutations.concat(LABEL, ctM, ephemeral, pkM, pkX), 32);
    }

    /** Opens a body for the key pair given as raw public (1221 bytes) and private (101 bytes) encodings. */
    private byte[] referenceOpen(byte[] sealed, byte[] publicKey, byte[] privateKey, byte[] ad) throws Exception {
        int count = ((sealed[1] & 0xff) << 8) | (sealed[2] & 0xff);
        int header = 3 + count * ENTRY + 12;
        byte[] keyId = Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(publicKey), 16);
        for (int j = 0; j < count; j++) {
            int at = 3 + j * ENTRY;
            if (!Arrays.equals(keyId, Arrays.copyOfRange(sealed, at, at + 16))) {
                continue;
            }
            byte[] ephemeral = Arrays.copyOfRange(sealed, at + 16, at + 48);
            byte[] ctM = Arrays.copyOfRange(sealed, at + 48, at + 48 + 1088);
            byte[] wrapped = Arrays.copyOfRange(sealed, at + 48 + 1088, at + ENTRY);
            KeyGenerator extractor = KeyGenerator.getInstance("ML-KEM", bc);
            // BC's JCA applies a KDF to the ML-KEM secret by default; the scheme uses the raw FIPS 203 secret
            extractor.init(new KEMExtractSpec.Builder(jcaMlKemPrivate(Arrays.copyOfRange(privateKey, 37, 101)), ctM,
                    "AES", 256).withNoKdf().build());
            byte[] ssM = extractor.generateKey().getEncoded();
            byte[] ssX = jdkX25519(Arrays.copyOfRange(privateKey, 3, 35), ephemeral);
            byte[] kek = kek(ssM, ssX, ctM, ephemeral, Arrays.copyOfRange(publicKey, 37, 1221),
                    Arrays.copyOfRange(publicKey, 3, 35));
            byte[] contentKey = gcm(false, kek, new byte[12], wrapAad(j, count, ad), wrapped);
            return gcm(false, contentKey, Arrays.copyOfRange(sealed, header - 12, header),
                    Mutations.concat(Arrays.copyOf(sealed, header), ad), Arrays.copyOfRange(sealed, header, sealed.length));
        }
        throw new AssertionError("no entry for the key");
    }

    private byte[] referenceSeal(byte[] plaintext, List<byte[]> publicKeys, byte[] ad) throws Exception {
        byte[] contentKey = Mutations.pseudoRandom(32, 99);
        byte[] nonce = Mutations.pseudoRandom(12, 98);
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.write(1);
        header.write(publicKeys.size() >>> 8);
        header.write(publicKeys.size());
        for (int j = 0; j < publicKeys.size(); j++) {
            byte[] pk = publicKeys.get(j);
            byte[] pkX = Arrays.copyOfRange(pk, 3, 35);
            byte[] pkM = Arrays.copyOfRange(pk, 37, 1221);
            KeyGenerator generator = KeyGenerator.getInstance("ML-KEM", bc);
            generator.init(new KEMGenerateSpec.Builder(jcaMlKemPublic(pkM), "AES", 256).withNoKdf().build());
            SecretKeyWithEncapsulation mlkem = (SecretKeyWithEncapsulation) generator.generateKey();
            KeyPair ephemeral = KeyPairGenerator.getInstance("X25519").generateKeyPair();
            byte[] ephemeralPublic = littleEndian(((XECPublicKey) ephemeral.getPublic()).getU());
            byte[] ssX = jdkX25519(((XECPrivateKey) ephemeral.getPrivate()).getScalar().orElseThrow(), pkX);
            byte[] kek = kek(mlkem.getEncoded(), ssX, mlkem.getEncapsulation(), ephemeralPublic, pkM, pkX);
            header.writeBytes(Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(pk), 16));
            header.writeBytes(ephemeralPublic);
            header.writeBytes(mlkem.getEncapsulation());
            header.writeBytes(gcm(true, kek, new byte[12], wrapAad(j, publicKeys.size(), ad), contentKey));
        }
        header.writeBytes(nonce);
        byte[] h = header.toByteArray();
        return Mutations.concat(h, gcm(true, contentKey, nonce, Mutations.concat(h, ad), plaintext));
    }

    private static byte[] privateBytes(SchemeKeyPair pair) {
        return pair.privateKey().toByteArray(SecretAccess.get());
    }

    private byte[] schemeOpen(byte[] sealed, SchemeKeyPair local, byte[] ad) throws GeneralSecurityException {
        return scheme.open(new OpenRequest(sealed, "dave", local, ad), SchemeState.NONE);
    }

    // ---- tests --------------------------------------------------------------------------------

    @Test
    void referenceHkdfMatchesRfc5869TestCase1() throws GeneralSecurityException {
        byte[] okm = HEX.parseHex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
        byte[] ikm = HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        byte[] salt = HEX.parseHex("000102030405060708090a0b0c");
        byte[] info = HEX.parseHex("f0f1f2f3f4f5f6f7f8f9");
        assertArrayEquals(okm, hkdf(salt, ikm, info, 42));
        HKDFBytesGenerator bcHkdf = new HKDFBytesGenerator(new SHA256Digest());
        bcHkdf.init(new HKDFParameters(ikm, salt, info));
        byte[] out = new byte[42];
        bcHkdf.generateBytes(out, 0, 42);
        assertArrayEquals(okm, out);
    }

    @Test
    void x25519MatchesRfc7748Section61InBouncyCastleAndTheJdk() throws GeneralSecurityException {
        byte[] alicePrivate = HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        byte[] alicePublic = HEX.parseHex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
        byte[] bobPrivate = HEX.parseHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
        byte[] bobPublic = HEX.parseHex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
        byte[] shared = HEX.parseHex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        assertArrayEquals(alicePublic, new X25519PrivateKeyParameters(alicePrivate).generatePublicKey().getEncoded());
        assertArrayEquals(bobPublic, new X25519PrivateKeyParameters(bobPrivate).generatePublicKey().getEncoded());
        X25519Agreement agreement = new X25519Agreement();
        agreement.init(new X25519PrivateKeyParameters(alicePrivate));
        byte[] secret = new byte[32];
        agreement.calculateAgreement(new X25519PublicKeyParameters(bobPublic), secret, 0);
        assertArrayEquals(shared, secret);
        assertArrayEquals(shared, jdkX25519(bobPrivate, alicePublic));
    }

    @Test
    void combinerMatchesTheReference() throws GeneralSecurityException {
        byte[] ssM = Mutations.pseudoRandom(32, 1);
        byte[] ssX = Mutations.pseudoRandom(32, 2);
        byte[] ctM = Mutations.pseudoRandom(1088, 3);
        byte[] ephemeral = Mutations.pseudoRandom(32, 4);
        byte[] pkM = Mutations.pseudoRandom(1184, 5);
        byte[] pkX = Mutations.pseudoRandom(32, 6);
        byte[] expected = kek(ssM, ssX, ctM, ephemeral, pkM, pkX);
        assertArrayEquals(expected, HybridKem.kek(ssM, ssX, ctM, ephemeral, pkM, pkX));
        // every input matters
        assertThrows(AssertionError.class, () -> assertArrayEquals(expected,
                HybridKem.kek(ssM, ssX, ctM, ephemeral, pkM, Mutations.flipBit(pkX, 0))));
        assertThrows(AssertionError.class, () -> assertArrayEquals(expected,
                HybridKem.kek(ssX, ssM, ctM, ephemeral, pkM, pkX)));
    }

    @Test
    void schemeBodiesOpenWithTheReference() throws Exception {
        byte[] plaintext = Mutations.pseudoRandom(4096, 21);
        byte[] sealed = scheme.seal(new SealRequest(plaintext,
                List.of(new Recipient("alice", alice.publicKey()), new Recipient("bob", bob.publicKey())), ad),
                SchemeState.NONE);
        for (SchemeKeyPair pair : List.of(alice, bob)) {
            byte[] sk = privateBytes(pair);
            assertArrayEquals(plaintext, referenceOpen(sealed, pair.publicKey(), sk, ad));
            Arrays.fill(sk, (byte) 0);
        }
    }

    @Test
    void referenceBodiesOpenWithTheScheme() throws Exception {
        byte[] plaintext = Mutations.pseudoRandom(1000, 22);
        byte[] sealed = referenceSeal(plaintext, List.of(alice.publicKey(), bob.publicKey()), ad);
        assertArrayEquals(plaintext, schemeOpen(sealed, alice, ad));
        assertArrayEquals(plaintext, schemeOpen(sealed, bob, ad));
        assertThrows(GeneralSecurityException.class, () -> schemeOpen(sealed, bob, new byte[0]));
    }

    @Test
    void keysGeneratedThroughJcaWorkWithTheScheme() throws Exception {
        KeyPair mlkem = KeyPairGenerator.getInstance("ML-KEM-768", bc).generateKeyPair();
        KeyPair x25519 = KeyPairGenerator.getInstance("X25519").generateKeyPair();
        byte[] publicKey = ByteBuffer.allocate(1221).put((byte) 1).putShort((short) 32)
                .put(littleEndian(((XECPublicKey) x25519.getPublic()).getU())).putShort((short) 1184)
                .put(((MLKEMPublicKey) mlkem.getPublic()).getPublicData()).array();
        byte[] privateKey = ByteBuffer.allocate(101).put((byte) 1).putShort((short) 32)
                .put(((XECPrivateKey) x25519.getPrivate()).getScalar().orElseThrow()).putShort((short) 64)
                .put(((MLKEMPrivateKey) mlkem.getPrivate()).getSeed()).array();
        SchemeKeyPair pair = new SchemeKeyPair(publicKey, SecretBytes.copyFrom(privateKey, SecretAccess.get()));
        byte[] plaintext = Mutations.pseudoRandom(333, 23);
        byte[] sealed = scheme.seal(new SealRequest(plaintext, List.of(new Recipient("jca", publicKey)), ad),
                SchemeState.NONE);
        assertArrayEquals(plaintext, schemeOpen(sealed, pair, ad));
        assertArrayEquals(plaintext, referenceOpen(sealed, publicKey, privateKey, ad));
    }

    @Test
    void knownAnswerVectorStillOpens() throws Exception {
        KnownAnswerVector vector = KnownAnswerVector.load(getClass(), "x25519-mlkem768-aes-gcm-v1.properties");
        assertEquals(X25519MlKem768Scheme.ID, vector.scheme());
        assertArrayEquals(vector.plaintext(), schemeOpen(vector.sealed(), vector.keyPair(), vector.associatedData()));
        assertArrayEquals(vector.plaintext(),
                referenceOpen(vector.sealed(), vector.publicKey(), vector.privateKey(), vector.associatedData()));
        assertThrows(GeneralSecurityException.class,
                () -> schemeOpen(vector.sealed(), vector.keyPair(), Mutations.concat(vector.associatedData(), new byte[1])));
    }
}
