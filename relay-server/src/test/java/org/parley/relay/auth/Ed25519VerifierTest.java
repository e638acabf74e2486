package org.parley.relay.auth;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** RFC 8032 §7.1 test vector 2 (one-byte message), and what must not verify. */
class Ed25519VerifierTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SPKI = HEX.parseHex("302a300506032b6570032100"
            + "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
    private static final byte[] MESSAGE = HEX.parseHex("72");
    private static final byte[] SIGNATURE = HEX.parseHex("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
            + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");

    @Test
    void verifiesTheRfcVector() throws GeneralSecurityException {
        Ed25519Verifier.verify(SPKI, MESSAGE, SIGNATURE);
    }

    @Test
    void refusesEveryBitFlipOfSignatureOrMessage() {
        for (int bit = 0; bit < SIGNATURE.length * 8; bit++) {
            byte[] sig = SIGNATURE.clone();
            sig[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThrows(GeneralSecurityException.class, () -> Ed25519Verifier.verify(SPKI, MESSAGE, sig));
        }
        assertThrows(GeneralSecurityException.class, () -> Ed25519Verifier.verify(SPKI, HEX.parseHex("73"), SIGNATURE));
    }

    @Test
    void refusesMalformedKeysAndSignatures() {
        byte[] badPoint = SPKI.clone();
        java.util.Arrays.fill(badPoint, 12, 44, (byte) 0xff);
        assertThrows(GeneralSecurityException.class, () -> Ed25519Verifier.verify(badPoint, MESSAGE, SIGNATURE));
        assertThrows(GeneralSecurityException.class, () -> Ed25519Verifier.verify(new byte[43], MESSAGE, SIGNATURE));
        assertThrows(GeneralSecurityException.class, () -> Ed25519Verifier.verify(SPKI, MESSAGE, new byte[63]));
        assertThrows(GeneralSecurityException.class, () -> Ed25519Verifier.verify(SPKI, MESSAGE, new byte[64]));
    }
}
