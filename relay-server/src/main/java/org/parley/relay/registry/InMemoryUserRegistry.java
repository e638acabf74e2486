package org.parley.relay.registry;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link UserRegistry} that forgets everything when the relay stops; for handler unit tests.
 *
 * <p>Threading: thread-safe.
 */
public final class InMemoryUserRegistry implements UserRegistry {
    private final ConcurrentHashMap<String, RegisteredUser> users = new ConcurrentHashMap<>();

    @Override
    public Optional<RegisteredUser> find(String user) {
        return Optional.ofNullable(users.get(user));
    }

    @Override
    public RegisteredUser bind(String user, byte[] identityKey, long nowMillis) {
        return users.computeIfAbsent(user, u -> new RegisteredUser(u, identityKey, nowMillis));
    }

    @Override
    public void close() {
    }
}
