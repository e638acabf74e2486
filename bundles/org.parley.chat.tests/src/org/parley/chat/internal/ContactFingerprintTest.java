package org.parley.chat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.parley.protocol.Bytes;

class ContactFingerprintTest {

    @Test
    void followsTheDocumentedRule() throws Exception {
        // "parley-keys-v1" || 0x01 "a" 00000002 0102 || 0x02 "bb" 00000001 ff, ids in ascending order
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(HexFormat.of().parseHex("7061726c65792d6b6579732d7631" + "01" + "61" + "00000002" + "0102"
                + "02" + "6262" + "00000001" + "ff"));
        String hex = HexFormat.of().formatHex(sha.digest());

        Map<String, Bytes> keys = new LinkedHashMap<>();
        keys.put("bb", Bytes.of(new byte[] { -1 }));
        keys.put("a", Bytes.of(new byte[] { 1, 2 }));
        String fingerprint = ContactFingerprint.of(keys);

        assertEquals(hex, fingerprint.replace(" ", ""));
        assertTrue(fingerprint.matches("([0-9a-f]{4} ){15}[0-9a-f]{4}"), fingerprint);
    }

    @Test
    void dependsOnEveryKeyByte() {
        String one = ContactFingerprint.of(Map.of("s", Bytes.of(new byte[] { 1, 2 })));
        assertNotEquals(one, ContactFingerprint.of(Map.of("s", Bytes.of(new byte[] { 1, 3 }))));
        assertNotEquals(one, ContactFingerprint.of(Map.of("t", Bytes.of(new byte[] { 1, 2 }))));
    }
}
