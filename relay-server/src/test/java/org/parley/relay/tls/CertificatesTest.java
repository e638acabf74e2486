package org.parley.relay.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificatesTest {
    @TempDir
    Path dir;

    @Test
    void selfSignedCertificateIsCreatedOnceOwnerOnlyAndReused() throws Exception {
        Path data = dir.resolve("data");
        TlsCredentials first = SelfSignedCertificateStore.loadOrCreate(data);
        Path cert = data.resolve(SelfSignedCertificateStore.CERT_FILE);
        Path key = data.resolve(SelfSignedCertificateStore.KEY_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cert)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----"));

        TlsCredentials second = SelfSignedCertificateStore.loadOrCreate(data);
        assertEquals(first.fingerprint(), second.fingerprint());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(first.leaf().getEncoded())),
                first.fingerprint());
        assertTrue(first.fingerprint().matches("[0-9a-f]{64}"));
        assertTrue(first.leaf().getSubjectAlternativeNames().toString().contains("127.0.0.1"));
    }

    @Test
    void aLoneCertificateFileIsAClearError() throws Exception {
        SelfSignedCertificateStore.loadOrCreate(dir);
        Files.delete(dir.resolve(SelfSignedCertificateStore.KEY_FILE));
        CertificateSetupException e = assertThrows(CertificateSetupException.class,
                () -> SelfSignedCertificateStore.loadOrCreate(dir));
        assertTrue(e.getMessage().contains("only one of"), e.getMessage());
    }

    @Test
    void loadsRsaChainWithTraditionalKey() throws Exception {
        KeyPair pair = rsa();
        X509Certificate cert = selfSigned(pair);
        Path certFile = write("cert.pem", cert);
        Path keyFile = write("key.pem", pair.getPrivate());
        assertTrue(Files.readString(keyFile).startsWith("-----BEGIN RSA PRIVATE KEY-----"));

        TlsCredentials loaded = PemCredentials.load(certFile, keyFile);
        assertEquals(cert, loaded.leaf());
        ServerSslContexts.forServer(loaded); // usable for TLS
    }

    @Test
    void mismatchedKeyIsAClearError() throws Exception {
        Path certFile = write("cert.pem", selfSigned(rsa()));
        Path keyFile = write("key.pem", rsa().getPrivate());
        CertificateSetupException e = assertThrows(CertificateSetupException.class,
                () -> PemCredentials.load(certFile, keyFile));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    }

    @Test
    void unreadableFilesAreClearErrors() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "hello");
        Path missing = dir.resolve("missing.pem");
        assertTrue(assertThrows(CertificateSetupException.class, () -> PemCredentials.load(garbage, garbage))
                .getMessage().contains("no PEM CERTIFICATE"));
        assertTrue(assertThrows(CertificateSetupException.class, () -> PemCredentials.load(missing, missing))
                .getMessage().contains("cannot read certificate file"));
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    static X509Certificate selfSigned(KeyPair pair) throws Exception {
        X500Name name = new X500Name("CN=localhost");
        Instant now = Instant.now();
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.TEN,
                Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(3600)), name, pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
    }

    private Path write(String file, Object object) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(object);
        }
        return Files.writeString(dir.resolve(file), out.toString());
    }
}
