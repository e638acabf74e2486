package org.parley.transport;

import java.security.cert.CertificateException;

/**
 * The relay presented a certificate other than the pinned one. Thrown by {@link PinningTrustManager}
 * inside the TLS handshake; {@link RelayConnection} turns it into a {@link TransportException} with the
 * same message, whose cause it stays: a caller that reconnects by itself finds it in the cause chain
 * and stops, because retrying cannot cure a changed certificate.
 */
public final class CertificatePinException extends CertificateException {

    private static final long serialVersionUID = 1L;

    private final String hostPort;
    private final String pinned;
    private final String presented;

    /** Public so that callers (and their tests) can recognise and reproduce a pin failure. */
    public CertificatePinException(String message, String hostPort, String pinned, String presented) {
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
