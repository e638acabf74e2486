package org.parley.transport;

import java.io.IOException;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a relay by the fingerprint of its leaf certificate instead of by certificate authorities, the
 * way SSH trusts host keys: the first certificate seen for a {@code host:port} is pinned in a
 * {@link CertificatePinStore}; later the same certificate is accepted and any other is rejected with a
 * {@link CertificatePinException} that names both fingerprints and tells the user what to do. With an
 * explicit expected fingerprint (scripted use), only that certificate is accepted, and it is pinned.
 *
 * <p>One instance serves one connection attempt to one {@code host:port}; afterwards it reports the
 * accepted fingerprint and the negotiated TLS protocol.
 *
 * <p>A certificate that the certificate authorities trust (the JDK's trust store, including the host
 * name check) is accepted without pinning, so a relay with a CA-signed certificate can renew it.
 *
 * <h3>Security guarantees</h3>
 * For a self-signed relay the pin is the whole identity check: no CA path, host name or validity
 * period, because such a certificate is identified by its fingerprint alone. The first connection is
 * only as safe as the network it crosses (trust on first use); compare the fingerprint with the one the
 * relay prints when it starts. An explicit expected fingerprint always wins over the authorities.
 *
 * <h3>Threading</h3>
 * Called by the TLS implementation on its handshake thread; safe for concurrent use.
 */
public final class PinningTrustManager extends X509ExtendedTrustManager {

    private final CertificatePinStore store;
    private final String hostPort;
    private final Optional<String> expected;
    private final AtomicReference<String> accepted = new AtomicReference<>();
    private final AtomicReference<String> protocol = new AtomicReference<>();
    private final Optional<X509ExtendedTrustManager> authorities;

    /**
     * @param store where pins are looked up and recorded
     * @param hostPort the relay address, as {@link Fingerprints#hostPort}
     * @param expected a fingerprint to require instead of trusting on first use (any format accepted
     *     by {@link Fingerprints#normalize})
     */
    public PinningTrustManager(CertificatePinStore store, String hostPort, Optional<String> expected) {
        this(store, hostPort, expected, SystemTrust.authorities());
    }

    /**
     * @param authorities certificate authorities whose verdict accepts a certificate without a pin
     *     (empty: pins only)
     */
    public PinningTrustManager(CertificatePinStore store, String hostPort, Optional<String> expected,
            Optional<X509ExtendedTrustManager> authorities) {
        this.store = Objects.requireNonNull(store, "store");
        this.hostPort = Objects.requireNonNull(hostPort, "hostPort");
        this.expected = expected.map(Fingerprints::normalize);
        this.authorities = Objects.requireNonNull(authorities, "authorities");
    }

    /** The fingerprint of the certificate accepted in the handshake, if one was. */
    public Optional<String> acceptedFingerprint() {
        return Optional.ofNullable(accepted.get());
    }

    /** The TLS protocol of the accepted handshake, e.g. {@code TLSv1.3}, if known. */
    public Optional<String> negotiatedProtocol() {
        return Optional.ofNullable(protocol.get());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        boolean byAuthorities = trustedByAuthorities(tm -> tm.checkServerTrusted(chain, authType, engine));
        check(chain, engine == null ? null : engine.getHandshakeSession(), byAuthorities);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        boolean byAuthorities = trustedByAuthorities(tm -> tm.checkServerTrusted(chain, authType, socket));
        check(chain, socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null, byAuthorities);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, null, trustedByAuthorities(tm -> tm.checkServerTrusted(chain, authType)));
    }

    /** Whether certificate authorities vouch for the chain (never consulted when a fingerprint is required). */
    private boolean trustedByAuthorities(AuthorityCheck check) {
        if (expected.isPresent() || authorities.isEmpty()) {
            return false;
        }
        try {
            check.run(authorities.get());
            return true;
        } catch (CertificateException | RuntimeException e) {
            return false; // self-signed or otherwise unknown to the authorities: fall back to the pin
        }
    }

    @FunctionalInterface
    private interface AuthorityCheck {
        void run(X509ExtendedTrustManager authorities) throws CertificateException;
    }

    private void check(X509Certificate[] chain, SSLSession session, boolean byAuthorities)
            throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the relay " + hostPort + " presented no certificate");
        }
        String presented = Fingerprints.sha256Hex(chain[0]);
        try {
            if (byAuthorities) {
                // CA-validated: nothing to pin, so the operator can renew the certificate
                accepted.set(presented);
                if (session != null) {
                    protocol.set(session.getProtocol());
                }
                return;
            }
            if (expected.isPresent()) {
                if (!expected.get().equals(presented)) {
                    throw new CertificatePinException(PinMessages.explicitMismatch(hostPort, expected.get(), presented),
                            hostPort, expected.get(), presented);
                }
                store.save(hostPort, presented);
            } else {
                Optional<String> pinned = store.lookup(hostPort);
                if (pinned.isEmpty()) {
                    store.save(hostPort, presented);
                } else if (!pinned.get().equals(presented)) {
                    throw new CertificatePinException(
                            PinMessages.changed(hostPort, pinned.get(), presented, store.describe()), hostPort,
                            pinned.get(), presented);
                }
            }
        } catch (IOException e) {
            throw new CertificateException("cannot read or record the certificate pin for " + hostPort + " in "
                    + store.describe() + ": " + e.getMessage(), e);
        }
        accepted.set(presented);
        if (session != null) {
            protocol.set(session.getProtocol());
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("this trust manager only checks relays");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("this trust manager only checks relays");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this trust manager only checks relays");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
