package org.parley.chat.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.parley.crypto.api.SchemeState;

/** One {@link SchemeState} per scheme id, in memory for the life of the client. */
final class SchemeStates {

    private final ConcurrentMap<String, SchemeState> states = new ConcurrentHashMap<>();

    SchemeState of(String schemeId) {
        return states.computeIfAbsent(schemeId, id -> new MemorySchemeState());
    }
}
