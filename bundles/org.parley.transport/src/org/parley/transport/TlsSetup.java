package org.parley.transport;

import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * The TLS policy of PROTOCOL.md §1: TLS 1.3, or TLS 1.2 with forward-secret AEAD cipher suites only.
 * A fresh {@link SSLContext} per connection attempt, so no cached session can skip the pin check.
 */
final class TlsSetup {

    private static final String[] PROTOCOLS = { "TLSv1.3", "TLSv1.2" };

    private final SSLContext context;
    private final SSLParameters parameters;

    TlsSetup(PinningTrustManager trustManager) throws GeneralSecurityException {
        context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] { trustManager }, null);
        parameters = context.getDefaultSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        parameters.setCipherSuites(Arrays.stream(parameters.getCipherSuites()).filter(TlsSetup::isAllowed)
                .toArray(String[]::new));
    }

    SSLContext context() {
        return context;
    }

    SSLParameters parameters() {
        return parameters;
    }

    static boolean isAllowed(String suite) {
        if (suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_")) {
            return true; // TLS 1.3 suites are all AEAD with forward secrecy
        }
        boolean forwardSecret = suite.startsWith("TLS_ECDHE_") || suite.startsWith("TLS_DHE_");
        boolean aead = suite.contains("_GCM_") || suite.contains("_CHACHA20_POLY1305_");
        return forwardSecret && aead;
    }
}
