package org.parley.chat.internal.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.parley.chat.internal.history.HistoryFixtures.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.parley.crypto.api.SecretAccess;
import org.parley.identity.Ed25519;
import org.parley.identity.Identity;

class HistoryKeysTest {

    /** RFC 5869 HKDF-SHA256, written out independently of the implementation under test. */
    private static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] prk = mac.doFinal(ikm);
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        byte[] out = new byte[length];
        byte[] t = new byte[0];
        for (int i = 0, done = 0; done < length; i++) {
            mac.update(t);
            mac.update(info);
            mac.update((byte) (i + 1));
            t = mac.doFinal();
            System.arraycopy(t, 0, out, done, Math.min(t.length, length - done));
            done += t.length;
        }
        return out;
    }

    @Test
    void ourHkdfMatchesRfc5869TestCase1() throws Exception {
        HexFormat hex = HexFormat.of();
        byte[] okm = hkdf(hex.parseHex("000102030405060708090a0b0c"), hex.parseHex("0b".repeat(22)),
                hex.parseHex("f0f1f2f3f4f5f6f7f8f9"), 42);
        assertEquals("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865", hex.formatHex(okm));
    }

    @Test
    void storageKeysAreHkdfOfTheIdentitySeedWithTheDocumentedSaltAndLabel() throws Exception {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) 7);
        Identity identity = new Identity("alice", 0, Ed25519.fromSeed(seed), new TreeMap<>());
        for (String label : new String[] { HistoryKeys.SEAL_LABEL, HistoryKeys.LOOKUP_LABEL }) {
            byte[] expected = hkdf("parley identity storage keys".getBytes(StandardCharsets.UTF_8), seed,
                    label.getBytes(StandardCharsets.UTF_8), 32);
            assertArrayEquals(expected, identity.storageKey(label).toByteArray(SecretAccess.get()), label);
        }
        assertFalse(Arrays.equals(identity.storageKey(HistoryKeys.SEAL_LABEL).toByteArray(SecretAccess.get()),
                identity.storageKey(HistoryKeys.LOOKUP_LABEL).toByteArray(SecretAccess.get())));
        assertThrows(IllegalArgumentException.class, () -> identity.storageKey(""));
    }

    @Test
    void sealedValuesOpenOnlyWithTheSameKeyAndAssociatedData() throws Exception {
        Identity alice = identity("alice");
        HistoryKeys keys = HistoryKeys.of(alice);
        byte[] ad = { 1, 2, 3 };
        byte[] sealed = keys.seal("hello".getBytes(StandardCharsets.UTF_8), ad);
        assertEquals(HistoryKeys.NONCE_BYTES + 5 + 16, sealed.length);
        assertEquals("hello", new String(keys.open(sealed, ad), StandardCharsets.UTF_8));
        assertFalse(Arrays.equals(sealed, keys.seal("hello".getBytes(StandardCharsets.UTF_8), ad)), "fresh nonces");
        assertThrows(GeneralSecurityException.class, () -> keys.open(sealed, new byte[] { 1, 2, 4 }));
        assertThrows(GeneralSecurityException.class, () -> HistoryKeys.of(identity("alice")).open(sealed, ad));
        assertThrows(GeneralSecurityException.class, () -> keys.open(Arrays.copyOf(sealed, 10), ad));
        byte[] flipped = sealed.clone();
        flipped[HistoryKeys.NONCE_BYTES] ^= 1;
        assertThrows(GeneralSecurityException.class, () -> keys.open(flipped, ad));
    }

    @Test
    void tagsAreStablePerIdentityAndUnambiguous() throws Exception {
        Identity alice = identity("alice");
        HistoryKeys keys = HistoryKeys.of(alice);
        assertEquals(keys.tag("conversation", "bob"), HistoryKeys.of(alice).tag("conversation", "bob"));
        assertEquals(32, keys.tag("conversation", "bob").length());
        assertNotEquals(keys.tag("conversation", "bob"), HistoryKeys.of(identity("alice")).tag("conversation", "bob"));
        assertNotEquals(keys.tag("message", "ab", "c"), keys.tag("message", "a", "bc"));
        assertNotEquals(keys.tag("conversation", "bob"), keys.tag("message", "bob"));
    }
}
