package org.parley.relay.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.relay.RelayConfig;
import org.parley.relay.RelayServer;

/** DESIGN.md §4: TLS 1.3, or TLS 1.2 with ECDHE + AEAD suites only, checked against the running relay. */
class TlsPolicyTest {
    @TempDir
    static Path dir;
    private static RelayServer relay;
    private static SSLContext client;

    @BeforeAll
    static void start() throws Exception {
        relay = RelayServer.start(RelayConfig.builder(dir).host("127.0.0.1").port(0).build());
        java.security.KeyStore trust = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("relay", relay.certificate().orElseThrow());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    /** Handshakes with only {@code protocol} and {@code suites} enabled; returns the negotiated suite. */
    private static String handshake(String protocol, String... suites) throws Exception {
        try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", relay.port())) {
            s.setSoTimeout(5000);
            s.setEnabledProtocols(new String[] {protocol});
            if (suites.length > 0) {
                s.setEnabledCipherSuites(suites);
            }
            s.startHandshake();
            assertEquals(protocol, s.getSession().getProtocol());
            return s.getSession().getCipherSuite();
        }
    }

    @Test
    void tls13AndTls12WithEcdheAeadAreAccepted() throws Exception {
        assertTrue(handshake("TLSv1.3").startsWith("TLS_AES_") || handshake("TLSv1.3").startsWith("TLS_CHACHA20"));
        assertEquals("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                handshake("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"));
    }

    @Test
    void onlyTls13AndTls12AreEnabled() throws Exception {
        javax.net.ssl.SSLEngine engine = ServerSslContexts.forServer(SelfSignedCertificateStore.loadOrCreate(dir))
                .newEngine(io.netty.buffer.ByteBufAllocator.DEFAULT);
        assertEquals(Set.of("TLSv1.3", "TLSv1.2"), Set.of(engine.getEnabledProtocols()));
        for (String suite : engine.getEnabledCipherSuites()) {
            assertTrue(suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_")
                    || (suite.startsWith("TLS_ECDHE_") && (suite.contains("_GCM_") || suite.contains("CHACHA20"))), suite);
        }
    }

    @Test
    void tls12WithoutAeadOrForwardSecrecyIsRefused() {
        Set<String> supported = Set.of(client.getSupportedSSLParameters().getCipherSuites());
        String[] weak = Arrays.stream(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA"})
                .filter(supported::contains).toArray(String[]::new);
        assertTrue(weak.length > 0, "the JDK offers CBC suites to test with");
        assertThrows(SSLException.class, () -> handshake("TLSv1.2", weak));
    }
}
