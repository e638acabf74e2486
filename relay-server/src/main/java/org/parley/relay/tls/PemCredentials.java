package org.parley.relay.tls;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads a PEM certificate chain and a PEM private key (PKCS#8 {@code PRIVATE KEY} or traditional
 * {@code RSA/EC PRIVATE KEY}) and proves that they belong together by signing with the key and
 * verifying with the certificate. Bouncy Castle parses the PEM and ASN.1; the JDK's own providers
 * build the key objects, so the BC provider is never registered.
 *
 * <p>Threading: stateless.
 */
public final class PemCredentials {
    private PemCredentials() {
    }

    /** @throws CertificateSetupException with a one-line reason naming the file */
    public static TlsCredentials load(Path certFile, Path keyFile) throws CertificateSetupException {
        List<X509Certificate> chain = readChain(certFile);
        PrivateKey key = readKey(keyFile);
        requireMatch(key, chain.get(0), certFile, keyFile);
        return new TlsCredentials(key, chain);
    }

    private static List<X509Certificate> readChain(Path file) throws CertificateSetupException {
        List<X509Certificate> chain = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(in)) {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
                if (o instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new CertificateSetupException("cannot read certificate file " + file + ": " + describe(e), e);
        }
        if (chain.isEmpty()) {
            throw new CertificateSetupException("no PEM CERTIFICATE found in " + file);
        }
        return chain;
    }

    private static PrivateKey readKey(Path file) throws CertificateSetupException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(in)) {
            for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
                if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new CertificateSetupException("private key in " + file + " is encrypted; give an unencrypted key");
                }
                PrivateKeyInfo info = o instanceof PEMKeyPair pair ? pair.getPrivateKeyInfo()
                        : o instanceof PrivateKeyInfo direct ? direct : null;
                if (info != null) {
                    String algorithm = KeyAlgorithms.jcaName(info.getPrivateKeyAlgorithm().getAlgorithm().getId());
                    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new CertificateSetupException("cannot read private key file " + file + ": " + describe(e), e);
        }
        throw new CertificateSetupException("no PEM PRIVATE KEY found in " + file);
    }

    private static void requireMatch(PrivateKey key, X509Certificate leaf, Path certFile, Path keyFile)
            throws CertificateSetupException {
        try {
            String algorithm = KeyAlgorithms.signatureName(key.getAlgorithm());
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(challenge);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // Different key types end up here as well: they do not match either.
        }
        throw new CertificateSetupException("private key " + keyFile + " does not match the certificate in " + certFile);
    }

    private static String describe(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "file not found";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
