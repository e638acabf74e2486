package org.parley.transport;

import java.io.IOException;
import java.util.Optional;

/**
 * Remembers the certificate fingerprint pinned for each relay address, for trust on first use.
 * Addresses are {@code host:port} with the host in lower case; fingerprints are lower-case hex of
 * SHA-256 over the DER certificate ({@link Fingerprints#sha256Hex}).
 *
 * <h3>Threading</h3>
 * Implementations are safe for concurrent use.
 */
public interface CertificatePinStore {

    /** The fingerprint pinned for {@code hostPort}, or empty if none is pinned yet. */
    Optional<String> lookup(String hostPort) throws IOException;

    /** Pins {@code fingerprint} for {@code hostPort}, replacing any earlier pin. */
    void save(String hostPort, String fingerprint) throws IOException;

    /**
     * Forgets the pin for {@code hostPort}, so the next connection pins whatever certificate it sees.
     * Call only after verifying the new fingerprint with the relay's operator.
     */
    void remove(String hostPort) throws IOException;

    /** Where pins are kept, for messages telling a user what to do (a file path, or "memory"). */
    String describe();
}
