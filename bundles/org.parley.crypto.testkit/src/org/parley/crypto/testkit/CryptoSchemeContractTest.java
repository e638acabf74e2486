package org.parley.crypto.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.crypto.api.CryptoScheme;
import org.parley.crypto.api.OpenRequest;
import org.parley.crypto.api.Recipient;
import org.parley.crypto.api.SchemeKeyPair;
import org.parley.crypto.api.SchemeState;
import org.parley.crypto.api.SealRequest;
import org.parley.crypto.api.SecretAccess;
import org.parley.crypto.api.SecretBytes;

/**
 * The behaviour every {@link CryptoScheme} must show, written against the SPI only. A scheme's test
 * class extends this, implements {@link #newScheme()} and adds layout-specific tests, reusing the key
 * pairs generated once per class here (RSA key generation is slow).
 *
 * <p>Every failing {@code open} must throw {@link GeneralSecurityException}: any other exception
 * type fails the test, because callers rely on that one type to reject hostile input.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class CryptoSchemeContractTest {

    protected CryptoScheme scheme;
    protected SchemeKeyPair alice;
    protected SchemeKeyPair bob;
    protected SchemeKeyPair carol;
    /** Never a recipient. */
    protected SchemeKeyPair eve;
    /** Associated data as PROTOCOL.md §4 builds it. */
    protected byte[] ad;

    /** A fresh instance of the scheme under test. */
    protected abstract CryptoScheme newScheme();

    @BeforeAll
    final void createSchemeAndKeys() throws GeneralSecurityException {
        scheme = newScheme();
        alice = scheme.generateKeyPair();
        bob = scheme.generateKeyPair();
        carol = scheme.generateKeyPair();
        eve = scheme.generateKeyPair();
        ad = associatedData("msg-1", "alice");
    }

    protected byte[] associatedData(String messageId, String sender) {
        return ("parley-msg-v1\n" + messageId + "\n" + sender + "\n" + scheme.info().id())
                .getBytes(StandardCharsets.UTF_8);
    }

    protected static Recipient recipient(SchemeKeyPair keyPair) {
        return new Recipient("user-" + Arrays.hashCode(keyPair.publicKey()), keyPair.publicKey());
    }

    protected byte[] seal(byte[] plaintext, byte[] associatedData, SchemeKeyPair... recipients)
            throws GeneralSecurityException {
        List<Recipient> list = Arrays.stream(recipients).map(CryptoSchemeContractTest::recipient).toList();
        return scheme.seal(new SealRequest(plaintext, list, associatedData), SchemeState.NONE);
    }

    protected byte[] open(byte[] sealed, SchemeKeyPair local, byte[] associatedData) throws GeneralSecurityException {
        return scheme.open(new OpenRequest(sealed, "alice", local, associatedData), SchemeState.NONE);
    }

    /** Asserts that opening fails with exactly the checked crypto exception type. */
    protected void assertOpenFails(byte[] sealed, SchemeKeyPair local, byte[] associatedData) {
        assertThrows(GeneralSecurityException.class, () -> open(sealed, local, associatedData));
    }

    @Test
    public void infoIsWellFormed() {
        assertTrue(scheme.info().id().matches("[a-z0-9][a-z0-9-]{0,63}"));
        assertFalse(scheme.info().displayName().isBlank());
    }

    @Test
    public void generatedKeyPairsDiffer() {
        assertFalse(Arrays.equals(alice.publicKey(), bob.publicKey()));
        assertFalse(alice.privateKey().equalsSecretBytes(bob.privateKey()));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 189, 190, 191, 380, 381, 1000, 64 * 1024})
    public void roundTrips(int length) throws GeneralSecurityException {
        byte[] plaintext = Mutations.pseudoRandom(length, length);
        assertArrayEquals(plaintext, open(seal(plaintext, ad, alice), alice, ad));
    }

    @Test
    public void nonAsciiTextRoundTrips() throws GeneralSecurityException {
        byte[] text = "Grüße — 你好 — 🔐".getBytes(StandardCharsets.UTF_8);
        assertEquals("Grüße — 你好 — 🔐", new String(open(seal(text, ad, bob), bob, ad), StandardCharsets.UTF_8));
    }

    @Test
    public void emptyAssociatedDataRoundTrips() throws GeneralSecurityException {
        byte[] plaintext = Mutations.pseudoRandom(300, 7);
        assertArrayEquals(plaintext, open(seal(plaintext, new byte[0], alice), alice, new byte[0]));
    }

    @Test
    public void everyRecipientCanOpenAndNobodyElse() throws GeneralSecurityException {
        byte[] plaintext = Mutations.pseudoRandom(500, 1);
        byte[] sealed = seal(plaintext, ad, alice, bob, carol);
        for (SchemeKeyPair recipient : List.of(alice, bob, carol)) {
            assertArrayEquals(plaintext, open(sealed, recipient, ad));
        }
        assertOpenFails(sealed, eve, ad);
    }

    @Test
    public void privateKeyNotMatchingThePublicKeyCannotOpen() throws GeneralSecurityException {
        byte[] sealed = seal(Mutations.pseudoRandom(200, 2), ad, alice);
        assertOpenFails(sealed, new SchemeKeyPair(alice.publicKey(), eve.privateKey()), ad);
    }

    @Test
    public void wrongAssociatedDataFails() throws GeneralSecurityException {
        byte[] sealed = seal(Mutations.pseudoRandom(200, 3), ad, alice, bob);
        assertOpenFails(sealed, alice, new byte[0]);
        assertOpenFails(sealed, alice, associatedData("msg-2", "alice"));
        assertOpenFails(sealed, bob, associatedData("msg-1", "mallory"));
        assertOpenFails(sealed, alice, Mutations.concat(ad, new byte[1]));
        assertOpenFails(sealed, alice, Arrays.copyOf(ad, ad.length - 1));
    }

    @Test
    public void sealingIsRandomised() throws GeneralSecurityException {
        byte[] plaintext = Mutations.pseudoRandom(100, 4);
        assertFalse(Arrays.equals(seal(plaintext, ad, alice), seal(plaintext, ad, alice)));
    }

    @Test
    public void flippingAnySampledBitFails() throws GeneralSecurityException {
        byte[] sealed = seal(Mutations.pseudoRandom(400, 5), ad, alice);
        for (int bit : Mutations.sampleBits(sealed.length)) {
            assertOpenFails(Mutations.flipBit(sealed, bit), alice, ad);
        }
    }

    @Test
    public void truncatedOrExtendedMessagesFail() throws GeneralSecurityException {
        byte[] sealed = seal(Mutations.pseudoRandom(400, 6), ad, alice);
        for (int length = 0; length < sealed.length; length += length < 64 ? 1 : 13) {
            assertOpenFails(Arrays.copyOf(sealed, length), alice, ad);
        }
        assertOpenFails(Arrays.copyOf(sealed, sealed.length - 1), alice, ad);
        assertOpenFails(Mutations.concat(sealed, new byte[1]), alice, ad);
        assertOpenFails(Mutations.concat(sealed, sealed), alice, ad);
    }

    @Test
    public void randomBytesFail() {
        for (int length : new int[] {0, 1, 2, 3, 16, 21, 100, 287, 300, 805, 4096}) {
            byte[] junk = Mutations.pseudoRandom(length, 1000 + length);
            assertOpenFails(junk, alice, ad);
            if (length > 3) {
                junk[0] = 1;
                junk[1] = (byte) 0xff;
                junk[2] = (byte) 0xff;
                assertOpenFails(junk, alice, ad);
            }
        }
    }

    @Test
    public void malformedRecipientKeysAreRefused() {
        byte[] spki = bob.publicKey();
        for (byte[] key : List.of(new byte[0], Arrays.copyOf(spki, spki.length - 1), Mutations.pseudoRandom(294, 9))) {
            assertThrows(GeneralSecurityException.class, () -> scheme.seal(
                    new SealRequest(new byte[1], List.of(new Recipient("bob", key)), ad), SchemeState.NONE));
        }
    }

    @Test
    public void malformedLocalKeyFails() throws GeneralSecurityException {
        byte[] sealed = seal(new byte[10], ad, alice);
        assertOpenFails(sealed, new SchemeKeyPair(new byte[] {1, 2, 3}, alice.privateKey()), ad);
        assertOpenFails(sealed, new SchemeKeyPair(alice.publicKey(), SecretBytes.copyFrom(new byte[] {1, 2, 3},
                SecretAccess.get())), ad);
    }

    @Test
    public void absurdInputsAreRefused() {
        assertThrows(GeneralSecurityException.class, () -> seal(new byte[16 * 1024 * 1024], ad, alice));
        SchemeKeyPair[] many = Collections.nCopies(100_000, alice).toArray(SchemeKeyPair[]::new);
        assertThrows(GeneralSecurityException.class, () -> seal(new byte[1], ad, many));
    }

    @Test
    public void concurrentUseIsSafe() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int task = 0; task < 8; task++) {
                byte[] plaintext = Mutations.pseudoRandom(300 + task, task);
                results.add(pool.submit(() -> {
                    assertArrayEquals(plaintext, open(seal(plaintext, ad, alice, bob), bob, ad));
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
