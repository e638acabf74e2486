package org.parley.relay.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProtocols;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLException;
import org.parley.relay.RelayConfig;

/**
 * The relay's TLS policy (DESIGN.md §4): TLS 1.3, or TLS 1.2 with forward-secret AEAD suites only.
 * The engine is OpenSSL (netty-tcnative BoringSSL) when asked for or, with {@code AUTO}, when its native
 * library loads; otherwise the JDK's, which needs no native library.
 *
 * <p>Threading: stateless; the returned {@link SslContext} is thread-safe.
 */
public final class ServerSslContexts {
    /** TLS 1.3 suites first, then TLS 1.2 ECDHE + AEAD suites. Unsupported names are filtered out. */
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private ServerSslContexts() {
    }

    /** A server context presenting {@code credentials}, on the JDK's engine. */
    public static SslContext forServer(TlsCredentials credentials) throws CertificateSetupException {
        return forServer(credentials, SslProvider.JDK);
    }

    /**
     * The provider for {@code engine}.
     *
     * @throws CertificateSetupException if OpenSSL is required but its native library does not load here
     */
    public static SslProvider provider(RelayConfig.TlsEngine engine) throws CertificateSetupException {
        return switch (engine) {
            case JDK -> SslProvider.JDK;
            case AUTO -> OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
            case OPENSSL -> {
                if (!OpenSsl.isAvailable()) {
                    Throwable why = OpenSsl.unavailabilityCause();
                    throw new CertificateSetupException("--tls-engine openssl: the bundled OpenSSL (BoringSSL) does not "
                            + "load on this platform (" + (why == null ? "unknown reason" : why.getMessage())
                            + "); use --tls-engine jdk", why);
                }
                yield SslProvider.OPENSSL;
            }
        };
    }

    /** A server context presenting {@code credentials} on {@code provider}'s engine. */
    public static SslContext forServer(TlsCredentials credentials, SslProvider provider) throws CertificateSetupException {
        try {
            return SslContextBuilder.forServer(credentials.key(), credentials.chain().toArray(new X509Certificate[0]))
                    .sslProvider(provider)
                    .protocols(SslProtocols.TLS_v1_3, SslProtocols.TLS_v1_2)
                    .ciphers(CIPHER_SUITES, SupportedCipherSuiteFilter.INSTANCE)
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new CertificateSetupException("cannot set up TLS with this certificate and key: " + e.getMessage(), e);
        }
    }
}
