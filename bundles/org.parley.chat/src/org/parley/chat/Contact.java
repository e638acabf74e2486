package org.parley.chat;

import java.util.List;
import java.util.Objects;

/**
 * A known user: online now (as published by the relay), or offline with the key bundle remembered from
 * when it was last seen; with what the local user knows about its identity key.
 *
 * @param user the user name
 * @param fingerprint the fingerprint of the user's identity key (docs/PROTOCOL.md)
 * @param schemes ids of the schemes the user published (signed) keys for
 * @param trust what the local user knows about that identity key
 * @param online whether the user is online now; messages to an offline contact are stored by the relay
 */
public record Contact(String user, String fingerprint, List<String> schemes, Trust trust, boolean online) {

    /** Trust in a contact's identity key. */
    public enum Trust {
        /** Pinned on first use, not (yet) verified through the safety number. */
        TRUSTED,
        /** Verified by comparing safety numbers. */
        VERIFIED,
        /** The key differs from the pinned one: messages are refused until the user accepts it. */
        CHANGED
    }

    public Contact {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(trust, "trust");
        schemes = List.copyOf(schemes);
    }

    /** An online contact. */
    public Contact(String user, String fingerprint, List<String> schemes, Trust trust) {
        this(user, fingerprint, schemes, trust, true);
    }

    /** This contact, online or not. */
    public Contact withOnline(boolean now) {
        return new Contact(user, fingerprint, schemes, trust, now);
    }
}
