package org.parley.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class TlsSetupTest {

    @Test
    void onlyTls13AndForwardSecretAeadTls12Suites() throws Exception {
        assertTrue(TlsSetup.isAllowed("TLS_AES_128_GCM_SHA256"));
        assertTrue(TlsSetup.isAllowed("TLS_CHACHA20_POLY1305_SHA256"));
        assertTrue(TlsSetup.isAllowed("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"));
        assertTrue(TlsSetup.isAllowed("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"));
        assertFalse(TlsSetup.isAllowed("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"));
        assertFalse(TlsSetup.isAllowed("TLS_RSA_WITH_AES_128_GCM_SHA256"), "no forward secrecy");

        TlsSetup setup = new TlsSetup(new PinningTrustManager(new InMemoryCertificatePinStore(), "h:1", Optional.empty()));
        assertArrayEquals(new String[] { "TLSv1.3", "TLSv1.2" }, setup.parameters().getProtocols());
        assertTrue(setup.parameters().getCipherSuites().length > 0);
        assertTrue(Arrays.stream(setup.parameters().getCipherSuites()).allMatch(TlsSetup::isAllowed));
    }

    @Test
    void connectOptionsValidate() {
        InMemoryCertificatePinStore pins = new InMemoryCertificatePinStore();
        ConnectOptions defaults = ConnectOptions.trustOnFirstUse(pins);
        assertFalse(defaults.allowPlaintext());
        assertTrue(defaults.withAllowPlaintext(true).allowPlaintext());
        assertThrows(IllegalArgumentException.class, () -> defaults.withExpectedFingerprint("nope"));
        assertThrows(IllegalArgumentException.class, () -> defaults.withConnectTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> defaults.withMaxMessageBytes(10));
    }
}
