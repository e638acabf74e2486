package org.parley.relay.tls;

import java.security.NoSuchAlgorithmException;

/** Maps key algorithm OIDs and names to JDK algorithm names. Threading: stateless. */
final class KeyAlgorithms {
    private KeyAlgorithms() {
    }

    /** The JDK {@code KeyFactory} name for a private key algorithm OID. */
    static String jcaName(String oid) throws NoSuchAlgorithmException {
        switch (oid) {
            case "1.2.840.113549.1.1.1": return "RSA";
            case "1.2.840.10045.2.1": return "EC";
            case "1.3.101.112": return "Ed25519";
            case "1.3.101.113": return "Ed448";
            default: throw new NoSuchAlgorithmException("unsupported private key algorithm " + oid);
        }
    }

    /** A signature algorithm that a key of this JDK algorithm name can make. */
    static String signatureName(String keyAlgorithm) throws NoSuchAlgorithmException {
        switch (keyAlgorithm) {
            case "RSA": return "SHA256withRSA";
            case "EC": return "SHA256withECDSA";
            case "Ed25519": case "Ed448": case "EdDSA": return keyAlgorithm;
            default: throw new NoSuchAlgorithmException("unsupported key algorithm " + keyAlgorithm);
        }
    }
}
