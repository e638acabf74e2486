package org.parley.protocol;

import java.util.Map;

/**
 * A user and the public keys it published: scheme id to encoded public key (PROTOCOL.md §3.2,
 * {@code welcome.users} entries).
 *
 * @param user the user name
 * @param keys 1-16 entries, sorted by scheme id
 */
public record UserKeys(String user, Map<String, Bytes> keys) {

    public UserKeys {
        Formats.user("user", user);
        keys = Formats.keys("keys", keys);
    }
}
