package org.parley.relay.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The relay's own certificate when the operator configures none: generated on first start (EC P-256,
 * self-signed, valid 5 years, SANs {@code localhost}, {@code 127.0.0.1}, {@code ::1} and the machine's
 * host name), stored as {@value #CERT_FILE} and {@value #KEY_FILE} (PKCS#8, owner-only permissions)
 * in the data directory, and reused on every later start so pinned fingerprints stay valid.
 *
 * <p>Threading: not thread-safe; call once at start.
 */
public final class SelfSignedCertificateStore {
    public static final String CERT_FILE = "relay-cert.pem";
    public static final String KEY_FILE = "relay-key.pem";
    private static final Duration VALIDITY = Duration.ofDays(5 * 365);

    private SelfSignedCertificateStore() {
    }

    /** Loads the stored certificate, or generates and stores one if the directory has none. */
    public static TlsCredentials loadOrCreate(Path dataDir) throws CertificateSetupException {
        Path cert = dataDir.resolve(CERT_FILE);
        Path key = dataDir.resolve(KEY_FILE);
        boolean haveCert = Files.exists(cert);
        if (haveCert != Files.exists(key)) {
            throw new CertificateSetupException("data directory " + dataDir + " has only one of " + CERT_FILE
                    + " and " + KEY_FILE + "; restore the other or delete both to generate a new certificate");
        }
        if (haveCert) {
            return PemCredentials.load(cert, key);
        }
        TlsCredentials created = generate(hostName());
        try {
            DataDirectories.create(dataDir);
            // Key first: a crash in between leaves a key without a certificate, which is reported above.
            writeOwnerOnly(key, pem(new JcaPKCS8Generator(created.key(), null)));
            writeOwnerOnly(cert, pem(created.leaf()));
        } catch (IOException e) {
            throw new CertificateSetupException("cannot store the certificate in " + dataDir + ": " + e.getMessage(), e);
        }
        return created;
    }

    /** Generates a self-signed EC P-256 certificate for {@code localhost} and {@code hostName}. */
    static TlsCredentials generate(String hostName) throws CertificateSetupException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=Parley relay " + (hostName.isEmpty() ? "localhost" : hostName));
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(127, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(VALIDITY)), subject, pair.getPublic())
                    .addExtension(Extension.subjectAlternativeName, false, alternativeNames(hostName))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return new TlsCredentials(pair.getPrivate(), List.of(cert));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new CertificateSetupException("cannot generate a self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static GeneralNames alternativeNames(String hostName) {
        List<GeneralName> names = new ArrayList<>();
        names.add(new GeneralName(GeneralName.dNSName, "localhost"));
        if (!hostName.isEmpty() && !hostName.equals("localhost")) {
            names.add(new GeneralName(GeneralName.dNSName, hostName));
        }
        names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        names.add(new GeneralName(GeneralName.iPAddress, "::1"));
        return new GeneralNames(names.toArray(new GeneralName[0]));
    }

    /** The machine's host name if it is a valid DNS name, else empty. */
    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?") ? name : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object instanceof JcaPKCS8Generator g ? g.generate() : object);
        }
        return out.toString();
    }

    /** Writes via a temporary owner-only file and an atomic rename, so no reader sees a partial key. */
    private static void writeOwnerOnly(Path target, String content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, ownerOnly());
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII)) {
            w.write(content);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static FileAttribute<?>[] ownerOnly() {
        return DataDirectories.isPosix()
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(Set.of(
                        java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE))}
                : new FileAttribute<?>[0];
    }
}
