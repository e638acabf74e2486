package org.parley.chat.internal;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.parley.crypto.api.SchemeState;

/** Per-peer scheme state kept in memory for the life of the client (one instance per scheme id). */
final class MemorySchemeState implements SchemeState {

    private final ConcurrentMap<String, byte[]> states = new ConcurrentHashMap<>();

    @Override
    public Optional<byte[]> load(String peer) {
        byte[] state = states.get(peer);
        return state == null ? Optional.empty() : Optional.of(state.clone());
    }

    @Override
    public void store(String peer, byte[] state) {
        states.put(peer, state.clone());
    }
}
