package org.parley.crypto.rsa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.parley.crypto.api.CryptoScheme;
import org.parley.crypto.api.Recipient;
import org.parley.crypto.api.SchemeState;
import org.parley.crypto.api.SealRequest;
import org.parley.crypto.testkit.CryptoSchemeContractTest;
import org.parley.crypto.testkit.Mutations;

/** Contract plus layout-specific attacks on chunks, counts and sections (PROTOCOL.md §5.1). */
class RsaOaepChunkedSchemeTest extends CryptoSchemeContractTest {

    private static final int HEADER = 21;
    private static final int BLOCK = 256;
    /** Chunk i of section s in a message with c chunks per section. */
    private static int chunkAt(int section, int chunks, int index) {
        return HEADER + section * (16 + chunks * BLOCK) + 16 + index * BLOCK;
    }

    @Override
    protected CryptoScheme newScheme() {
        return new RsaOaepChunkedScheme();
    }

    @Test
    void layoutMatchesTheSpecification() throws GeneralSecurityException {
        byte[] sealed = seal(new byte[400], ad, alice, bob);
        assertEquals(HEADER + 2 * (16 + 3 * BLOCK), sealed.length);
        assertEquals(1, sealed[0]);
        assertEquals(3, ((sealed[17] & 0xff) << 8) | (sealed[18] & 0xff));
        assertEquals(2, ((sealed[19] & 0xff) << 8) | (sealed[20] & 0xff));
        byte[] bobId = Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(bob.publicKey()), 16);
        assertArrayEquals(bobId, Arrays.copyOfRange(sealed, HEADER + 16 + 3 * BLOCK, HEADER + 32 + 3 * BLOCK));
        assertEquals(HEADER + 16 + BLOCK, seal(new byte[0], ad, alice).length);
        assertEquals(HEADER + 16 + BLOCK, seal(new byte[190], ad, alice).length);
        assertEquals(HEADER + 16 + 2 * BLOCK, seal(new byte[191], ad, alice).length);
    }

    @Test
    void tamperingWithAnyChunkFails() throws GeneralSecurityException {
        byte[] sealed = seal(new byte[500], ad, alice);
        for (int index = 0; index < 3; index++) {
            byte[] tampered = sealed.clone();
            tampered[chunkAt(0, 3, index) + 100] ^= 0x01;
            assertOpenFails(tampered, alice, ad);
        }
    }

    @Test
    void reorderingChunksFails() throws GeneralSecurityException {
        byte[] sealed = seal(Mutations.pseudoRandom(500, 1), ad, alice);
        byte[] swapped = Mutations.move(Mutations.move(sealed, chunkAt(0, 3, 0), chunkAt(0, 3, 1), BLOCK),
                chunkAt(0, 3, 1), chunkAt(0, 3, 0), BLOCK);
        assertOpenFails(swapped, alice, ad);
    }

    @Test
    void droppingAChunkFails() throws GeneralSecurityException {
        byte[] sealed = seal(Mutations.pseudoRandom(500, 2), ad, alice);
        for (int index = 0; index < 3; index++) {
            byte[] dropped = Mutations.cut(sealed, chunkAt(0, 3, index), BLOCK);
            dropped[18] = 2;
            assertOpenFails(dropped, alice, ad);
        }
    }

    @Test
    void duplicatingAChunkFails() throws GeneralSecurityException {
        byte[] sealed = seal(Mutations.pseudoRandom(500, 3), ad, alice);
        assertOpenFails(Mutations.move(sealed, chunkAt(0, 3, 0), chunkAt(0, 3, 1), BLOCK), alice, ad);
        byte[] extended = Mutations.concat(sealed, Arrays.copyOfRange(sealed, chunkAt(0, 3, 2), chunkAt(0, 3, 3)));
        extended[18] = 4;
        assertOpenFails(extended, alice, ad);
    }

    @Test
    void splicingFromAnotherMessageFailsEvenWithTheSameAssociatedData() throws GeneralSecurityException {
        byte[] first = seal(Mutations.pseudoRandom(500, 4), ad, alice);
        byte[] second = seal(Mutations.pseudoRandom(500, 5), ad, alice);
        byte[] third = seal(Mutations.pseudoRandom(500, 6), associatedData("msg-9", "alice"), alice);
        for (byte[] other : List.of(second, third)) {
            for (int index = 0; index < 3; index++) {
                assertOpenFails(Mutations.splice(first, other, chunkAt(0, 3, index), BLOCK), alice, ad);
            }
            assertOpenFails(Mutations.splice(first, other, 1, 16), alice, ad);
        }
    }

    @Test
    void eachRecipientSeesTamperingInItsOwnSection() throws GeneralSecurityException {
        byte[] plaintext = Mutations.pseudoRandom(300, 7);
        byte[] tampered = seal(plaintext, ad, alice, bob);
        tampered[chunkAt(1, 2, 1) + 7] ^= 0x40;
        assertOpenFails(tampered, bob, ad);
        // Sections are independent by design: alice's own section is intact.
        assertArrayEquals(plaintext, open(tampered, alice, ad));
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
        for (int offset : new int[] {17, 19}) {
            for (int count : new int[] {0, 2, 1381, 0xffff}) {
                byte[] changed = sealed.clone();
                changed[offset] = (byte) (count >>> 8);
                changed[offset + 1] = (byte) count;
                assertOpenFails(changed, alice, ad);
                assertOpenFails(Arrays.copyOf(changed, HEADER), alice, ad);
            }
        }
    }

    @Test
    void duplicateRecipientKeysAreRefused() throws GeneralSecurityException {
        assertThrows(GeneralSecurityException.class, () -> seal(new byte[1], ad, alice, bob, alice));
        byte[] sealed = seal(new byte[1], ad, alice, bob);
        byte[] duplicated = Mutations.move(sealed, HEADER, HEADER + 16 + BLOCK, 16);
        GeneralSecurityException e = assertThrows(GeneralSecurityException.class, () -> open(duplicated, bob, ad));
        assertTrue(e.getMessage().contains("duplicate"), e.getMessage());
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
