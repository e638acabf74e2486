package org.parley.crypto.pq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMParameters;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMPrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.crypto.api.CryptoScheme;
import org.parley.crypto.api.Recipient;
import org.parley.crypto.api.SchemeKeyPair;
import org.parley.crypto.api.SchemeState;
import org.parley.crypto.api.SealRequest;
import org.parley.crypto.api.SecretAccess;
import org.parley.crypto.api.SecretBytes;
import org.parley.crypto.testkit.CryptoSchemeContractTest;
import org.parley.crypto.testkit.Mutations;

/**
 * Contract plus attacks on the entries, nonce, wrapped keys and key encodings of
 * {@code x25519-mlkem768-aes-gcm}. Offsets are written out here from the layout documented in
 * {@link PqMessage} and {@link PqKeys}, not taken from their constants.
 */
class X25519MlKem768SchemeTest extends CryptoSchemeContractTest {

    private static final int KEY_ID = 16;
    private static final int EPHEMERAL = 32;
    private static final int MLKEM_CT = 1088;
    private static final int WRAPPED = 48;
    private static final int ENTRY = KEY_ID + EPHEMERAL + MLKEM_CT + WRAPPED;
    private static final int PUBLIC_KEY = 1 + 2 + 32 + 2 + 1184;
    private static final int PRIVATE_KEY = 1 + 2 + 32 + 2 + 64;
    private static final String FAILED = "x25519-mlkem768-aes-gcm message failed authentication";

    private static int headerLength(int recipients) {
        return 3 + recipients * ENTRY + 12;
    }

    private static int entry(int index) {
        return 3 + index * ENTRY;
    }

    @Override
    protected CryptoScheme newScheme() {
        return new X25519MlKem768Scheme();
    }

