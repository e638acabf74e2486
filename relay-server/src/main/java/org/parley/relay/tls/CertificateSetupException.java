package org.parley.relay.tls;

/** A certificate or key could not be read, generated, stored, or does not fit its partner. */
public final class CertificateSetupException extends Exception {
    public CertificateSetupException(String message) {
        super(message);
    }

    public CertificateSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
