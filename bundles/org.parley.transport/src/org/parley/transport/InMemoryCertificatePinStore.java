package org.parley.transport;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link CertificatePinStore} that forgets everything when dropped; for tests and scripts. */
public final class InMemoryCertificatePinStore implements CertificatePinStore {

    private final ConcurrentMap<String, String> pins = new ConcurrentHashMap<>();

    @Override
    public Optional<String> lookup(String hostPort) {
        return Optional.ofNullable(pins.get(hostPort));
    }

    @Override
    public void save(String hostPort, String fingerprint) {
        pins.put(hostPort, Fingerprints.requireValid(fingerprint));
    }

    @Override
    public void remove(String hostPort) {
        pins.remove(hostPort);
    }

    @Override
    public String describe() {
        return "memory";
    }
}
