package org.parley.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** Identity fingerprints and safety numbers (PROTOCOL.md §4.6); vectors computed independently (Python). */
class FingerprintsTest {

    static final byte[] KEY_1 = HexFormat.of().parseHex(
            "302a300506032b6570032100d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    static final byte[] KEY_2 = HexFormat.of().parseHex(
            "302a300506032b65700321003d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");

    @Test
    void fingerprintVector() {
        assertEquals("06e3 fd8f da29 bb60 ab59 557d e61e db0a ecdb 2311 34be 30e7 5b45 5f8e 1b79 2fa9",
                IdentityFingerprint.of(KEY_1));
    }

    @Test
    void safetyNumberVector() {
        assertEquals("70877 32839 38571 17849 96605 33933 72644 98767 41180 52625 72416 54550",
                SafetyNumber.of("alice", KEY_1, "bob", KEY_2));
    }

    @Test
    void safetyNumberIsSymmetricAndDependsOnNamesAndKeys() {
        String ab = SafetyNumber.of("alice", KEY_1, "bob", KEY_2);
        assertEquals(ab, SafetyNumber.of("bob", KEY_2, "alice", KEY_1));
        assertTrue(ab.matches("([0-9]{5} ){11}[0-9]{5}"), ab);
        assertNotEquals(ab, SafetyNumber.of("alice", KEY_1, "bob", Ed25519.generate().publicKey()));
        assertNotEquals(ab, SafetyNumber.of("alice", KEY_1, "bobby", KEY_2));
    }
}
