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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.parley.relay.RelayConfig;
import org.parley.relay.RelayServer;

/**
 * DESIGN.md §4: TLS 1.3, or TLS 1.2 with ECDHE + AEAD suites only, checked against the running relay on
 * each TLS engine (the JDK's, and OpenSSL where its native library loads).
 */
class TlsPolicyTest {

    @Nested
    class OnJdkEngine extends Policy {
        OnJdkEngine() {
            super(RelayConfig.TlsEngine.JDK);
        }
    }

    @Nested
    class OnOpenSslEngine extends Policy {
        OnOpenSslEngine() {
            super(RelayConfig.TlsEngine.OPENSSL);
        }

        @Test
        void openSslIsReallyUsed() {
            assertTrue(relay.tlsEngineName().orElseThrow().startsWith("OpenSSL"), relay.tlsEngineName().toString());
        }
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Policy {
    Path dir;
    RelayServer relay;
    private SSLContext client;
    private final RelayConfig.TlsEngine tlsEngine;

    Policy(RelayConfig.TlsEngine tlsEngine) {
        this.tlsEngine = tlsEngine;
    }

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        this.dir = dir;
        Assumptions.assumeTrue(tlsEngine != RelayConfig.TlsEngine.OPENSSL || io.netty.handler.ssl.OpenSsl.isAvailable(),
                "OpenSSL does not load on this platform");
        relay = RelayServer.start(RelayConfig.builder(dir).host("127.0.0.1").port(0).tlsEngine(tlsEngine).build());
        java.security.KeyStore trust = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("relay", relay.certificate().orElseThrow());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);
    }

    @AfterAll
    void stop() {
        if (relay != null) {
            relay.close();
        }
    }

    /** Handshakes with only {@code protocol} and {@code suites} enabled; returns the negotiated suite. */
    private String handshake(String protocol, String... suites) throws Exception {
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
        javax.net.ssl.SSLEngine engine = ServerSslContexts.forServer(SelfSignedCertificateStore.loadOrCreate(dir),
                        ServerSslContexts.provider(tlsEngine))
                .newEngine(io.netty.buffer.ByteBufAllocator.DEFAULT);
        // Netty's OpenSSL engine always lists the pseudo-protocol "SSLv2Hello" (a ClientHello format it
        // reports for compatibility, not a protocol version); the real versions are what matters.
        Set<String> versions = new java.util.HashSet<>(Set.of(engine.getEnabledProtocols()));
        versions.remove("SSLv2Hello");
        assertEquals(Set.of("TLSv1.3", "TLSv1.2"), versions);
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
}
