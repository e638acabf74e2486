package org.parley.relay.protocol;

import java.util.Objects;

/**
 * A user and the key bundle they logged in with, as listed in {@code welcome}.
 *
 * @param user   the user name
 * @param bundle the bundle whose signature the relay verified at login
 */
public record UserBundle(String user, KeyBundle bundle) {
    public UserBundle {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(bundle, "bundle");
    }
}
