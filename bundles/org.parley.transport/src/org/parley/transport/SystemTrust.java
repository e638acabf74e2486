package org.parley.transport;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Optional;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** The JDK's default certificate authorities (its {@code cacerts}), as a trust manager. */
final class SystemTrust {

    private SystemTrust() {
    }

    /** The default authorities, or empty if the JDK has none usable (then only pins count). */
    static Optional<X509ExtendedTrustManager> authorities() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            return Arrays.stream(factory.getTrustManagers()).filter(X509ExtendedTrustManager.class::isInstance)
                    .map(X509ExtendedTrustManager.class::cast).findFirst();
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }
}
