package org.parley.chat;

import java.util.List;
import java.util.Objects;

/**
 * An online user as published by the relay.
 *
 * @param user the user name
 * @param fingerprint a human-comparable fingerprint of the user's published keys
 * @param schemes ids of the schemes the user published keys for
 */
public record Contact(String user, String fingerprint, List<String> schemes) {

    public Contact {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(fingerprint, "fingerprint");
        schemes = List.copyOf(schemes);
    }
}
