package org.parley.relay.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.relay.protocol.KeyBundle;

/** The signed byte strings of PROTOCOL.md §4.1 and §4.2, spelled out byte by byte. */
class SignedBytesTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void authBytes() {
        byte[] nonce = {1, 2, 3};
        String fingerprint = "ab".repeat(32);
        String expected = HEX.formatHex("parley-auth-v2".getBytes()) + "00"
                + "00000002" + HEX.formatHex("al".getBytes())
                + "00000003" + "010203"
                + "00000040" + HEX.formatHex(fingerprint.getBytes());
        assertArrayEquals(HEX.parseHex(expected), SignedBytes.auth("al", nonce, fingerprint));
        assertArrayEquals(HEX.parseHex(HEX.formatHex("parley-auth-v2".getBytes()) + "00" + "00000002"
                + HEX.formatHex("al".getBytes()) + "00000003010203" + "00000000"), SignedBytes.auth("al", nonce, ""),
                "plaintext mode signs an empty fingerprint");
    }

    @Test
    void bundleBytesSortSchemesByByteOrder() {
        byte[] spki = new byte[44];
        spki[43] = 7;
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("zz", Base64.getEncoder().encodeToString(new byte[] {9}));
        keys.put("a-1", Base64.getEncoder().encodeToString(new byte[] {8, 8}));
        KeyBundle bundle = new KeyBundle(Base64.getEncoder().encodeToString(spki), keys, 0x0102030405L, "");
        String expected = HEX.formatHex("parley-bundle-v2".getBytes()) + "00"
                + "00000001" + "62"                              // LP("b")
                + "0000002c" + HEX.formatHex(spki)               // LP(identity)
                + "0000000102030405"                             // u64(created)
                + "00000002"                                     // u32(n)
                + "00000003" + HEX.formatHex("a-1".getBytes()) + "00000002" + "0808"
                + "00000002" + HEX.formatHex("zz".getBytes()) + "00000001" + "09";
        assertArrayEquals(HEX.parseHex(expected), SignedBytes.bundle("b", bundle));
    }
}
