package org.parley.transport;

import java.io.ByteArrayInputStream;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Two self-signed test certificates (EC P-256, CN=parley-test-one / -two, SAN 127.0.0.1 and localhost,
 * valid for 100 years) with their keys, as PKCS#12 made by keytool (password "changeit"). Test data
 * only; never trusted anywhere else.
 */
final class TestCertificates {

    // declared before the instances: static initialisers run in order
    private static final char[] PASSWORD = "changeit".toCharArray();

    static final TestCertificates ONE = new TestCertificates("MIIEDgIBAzCCA7gGCSqGSIb3DQEHAaCCA6kEggOlMIIDoTCCASgGCSqGSIb3DQEHAaCCARkEggEVMIIBETCCAQ0GCyqGSIb3DQEMCgECoIG9MIG6MGYGCSqGSIb3DQEFDTBZMDgGCSqGSIb3DQEFDDArBBTlvuLRCrP7+fWGZlFJO/1Ak66N5gICJxACASAwDAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEFAP1srwRwbRZk47ZGFTHQ0EUBI0SJav+WKRGwIpQ1w6HD5H9tUZUJ1R3JkcaC7KGZDB+XQmHvKeKvvlGvEpIQK0bCtBplG3aUH2tb5txQhxPcXT3hNx0xSejDvz96P4ka5hMT4wGQYJKoZIhvcNAQkUMQweCgByAGUAbABhAHkwIQYJKoZIhvcNAQkVMRQEElRpbWUgMTc5NTMxMzY4Mjk3ODCCAnEGCSqGSIb3DQEHBqCCAmIwggJeAgEAMIICVwYJKoZIhvcNAQcBMGYGCSqGSIb3DQEFDTBZMDgGCSqGSIb3DQEFDDArBBRTqtLEbu/oMCm2TGC33qwyzQ5TxQICJxACASAwDAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEANwsiL4pavNi6sHiOiMhU+AggHgt/BG8NwzKEPqsTfyYmzRjSQ+1t78r3zf9AOeJgaBMiR0NOdRiweafYHULbLSt32q85GDhtANqLCmh0qLJ69caOzLTHgMMok5s0Tfo0b0yOdtzf3LtuaLBBinxw15fBT+uSr48ExmwaCq4j7MnPZZxa4WvgdUTf5ZZehOp4duyxv1oqDR2JL4A/hUXrqfUS1giFKtqqN+bdqChOOMnQZXsQ4HyqnsN/GKWWoDT+OSTYakMQaSbVu2GTprikBOt+H7GGffmUG4qiPcAdNhb0UaRoiss6CQNRhgC45pHN+1tgesGjsSz8VDhP1+QR8GAE4LKqJMXKpCxgQ3Qafv2k5IEzPhVn881tbtwJkfzKcFBWeCh5Ti0F4gvoMiKoYWtysBT8T99J8VegYUkNTuEEO6JYL5ATbUwVoSxixS6e61XERwc1Qe3LKNn49Wygj+z0Lax3XEMx+WAQfOjuYXU1od87L90GMtSXeEARVjGVlhm67ZFL0Il4SoSeP5CDQua6WWttPHfP1UAwtwkHMikv9bjTUUv3QHMKosU+arTYhEcnu4ouebJzstKD4uza6d7GCRfjd2Ldxe6b5nIpGOfLJ6rUD2FvcEQqhmz7O/zsFWtXZ2YTQNP2VTn7D9p8vmCKtZME0wMTANBglghkgBZQMEAgEFAAQgQbGe4X+1IEb4KFa9QYaiaRLvLUTbfwRL3rBGyveofKEEFIO++TU65j8v/gGrNhhSStrlU+cCAgInEA==");
    static final TestCertificates TWO = new TestCertificates("MIIEDgIBAzCCA7gGCSqGSIb3DQEHAaCCA6kEggOlMIIDoTCCASgGCSqGSIb3DQEHAaCCARkEggEVMIIBETCCAQ0GCyqGSIb3DQEMCgECoIG9MIG6MGYGCSqGSIb3DQEFDTBZMDgGCSqGSIb3DQEFDDArBBTvnihZ8VxLYOlnTJ+2dryYUdMp6gICJxACASAwDAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEPdgw1NdWivfbzwXqQFhLLMEUAmz9BeFcbISDzW+IPWeEcZ4Ha4xkNDFNLeUeETG+V/eIpCUpO1pLftu1ilIzBEKSudy53XwhzL2bcMbvOokr69FN7VBG0zxxTLwM5mJw+h5MT4wGQYJKoZIhvcNAQkUMQweCgByAGUAbABhAHkwIQYJKoZIhvcNAQkVMRQEElRpbWUgMTc5NTMxMzY4MzgyNzCCAnEGCSqGSIb3DQEHBqCCAmIwggJeAgEAMIICVwYJKoZIhvcNAQcBMGYGCSqGSIb3DQEFDTBZMDgGCSqGSIb3DQEFDDArBBSjN4/GdZFJEj5IWJmipDXEvqWuawICJxACASAwDAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEK2XXwefdPISgKdYUD39nQaAggHgNcBpFH13AcfyUB6AIIbBM1svWMdpU/aF4k3duJgi1NxO6vbhrhrrINmHRE7th04ZaOWaRgRdPBPdImQ6lvRF3LGykozbDhWq9GPztCejWlzzmjEovhmnElX5P+YFjy3Cvs+PO1QnHxR8IgyyEE+0UmWJyBPEXd/GcGhyjwvr82NSowvy6OgI3hN05zWQhVCSHx9cGbkyKfberv2MOAHSewtTY7V5e+iJ4o/6bCAr88gMH4ye/+equb3LVJsc7csdfz0ogtaV79Y2Qq+JQwCRdVbSHf9G+EM3aoMjnva5Rx+gv9usWWEdmcz1BkfnYsuAtS3Uyc8N9m8eVI1hSUitLflpIZS2as44HShVkpgzpE/ha2bqKVlA3LA6PxfR6GkmEpCwvXrW7D460hW/yEY13bK0umDVMkqJSUWqN2iAwjPAYZ1+7OtBD0cEYTaSKXYfCOi9U/MSiMFn3eUp3UkIDb0MioAy6/w/95D3KcZhR7w5S34YoUibOlDpox/wuEsa5pZFG5qPkZZS4ojvdzvmton+br1Zl5FoKYbKl5OtgSEV5W8UU1XpJbCigPhi7TuA/s6iB5qEbFTTCbCJ4eByDxKwcWVzKfBsdYLIaG54GUh3TS2oRYrhckahR0JGdbErME0wMTANBglghkgBZQMEAgEFAAQgVmDvzBTuMXkBrO5L532HZCBDbL0YbxvpNWWlWxb9F8EEFNI8aLArYuaJE62VUi37U/65wkmhAgInEA==");

    private final KeyStore keyStore;

    private TestCertificates(String pkcs12Base64) {
        try {
            keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(new ByteArrayInputStream(Base64.getDecoder().decode(pkcs12Base64)), PASSWORD);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    X509Certificate certificate() throws Exception {
        return (X509Certificate) keyStore.getCertificate("relay");
    }

    String fingerprint() throws Exception {
        return Fingerprints.sha256Hex(certificate());
    }

    /** A server-side TLS context presenting this certificate. */
    SSLContext serverContext() throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }
}
