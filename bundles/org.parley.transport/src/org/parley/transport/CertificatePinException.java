package org.parley.transport;

import java.security.cert.CertificateException;

/**
 * The relay presented a certificate other than the pinned one. Thrown by {@link PinningTrustManager}
 * inside the TLS handshake; {@link RelayConnection} turns it into a {@link TransportException} with the
 * same message.
 */
public final class CertificatePinException extends CertificateException {

    private static final long serialVersionUID = 1L;

    private final String hostPort;
    private final String pinned;
    private final String presented;

    CertificatePinException(String message, String hostPort, String pinned, String presented) {
        super(message);
        this.hostPort = hostPort;
        this.pinned = pinned;
        this.presented = presented;
    }

    public String hostPort() {
        return hostPort;
    }

    /** The fingerprint that was expected. */
    public String pinned() {
        return pinned;
    }

    /** The fingerprint of the certificate the relay presented. */
    public String presented() {
        return presented;
    }
}
