package org.parley.crypto.hybrid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.parley.crypto.api.CryptoScheme;
import org.parley.crypto.api.Recipient;
import org.parley.crypto.api.SchemeState;
import org.parley.crypto.api.SealRequest;
import org.parley.crypto.testkit.CryptoSchemeContractTest;
import org.parley.crypto.testkit.Mutations;

/** Contract plus attacks on the recipient entries, nonce and ciphertext (PROTOCOL.md §5.2). */
class RsaOaepAesGcmSchemeTest extends CryptoSchemeContractTest {

    private static final int ENTRY = 16 + 256;

    private static int headerLength(int recipients) {
        return 3 + recipients * ENTRY + 12;
    }

    @Override
    protected CryptoScheme newScheme() {
        return new RsaOaepAesGcmScheme();
    }

    @Test
    void layoutMatchesTheSpecification() throws GeneralSecurityException {
        byte[] sealed = seal(new byte[400], ad, alice, bob);
        assertEquals(headerLength(2) + 400 + 16, sealed.length);
        assertEquals(1, sealed[0]);
        assertEquals(2, ((sealed[1] & 0xff) << 8) | (sealed[2] & 0xff));
        byte[] bobId = Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(bob.publicKey()), 16);
        assertArrayEquals(bobId, Arrays.copyOfRange(sealed, 3 + ENTRY, 3 + ENTRY + 16));
        assertEquals(headerLength(1) + 16, seal(new byte[0], ad, alice).length);
    }

    @Test
    void changingAnotherRecipientsEntryFailsForEveryone() throws GeneralSecurityException {
        byte[] sealed = seal(Mutations.pseudoRandom(300, 1), ad, alice, bob);
        for (int offset : new int[] {3 + ENTRY, 3 + ENTRY + 15, 3 + ENTRY + 16, 3 + 2 * ENTRY - 1}) {
            byte[] tampered = sealed.clone();
            tampered[offset] ^= 0x01;
            assertOpenFails(tampered, alice, ad);
        }
    }

    @Test
    void removingReorderingOrAddingRecipientsFails() throws GeneralSecurityException {
        byte[] sealed = seal(Mutations.pseudoRandom(300, 2), ad, alice, bob);
        byte[] removed = Mutations.cut(sealed, 3 + ENTRY, ENTRY);
        removed[2] = 1;
        assertOpenFails(removed, alice, ad);
        byte[] swapped = Mutations.move(Mutations.move(sealed, 3, 3 + ENTRY, ENTRY), 3 + ENTRY, 3, ENTRY);
        assertOpenFails(swapped, alice, ad);
        assertOpenFails(swapped, bob, ad);
        byte[] forCarol = seal(new byte[1], ad, carol);
        byte[] added = Mutations.concat(Arrays.copyOf(sealed, 3 + 2 * ENTRY), Arrays.copyOfRange(forCarol, 3, 3 + ENTRY),
                Arrays.copyOfRange(sealed, 3 + 2 * ENTRY, sealed.length));
        added[2] = 3;
        assertOpenFails(added, alice, ad);
        assertOpenFails(added, carol, ad);
    }

    @Test
    void splicingFromAnotherMessageWithTheSameAssociatedDataFails() throws GeneralSecurityException {
        byte[] first = seal(Mutations.pseudoRandom(300, 3), ad, alice);
        byte[] second = seal(Mutations.pseudoRandom(300, 4), ad, alice);
        int header = headerLength(1);
        assertOpenFails(Mutations.splice(first, second, 3, ENTRY), alice, ad);
        assertOpenFails(Mutations.splice(first, second, header - 12, 12), alice, ad);
        assertOpenFails(Mutations.splice(first, second, header, first.length - header), alice, ad);
        assertOpenFails(Mutations.splice(first, second, header + 64, 16), alice, ad);
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
        byte[] duplicated = Mutations.move(sealed, 3, 3 + ENTRY, 16);
        GeneralSecurityException e = assertThrows(GeneralSecurityException.class, () -> open(duplicated, alice, ad));
        assertTrue(e.getMessage().contains("duplicate"), e.getMessage());
    }

    @Test
    void noncesAndWrappedKeysAreFreshForEveryMessage() throws GeneralSecurityException {
        Set<ByteBuffer> nonces = new HashSet<>();
        Set<ByteBuffer> wrappedKeys = new HashSet<>();
        int header = headerLength(1);
        for (int i = 0; i < 200; i++) {
            byte[] sealed = seal(new byte[16], ad, alice);
            assertTrue(nonces.add(ByteBuffer.wrap(Arrays.copyOfRange(sealed, header - 12, header))), "nonce repeated");
            assertTrue(wrappedKeys.add(ByteBuffer.wrap(Arrays.copyOfRange(sealed, 19, 19 + 256))), "key repeated");
        }
    }

    @Test
    void keysOtherThanRsa2048AreRefused() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        byte[] small = generator.generateKeyPair().getPublic().getEncoded();
        byte[] ec = KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic().getEncoded();
        for (byte[] key : List.of(small, ec)) {
            assertThrows(GeneralSecurityException.class, () -> scheme.seal(
                    new SealRequest(new byte[1], List.of(new Recipient("x", key)), ad), SchemeState.NONE));
        }
    }
}
