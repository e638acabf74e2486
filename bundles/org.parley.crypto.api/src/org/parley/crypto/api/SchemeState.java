package org.parley.crypto.api;

import java.util.Optional;

/**
 * Per-peer state storage that the caller hands to a scheme, so a stateful scheme (for example a
 * ratchet with forward secrecy) needs no storage of its own. Stateless schemes never touch it.
 *
 * <p>{@link #load} returns a copy: changing the returned array changes nothing stored.
 *
 * <h3>Threading</h3>
 * Implementations must be safe for concurrent use; the caller serialises seal/open per peer.
 */
public interface SchemeState {

    /** The state stored for {@code peer}, or empty. */
    Optional<byte[]> load(String peer);

    /** Replaces the state stored for {@code peer}. */
    void store(String peer, byte[] state);

    /** A state store that keeps nothing, for stateless schemes and tests. */
    SchemeState NONE = new SchemeState() {
        @Override
        public Optional<byte[]> load(String peer) {
            return Optional.empty();
        }

        @Override
        public void store(String peer, byte[] state) {
            // deliberately forgets
        }
    };
}
