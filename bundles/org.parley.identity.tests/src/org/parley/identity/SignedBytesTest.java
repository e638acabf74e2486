package org.parley.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** The signed byte strings of PROTOCOL.md §4.1-4.3, against vectors built independently (Python). */
class SignedBytesTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void authBytes() {
        byte[] nonce = new byte[32];
        for (int i = 0; i < 32; i++) {
            nonce[i] = (byte) i;
        }
        assertEquals("7061726c65792d617574682d76320000000005616c69636500000020000102030405060708090a0b0c0d0e0f1011121314"
                + "15161718191a1b1c1d1e1f00000040" + "6162".repeat(32),
                HEX.formatHex(SignedBytes.auth("alice", nonce, "ab".repeat(32))));
    }

    @Test
    void bundleBytesSortSchemeIds() {
        Map<String, byte[]> keys = new TreeMap<>(java.util.Comparator.reverseOrder());
        keys.put("b-scheme", new byte[] { 3 });
        keys.put("a-scheme", new byte[] { 1, 2 });
        assertEquals("7061726c65792d62756e646c652d76320000000005616c6963650000002c302a300506032b6570032100d75a980182b10a"
                + "b7d54bfed3c964073a0ee172f3daa62325af021a68f707511a000001a1ee565e000000000200000008612d736368656d65"
                + "00000002010200000008622d736368656d650000000103",
                HEX.formatHex(SignedBytes.bundle("alice", FingerprintsTest.KEY_1, 1795000000000L, keys)));
    }

    @Test
    void envelopeBytesSortRecipients() {
        assertEquals("7061726c65792d656e76656c6f70652d76320000000005616c696365000000026d31000000107273612d6f6165702d6165"
                + "732d67636d010000000200000003626f62000000056361726f6c000001a1ee565e6400000003010001",
                HEX.formatHex(SignedBytes.envelope("alice", "m1", "rsa-oaep-aes-gcm", true, List.of("carol", "bob"),
                        1795000000100L, new byte[] { 1, 0, 1 })));
    }

    @Test
    void signedBundlesVerifyAndAnyChangeBreaksThem() throws Exception {
        IdentityKeyPair alice = Ed25519.generate();
        SignedKeyBundle bundle = SignedKeyBundle.sign("alice", alice, Map.of("s", new byte[] { 1 }), 42);
        bundle.verify();
        TreeMap<String, byte[]> otherKeys = new TreeMap<>(Map.of("s", new byte[] { 2 }));
        List<SignedKeyBundle> forged = List.of(
                new SignedKeyBundle("mallory", bundle.identityKey(), bundle.keys(), 42, bundle.signature()),
                new SignedKeyBundle("alice", bundle.identityKey(), otherKeys, 42, bundle.signature()),
                new SignedKeyBundle("alice", bundle.identityKey(), bundle.keys(), 43, bundle.signature()),
                new SignedKeyBundle("alice", Ed25519.generate().publicKey(), bundle.keys(), 42, bundle.signature()));
        for (SignedKeyBundle f : forged) {
            assertThrows(GeneralSecurityException.class, f::verify);
        }
    }
}
