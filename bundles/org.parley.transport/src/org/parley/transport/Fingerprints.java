package org.parley.transport;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Certificate fingerprints as PROTOCOL.md §1 defines them: lower-case hex of SHA-256 over the DER
 * encoding of the leaf certificate, 64 characters, no colons.
 */
public final class Fingerprints {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private Fingerprints() {
    }

    /** The fingerprint of {@code certificate}. */
    public static String sha256Hex(X509Certificate certificate) throws CertificateEncodingException {
        return sha256Hex(certificate.getEncoded());
    }

    /** Lower-case hex of SHA-256 over {@code der}. */
    public static String sha256Hex(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("BUG: every JDK has SHA-256", e);
        }
    }

    /**
     * Accepts a fingerprint as people paste it (upper case, colons or spaces between bytes) and returns
     * the canonical form.
     *
     * @throws IllegalArgumentException if it is not 32 bytes of hex
     */
    public static String normalize(String fingerprint) {
        String compact = fingerprint.replaceAll("[:\\s]", "").toLowerCase(Locale.ROOT);
        return requireValid(compact);
    }

    static String requireValid(String fingerprint) {
        if (!HEX64.matcher(fingerprint).matches()) {
            throw new IllegalArgumentException("a SHA-256 fingerprint is 64 lower-case hex characters");
        }
        return fingerprint;
    }

    /** {@code host:port} as pin stores key it: host in lower case, IPv6 in brackets. */
    public static String hostPort(String host, int port) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.contains(":") && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        return h + ":" + port;
    }
}
