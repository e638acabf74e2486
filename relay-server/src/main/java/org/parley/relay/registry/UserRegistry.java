package org.parley.relay.registry;

import java.util.Optional;

/**
 * Registered users: each name bound, on its first successful login, to one identity key for good
 * (PROTOCOL.md §3.1). There is no unbind: a lost key means a lost name (an operator can delete the
 * registry entry offline).
 *
 * <p>Threading: implementations are thread-safe; the relay calls them from every event loop.
 * {@link #find} must be fast (it runs on each {@code hello}); {@link #bind} may block for a disk sync,
 * which happens once per name.
 */
public interface UserRegistry extends AutoCloseable {
    /** The binding of {@code user}, if the name is registered. */
    Optional<RegisteredUser> find(String user);

    /** Whether {@code user} is registered; as {@link #find} but without building the binding. */
    default boolean isRegistered(String user) {
        return find(user).isPresent();
    }

    /**
     * Binds {@code user} to {@code identityKey} unless the name is bound already; atomic, and durable
     * before it returns.
     *
     * @return the binding in force afterwards: the new one, or the existing one (which may carry another
     *         key; the caller must compare)
     * @throws RegistryException if the binding could not be stored; nothing was bound then
     */
    RegisteredUser bind(String user, byte[] identityKey, long nowMillis) throws RegistryException;

    /** Releases the store; idempotent. */
    @Override
    void close();
}
