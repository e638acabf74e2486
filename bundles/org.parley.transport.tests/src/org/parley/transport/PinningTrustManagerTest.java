package org.parley.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Optional;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import org.junit.jupiter.api.Test;

class PinningTrustManagerTest {

    private static final String RELAY = "relay.example:8765";

    private final InMemoryCertificatePinStore store = new InMemoryCertificatePinStore();

    @Test
    void fingerprintIsLowerCaseHexOfSha256OverTheDerCertificate() throws Exception {
        X509Certificate cert = TestCertificates.ONE.certificate();
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        assertEquals(expected, Fingerprints.sha256Hex(cert));
        assertTrue(expected.matches("[0-9a-f]{64}"));
    }

    @Test
    void firstCertificateIsPinnedAndAcceptedAgain() throws Exception {
        PinningTrustManager first = manager(Optional.empty());
        first.checkServerTrusted(chain(TestCertificates.ONE), "ECDHE_ECDSA");
        assertEquals(Optional.of(TestCertificates.ONE.fingerprint()), store.lookup(RELAY));
        assertEquals(Optional.of(TestCertificates.ONE.fingerprint()), first.acceptedFingerprint());

        PinningTrustManager again = manager(Optional.empty());
        again.checkServerTrusted(chain(TestCertificates.ONE), "ECDHE_ECDSA");
        assertEquals(Optional.of(TestCertificates.ONE.fingerprint()), again.acceptedFingerprint());
    }

    @Test
    void changedCertificateIsRejectedWithBothFingerprintsAndAdvice() throws Exception {
        store.save(RELAY, TestCertificates.ONE.fingerprint());
        PinningTrustManager manager = manager(Optional.empty());

        CertificatePinException e = assertThrows(CertificatePinException.class,
                () -> manager.checkServerTrusted(chain(TestCertificates.TWO), "ECDHE_ECDSA"));

        assertEquals(TestCertificates.ONE.fingerprint(), e.pinned());
        assertEquals(TestCertificates.TWO.fingerprint(), e.presented());
        String message = e.getMessage();
        assertTrue(message.contains("relay.example:8765 has changed"), message);
        assertTrue(message.contains("pinned:    " + TestCertificates.ONE.fingerprint()), message);
        assertTrue(message.contains("presented: " + TestCertificates.TWO.fingerprint()), message);
        assertTrue(message.contains("remove the pin for relay.example:8765 from memory"), message);
        assertEquals(Optional.of(TestCertificates.ONE.fingerprint()), store.lookup(RELAY), "pin unchanged");
        assertEquals(Optional.empty(), manager.acceptedFingerprint());
    }

    @Test
    void explicitFingerprintOverridesTrustOnFirstUse() throws Exception {
        String pasted = TestCertificates.TWO.fingerprint().toUpperCase().replaceAll("(..)(?!$)", "$1:");
        store.save(RELAY, TestCertificates.ONE.fingerprint());
        manager(Optional.of(pasted)).checkServerTrusted(chain(TestCertificates.TWO), "ECDHE_ECDSA");
        assertEquals(Optional.of(TestCertificates.TWO.fingerprint()), store.lookup(RELAY), "explicit pin recorded");

        CertificatePinException e = assertThrows(CertificatePinException.class, () -> manager(Optional.of(pasted))
                .checkServerTrusted(chain(TestCertificates.ONE), "ECDHE_ECDSA"));
        assertTrue(e.getMessage().contains("does not match the fingerprint given"), e.getMessage());
    }

    @Test
    void refusesEmptyChainsAndClientChecks() {
        PinningTrustManager manager = manager(Optional.empty());
        assertThrows(CertificateException.class, () -> manager.checkServerTrusted(new X509Certificate[0], "RSA"));
        assertThrows(CertificateException.class, () -> manager.checkClientTrusted(chain(TestCertificates.ONE), "RSA"));
        assertEquals(0, manager.getAcceptedIssuers().length);
    }

    @Test
    void storeFailureRefusesTheCertificate() {
        CertificatePinStore broken = new CertificatePinStore() {
            @Override
            public Optional<String> lookup(String hostPort) throws java.io.IOException {
                throw new java.io.IOException("disk on fire");
            }

            @Override
            public void save(String hostPort, String fingerprint) {
            }

            @Override
            public void remove(String hostPort) {
            }

            @Override
            public String describe() {
                return "broken";
            }
        };
        CertificateException e = assertThrows(CertificateException.class, () -> new PinningTrustManager(broken, RELAY,
                Optional.empty()).checkServerTrusted(chain(TestCertificates.ONE), "ECDHE_ECDSA"));
        assertTrue(e.getMessage().contains("disk on fire"));
    }

    @Test
    void normalizeAcceptsPastedFormsAndRejectsGarbage() throws Exception {
        String fp = TestCertificates.ONE.fingerprint();
        assertEquals(fp, Fingerprints.normalize(fp.toUpperCase()));
        assertEquals(fp, Fingerprints.normalize(fp.replaceAll("(..)(?!$)", "$1:")));
        assertThrows(IllegalArgumentException.class, () -> Fingerprints.normalize("abc"));
        assertEquals("[::1]:8765", Fingerprints.hostPort("::1", 8765));
        assertEquals("relay.example:1", Fingerprints.hostPort("Relay.Example", 1));
    }

    @Test
    void aCertificateTheAuthoritiesTrustIsAcceptedWithoutAPinAndOthersFallBackToPins() throws Exception {
        PinningTrustManager caSigned = new PinningTrustManager(store, RELAY, Optional.empty(), authoritiesTrusting(TestCertificates.ONE));
        caSigned.checkServerTrusted(chain(TestCertificates.ONE), "ECDHE_ECDSA");
        assertEquals(Optional.of(TestCertificates.ONE.fingerprint()), caSigned.acceptedFingerprint());
        assertEquals(Optional.empty(), store.lookup(RELAY), "a CA-validated certificate may be renewed: no pin");

        PinningTrustManager selfSigned = new PinningTrustManager(store, RELAY, Optional.empty(), authoritiesTrusting(TestCertificates.ONE));
        selfSigned.checkServerTrusted(chain(TestCertificates.TWO), "ECDHE_ECDSA");
        assertEquals(Optional.of(TestCertificates.TWO.fingerprint()), store.lookup(RELAY), "unknown to the CAs: pinned");
    }

    @Test
    void anExplicitFingerprintWinsOverTheAuthorities() throws Exception {
        PinningTrustManager manager = new PinningTrustManager(store, RELAY, Optional.of(TestCertificates.TWO.fingerprint()),
                authoritiesTrusting(TestCertificates.ONE));
        assertThrows(CertificatePinException.class, () -> manager.checkServerTrusted(chain(TestCertificates.ONE), "ECDHE_ECDSA"));
    }

    private static Optional<X509ExtendedTrustManager> authoritiesTrusting(TestCertificates c) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", c.certificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(trusted);
        return Optional.of((X509ExtendedTrustManager) factory.getTrustManagers()[0]);
    }

    private PinningTrustManager manager(Optional<String> expected) {
        return new PinningTrustManager(store, RELAY, expected);
    }

    private static X509Certificate[] chain(TestCertificates c) throws Exception {
        return new X509Certificate[] { c.certificate() };
    }
}
