package org.parley.relay.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The relay's private key and certificate chain (leaf first).
 *
 * <p>WARNING: holds a private key. {@link #toString()} never prints it.
 *
 * @param key   the private key matching the leaf certificate
 * @param chain the certificate chain, leaf first, never empty
 */
public record TlsCredentials(PrivateKey key, List<X509Certificate> chain) {
    public TlsCredentials {
        Objects.requireNonNull(key, "key");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("certificate chain is empty");
        }
    }

    /** The leaf (server) certificate. */
    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** Lower-case hex SHA-256 over the leaf certificate's DER encoding (PROTOCOL.md §1). */
    public String fingerprint() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(leaf().getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("SHA-256 and DER encoding are always available", e);
        }
    }

    /** The fingerprint as colon-separated upper-case byte pairs, as browsers show it. */
    public String fingerprintWithColons() {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(HexFormat.of().parseHex(fingerprint()));
    }

    @Override
    public String toString() {
        return "TlsCredentials[subject=" + leaf().getSubjectX500Principal() + ", sha256=" + fingerprint() + "]";
    }
}
