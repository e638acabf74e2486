package org.parley.chat.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.parley.crypto.api.CryptoScheme;

/**
 * The user's preference of schemes to accept and send with (PROTOCOL.md §4.4 step 3): every installed
 * scheme until {@link #set} restricts it. Ids of schemes not installed are kept for when they are.
 *
 * <h3>Threading</h3>
 * Thread-safe: one volatile immutable value.
 */
final class AllowedSchemes {

    private volatile Optional<Set<String>> allowed = Optional.empty(); // empty: everything installed

    void set(Set<String> schemeIds) {
        if (schemeIds.isEmpty()) {
            throw new IllegalArgumentException("at least one scheme must be allowed");
        }
        allowed = Optional.of(Set.copyOf(schemeIds));
    }

    boolean allows(String schemeId) {
        Optional<Set<String>> current = allowed;
        return current.isEmpty() || current.get().contains(schemeId);
    }

    /** The installed schemes that are allowed, in the registry's order. */
    List<CryptoScheme> filter(List<CryptoScheme> installed) {
        return installed.stream().filter(s -> allows(s.info().id())).collect(Collectors.toList());
    }
}