    private List<SchemeKeyPair> keyPairs(int count) throws GeneralSecurityException {
        List<SchemeKeyPair> pairs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            pairs.add(scheme.generateKeyPair());
        }
        return pairs;
    }

    private byte[] sealFor(byte[] plaintext, List<SchemeKeyPair> recipients) throws GeneralSecurityException {
        return seal(plaintext, ad, recipients.toArray(SchemeKeyPair[]::new));
    }

    @Test
    void idAndNameAreTheDocumentedOnes() {
        assertEquals("x25519-mlkem768-aes-gcm", scheme.info().id());
        assertTrue(scheme.info().displayName().contains("ML-KEM-768"), scheme.info().displayName());
    }

    @Test
    void layoutMatchesTheSpecification() throws GeneralSecurityException {
        byte[] sealed = seal(new byte[400], ad, alice, bob);
        assertEquals(headerLength(2) + 400 + 16, sealed.length);
        assertEquals(1, sealed[0]);
        assertEquals(2, ((sealed[1] & 0xff) << 8) | (sealed[2] & 0xff));
        byte[] aliceId = Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(alice.publicKey()), 16);
        byte[] bobId = Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(bob.publicKey()), 16);
        assertArrayEquals(aliceId, Arrays.copyOfRange(sealed, entry(0), entry(0) + 16));
        assertArrayEquals(bobId, Arrays.copyOfRange(sealed, entry(1), entry(1) + 16));
        assertEquals(headerLength(1) + 16, seal(new byte[0], ad, alice).length);
    }

    @Test
    void keyEncodingsMatchTheSpecification() throws GeneralSecurityException {
        byte[] pk = alice.publicKey();
        assertEquals(PUBLIC_KEY, pk.length);
        assertEquals(1, pk[0]);
        assertEquals(32, ByteBuffer.wrap(pk, 1, 2).getShort());
        assertEquals(1184, ByteBuffer.wrap(pk, 35, 2).getShort());
        byte[] sk = alice.privateKey().toByteArray(SecretAccess.get());
        try {
            assertEquals(PRIVATE_KEY, sk.length);
            assertEquals(1, sk[0]);
            assertEquals(32, ByteBuffer.wrap(sk, 1, 2).getShort());
            assertEquals(64, ByteBuffer.wrap(sk, 35, 2).getShort());
            // the public halves are derivable from the private halves (RFC 7748 / FIPS 203 seed expansion)
            byte[] x25519Public = new X25519PrivateKeyParameters(Arrays.copyOfRange(sk, 3, 35)).generatePublicKey()
                    .getEncoded();
            assertArrayEquals(Arrays.copyOfRange(pk, 3, 35), x25519Public);
            byte[] mlkemPublic = new MLKEMPrivateKeyParameters(MLKEMParameters.ml_kem_768,
                    Arrays.copyOfRange(sk, 37, 101)).getPublicKey();
            assertArrayEquals(Arrays.copyOfRange(pk, 37, PUBLIC_KEY), mlkemPublic);
        } finally {
            Arrays.fill(sk, (byte) 0);
        }
    }

    @Test
    void keyEncodingsRoundTrip() throws GeneralSecurityException {
        PqKeys.PublicKey parsed = PqKeys.parsePublic(bob.publicKey());
        assertArrayEquals(bob.publicKey(), PqKeys.encode(parsed.x25519().getEncoded(), parsed.mlkem().getEncoded()));
        assertArrayEquals(bob.publicKey(), PqKeys.encode(parsed.x25519Bytes(), parsed.mlkemBytes()));
        byte[][] privateParts = PqKeys.parsePrivate(bob.privateKey());
        byte[] reencoded = PqKeys.encode(privateParts[0], privateParts[1]);
        assertTrue(SecretBytes.copyFrom(reencoded, SecretAccess.get()).equalsSecretBytes(bob.privateKey()));
        // a key pair rebuilt from its encodings still opens what was sealed for the original
        SchemeKeyPair rebuilt = new SchemeKeyPair(PqKeys.encode(parsed.x25519Bytes(), parsed.mlkemBytes()),
                SecretBytes.copyFrom(reencoded, SecretAccess.get()));
        byte[] plaintext = Mutations.pseudoRandom(77, 77);
        assertArrayEquals(plaintext, open(seal(plaintext, ad, bob), rebuilt, ad));
    }

    @Test
    void malformedPublicKeysAreRefused() {
        byte[] pk = carol.publicKey();
        List<byte[]> bad = new ArrayList<>();
        bad.add(Arrays.copyOf(pk, pk.length - 1));
        bad.add(Mutations.concat(pk, new byte[1]));
        byte[] version = pk.clone();
        version[0] = 2;
        bad.add(version);
        byte[] firstLength = pk.clone();
        firstLength[2] = 33;
        bad.add(firstLength);
        byte[] secondLength = pk.clone();
        secondLength[36] ^= 1;
        bad.add(secondLength);
        // ML-KEM encapsulation key whose coefficients are not reduced mod q (FIPS 203 §7.2 modulus check)
        byte[] unreduced = pk.clone();
        Arrays.fill(unreduced, 37, 37 + 384, (byte) 0xff);
        bad.add(unreduced);
        // X25519 points of small order give an all-zero shared secret (RFC 7748 §6.1)
        for (byte[] lowOrder : new byte[][] {new byte[32], littleEndianOne()}) {
            byte[] weak = pk.clone();
            System.arraycopy(lowOrder, 0, weak, 3, 32);
            bad.add(weak);
        }
        for (byte[] key : bad) {
            GeneralSecurityException e = assertThrows(GeneralSecurityException.class, () -> scheme.seal(
                    new SealRequest(new byte[1], List.of(new Recipient("carol", key)), ad), SchemeState.NONE));
            assertFalse(e.getMessage().matches(".*[0-9a-f]{8,}.*"), "error leaks bytes: " + e.getMessage());
        }
    }

    private static byte[] littleEndianOne() {
        byte[] one = new byte[32];
        one[0] = 1;
        return one;
    }

    @Test
    void malformedPrivateKeysFail() throws GeneralSecurityException {
        byte[] sealed = seal(new byte[10], ad, alice);
        byte[] sk = alice.privateKey().toByteArray(SecretAccess.get());
        try {
            for (byte[] key : List.of(Arrays.copyOf(sk, sk.length - 1), Mutations.concat(sk, new byte[1]),
                    Mutations.flipBit(sk, 6), Mutations.flipBit(sk, 8 * 36 + 7), new byte[PRIVATE_KEY])) {
                assertOpenFails(sealed, new SchemeKeyPair(alice.publicKey(),
                        SecretBytes.copyFrom(key, SecretAccess.get())), ad);
            }
        } finally {
            Arrays.fill(sk, (byte) 0);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 50})
    void everyOneOfNRecipientsOpens(int count) throws GeneralSecurityException {
        List<SchemeKeyPair> recipients = keyPairs(count);
        byte[] plaintext = Mutations.pseudoRandom(4096, count);
        byte[] sealed = sealFor(plaintext, recipients);
        assertEquals(headerLength(count) + 4096 + 16, sealed.length);
        for (SchemeKeyPair recipient : recipients) {
            assertArrayEquals(plaintext, open(sealed, recipient, ad));
        }
        assertOpenFails(sealed, eve, ad);
    }

    @Test
    void theRecipientCapIsExact() throws GeneralSecurityException {
        List<SchemeKeyPair> recipients = keyPairs(257);
        byte[] plaintext = Mutations.pseudoRandom(100, 256);
        byte[] sealed = sealFor(plaintext, recipients.subList(0, 256));
        assertArrayEquals(plaintext, open(sealed, recipients.get(255), ad));
        assertThrows(GeneralSecurityException.class, () -> sealFor(plaintext, recipients));
    }

    @Test
    void thePlaintextCapIsExact() throws GeneralSecurityException {
        byte[] largest = Mutations.pseudoRandom(256 * 1024, 8);
        assertArrayEquals(largest, open(seal(largest, ad, alice), alice, ad));
        assertThrows(GeneralSecurityException.class, () -> seal(new byte[256 * 1024 + 1], ad, alice));
        // a body whose ciphertext part is one byte above the cap is refused before any decryption
        byte[] oversized = Mutations.concat(seal(largest, ad, alice), new byte[1]);
        assertOpenFails(oversized, alice, ad);
    }

    @Test
    void changingAnotherRecipientsEntryFailsForEveryone() throws GeneralSecurityException {
        byte[] sealed = seal(Mutations.pseudoRandom(300, 1), ad, alice, bob);
        int bobEntry = entry(1);
        for (int offset : new int[] {bobEntry, bobEntry + 15, bobEntry + 16, bobEntry + 16 + 31, bobEntry + 48,
                bobEntry + 48 + 1087, bobEntry + ENTRY - 48, bobEntry + ENTRY - 1}) {
            byte[] tampered = sealed.clone();
            tampered[offset] ^= 0x01;
            assertOpenFails(tampered, alice, ad);
        }
    }

    @Test
    void changingAnyFieldOfTheOwnEntryFails() throws GeneralSecurityException {
        byte[] sealed = seal(Mutations.pseudoRandom(300, 11), ad, alice, bob);
        int own = entry(1);
        for (int offset : new int[] {own + 16, own + 47, own + 48, own + 600, own + 48 + 1087, own + ENTRY - 48,
                own + ENTRY - 17, own + ENTRY - 1}) {
            byte[] tampered = sealed.clone();
            tampered[offset] ^= (byte) 0x80;
            GeneralSecurityException e = assertThrows(GeneralSecurityException.class, () -> open(tampered, bob, ad));
            assertEquals(FAILED, e.getMessage());
        }
    }

    @Test
    void authenticationFailuresAllReadTheSame() throws GeneralSecurityException {
        byte[] sealed = seal(Mutations.pseudoRandom(300, 12), ad, alice);
        int header = headerLength(1);
        Set<String> messages = new HashSet<>();
        for (byte[] tampered : List.of(Mutations.flipBit(sealed, 8 * (entry(0) + 100)),
                Mutations.flipBit(sealed, 8 * (entry(0) + ENTRY - 1)), Mutations.flipBit(sealed, 8 * (header - 1)),
                Mutations.flipBit(sealed, 8 * (sealed.length - 1)))) {
            messages.add(assertThrows(GeneralSecurityException.class, () -> open(tampered, alice, ad)).getMessage());
        }
        messages.add(assertThrows(GeneralSecurityException.class, () -> open(sealed, alice, new byte[0])).getMessage());
        assertEquals(Set.of(FAILED), messages);
    }

    @Test
    void lowOrderEphemeralKeysFail() throws GeneralSecurityException {
        byte[] sealed = seal(Mutations.pseudoRandom(50, 13), ad, alice);
        byte[] zero = sealed.clone();
        Arrays.fill(zero, entry(0) + 16, entry(0) + 48, (byte) 0);
        assertOpenFails(zero, alice, ad);
        byte[] one = zero.clone();
        one[entry(0) + 16] = 1;
        assertOpenFails(one, alice, ad);
    }

    @Test
    void removingReorderingOrAddingRecipientsFails() throws GeneralSecurityException {
        byte[] sealed = seal(Mutations.pseudoRandom(300, 2), ad, alice, bob);
        byte[] removed = Mutations.cut(sealed, entry(1), ENTRY);
        removed[2] = 1;
        assertOpenFails(removed, alice, ad);
        byte[] swapped = Mutations.move(Mutations.move(sealed, entry(0), entry(1), ENTRY), entry(1), entry(0), ENTRY);
        assertOpenFails(swapped, alice, ad);
        assertOpenFails(swapped, bob, ad);
        byte[] forCarol = seal(new byte[1], ad, carol);
        byte[] added = Mutations.concat(Arrays.copyOf(sealed, entry(2)), Arrays.copyOfRange(forCarol, 3, 3 + ENTRY),
                Arrays.copyOfRange(sealed, entry(2), sealed.length));
        added[2] = 3;
        assertOpenFails(added, alice, ad);
        assertOpenFails(added, carol, ad);
    }

    @Test
    void wrappedKeysCannotBeMovedBetweenEntries() throws GeneralSecurityException {
        byte[] sealed = seal(Mutations.pseudoRandom(300, 14), ad, alice, bob);
        int aliceWrapped = entry(0) + ENTRY - WRAPPED;
        int bobWrapped = entry(1) + ENTRY - WRAPPED;
        assertOpenFails(Mutations.move(sealed, bobWrapped, aliceWrapped, WRAPPED), alice, ad);
        // a whole entry copied to another position keeps its key id but not its index
        byte[] single = seal(Mutations.pseudoRandom(300, 14), ad, bob);
        byte[] moved = Mutations.move(sealed, entry(0), entry(1), ENTRY);
        System.arraycopy(single, entry(0), moved, entry(0), ENTRY);
        assertOpenFails(moved, alice, ad);
    }

    @Test
    void splicingFromAnotherMessageWithTheSameAssociatedDataFails() throws GeneralSecurityException {
        byte[] first = seal(Mutations.pseudoRandom(300, 3), ad, alice);
        byte[] second = seal(Mutations.pseudoRandom(300, 4), ad, alice);
        int header = headerLength(1);
        assertOpenFails(Mutations.splice(first, second, 3, ENTRY), alice, ad);
        assertOpenFails(Mutations.splice(first, second, 3 + 16, 32), alice, ad);
        assertOpenFails(Mutations.splice(first, second, 3 + 48, 1088), alice, ad);
        assertOpenFails(Mutations.splice(first, second, 3 + ENTRY - WRAPPED, WRAPPED), alice, ad);
        assertOpenFails(Mutations.splice(first, second, header - 12, 12), alice, ad);
        assertOpenFails(Mutations.splice(first, second, header, first.length - header), alice, ad);
    }

    @Test
    void unsupportedVersionAndAbsurdCountsFail() throws GeneralSecurityException {
        byte[] sealed = seal(new byte[10], ad, alice);
        for (int version : new int[] {0, 2, 0xff}) {
            byte[] changed = sealed.clone();
            changed[0] = (byte) version;
            GeneralSecurityException e = assertThrows(GeneralSecurityException.class, () -> open(changed, alice, ad));
            assertTrue(e.getMessage().contains("version"), e.getMessage());
        }
        for (int count : new int[] {0, 2, 257, 0xffff}) {
            byte[] changed = sealed.clone();
            changed[1] = (byte) (count >>> 8);
            changed[2] = (byte) count;
            assertOpenFails(changed, alice, ad);
            assertOpenFails(Arrays.copyOf(changed, 3), alice, ad);
        }
    }

    @Test
    void duplicateRecipientKeysAreRefused() throws GeneralSecurityException {
        assertThrows(GeneralSecurityException.class, () -> seal(new byte[1], ad, bob, alice, bob));
        byte[] sealed = seal(new byte[1], ad, alice, bob);
        byte[] duplicated = Mutations.move(sealed, entry(0), entry(1), 16);
        GeneralSecurityException e = assertThrows(GeneralSecurityException.class, () -> open(duplicated, alice, ad));
        assertTrue(e.getMessage().contains("duplicate"), e.getMessage());
    }

    @Test
    void nonceAndEncapsulationsAreFreshForEveryMessage() throws GeneralSecurityException {
        Set<ByteBuffer> nonces = new HashSet<>();
        Set<ByteBuffer> ephemerals = new HashSet<>();
        Set<ByteBuffer> ciphertexts = new HashSet<>();
        Set<ByteBuffer> wrapped = new HashSet<>();
        int header = headerLength(1);
        for (int i = 0; i < 100; i++) {
            byte[] sealed = seal(new byte[16], ad, alice);
            assertTrue(nonces.add(ByteBuffer.wrap(Arrays.copyOfRange(sealed, header - 12, header))), "nonce repeated");
            assertTrue(ephemerals.add(ByteBuffer.wrap(Arrays.copyOfRange(sealed, 19, 51))), "ephemeral repeated");
            assertTrue(ciphertexts.add(ByteBuffer.wrap(Arrays.copyOfRange(sealed, 51, 51 + 1088))), "ML-KEM repeated");
            assertTrue(wrapped.add(ByteBuffer.wrap(Arrays.copyOfRange(sealed, header - 12 - 48, header - 12))),
                    "wrapped key repeated");
        }
    }

    @Test
    void theServiceLoaderFindsTheScheme() {
        boolean found = java.util.ServiceLoader.load(CryptoScheme.class, X25519MlKem768Scheme.class.getClassLoader())
                .stream().anyMatch(provider -> provider.type() == X25519MlKem768Scheme.class);
        assertTrue(found, "META-INF/services must register " + X25519MlKem768Scheme.class.getName());
    }
}
