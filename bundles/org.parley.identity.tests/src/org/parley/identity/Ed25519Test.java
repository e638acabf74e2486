package org.parley.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.parley.crypto.api.SecretAccess;

class Ed25519Test {

    private static final HexFormat HEX = HexFormat.of();
    private static final String PKCS8_PREFIX = "302e020100300506032b657004220420";

    /** RFC 8032 §7.1 tests 1-3: secret key, public key, message, signature. */
    private static final String[][] RFC8032 = {
        { "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b" },
        { "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00" },
        { "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
            "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a" },
    };

    @Test
    void rfc8032KnownAnswers() throws Exception {
        for (String[] v : RFC8032) {
            IdentityKeyPair pair = Ed25519.fromSeed(HEX.parseHex(v[0]));
            assertEquals("302a300506032b6570032100" + v[1], HEX.formatHex(pair.publicKey()));
            byte[] message = HEX.parseHex(v[2]);
            byte[] signature = pair.sign(message);
            assertEquals(v[3], HEX.formatHex(signature));
            Ed25519.verify(pair.publicKey(), message, signature);
        }
    }

    @Test
    void verifyRefusesModifiedSignaturesMessagesAndKeys() {
        IdentityKeyPair pair = Ed25519.generate();
        byte[] message = "parley".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] signature = pair.sign(message);
        for (int i = 0; i < signature.length; i++) {
            byte[] bad = signature.clone();
            bad[i] ^= 1;
            assertThrows(GeneralSecurityException.class, () -> Ed25519.verify(pair.publicKey(), message, bad));
        }
        byte[] otherMessage = message.clone();
        otherMessage[0] ^= 1;
        assertThrows(GeneralSecurityException.class, () -> Ed25519.verify(pair.publicKey(), otherMessage, signature));
        assertThrows(GeneralSecurityException.class,
                () -> Ed25519.verify(Ed25519.generate().publicKey(), message, signature));
        assertThrows(GeneralSecurityException.class, () -> Ed25519.verify(new byte[44], message, signature));
        assertThrows(GeneralSecurityException.class,
                () -> Ed25519.verify(pair.publicKey(), message, new byte[63]));
    }

    /** Differential: the JDK's SunEC Ed25519 and Bouncy Castle agree on keys and (deterministic) signatures. */
    @Test
    void agreesWithTheJdkOnRandomMessages() throws Exception {
        SecureRandom random = new SecureRandom();
        KeyFactory factory = KeyFactory.getInstance("Ed25519");
        for (int i = 0; i < 50; i++) {
            IdentityKeyPair ours = Ed25519.generate();
            byte[] seed = ours.privateKey().toByteArray(SecretAccess.get());
            PrivateKey jdkPrivate = factory.generatePrivate(new PKCS8EncodedKeySpec(HEX.parseHex(PKCS8_PREFIX + HEX.formatHex(seed))));
            PublicKey jdkPublic = factory.generatePublic(new X509EncodedKeySpec(ours.publicKey()));
            byte[] message = new byte[random.nextInt(300)];
            random.nextBytes(message);

            Signature jdk = Signature.getInstance("Ed25519");
            jdk.initSign(jdkPrivate);
            jdk.update(message);
            byte[] jdkSignature = jdk.sign();
            assertArrayEquals(jdkSignature, ours.sign(message), "Ed25519 signatures are deterministic");
            Ed25519.verify(ours.publicKey(), message, jdkSignature);
            jdk.initVerify(jdkPublic);
            jdk.update(message);
            assertEquals(true, jdk.verify(ours.sign(message)));
        }
        KeyPair jdkPair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        assertEquals(44, jdkPair.getPublic().getEncoded().length);
        Ed25519.rawPublicKey(jdkPair.getPublic().getEncoded()); // the JDK's SPKI is ours
    }

    @Test
    void keyPairsNeverPrintSecrets() {
        IdentityKeyPair pair = Ed25519.fromSeed(HEX.parseHex(RFC8032[0][0]));
        assertFalse(pair.toString().contains("9d61"), pair.toString());
        assertFalse(pair.toString().toLowerCase().contains(RFC8032[0][0].substring(0, 8)));
    }
}
