package org.parley.relay.protocol;

import java.util.Map;

/**
 * A user and the public keys they published in {@code hello}, as listed in {@code welcome}.
 *
 * @param user the user name
 * @param keys scheme id → base64 public key, unmodifiable
 */
public record UserKeys(String user, Map<String, String> keys) {
    public UserKeys {
        keys = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(keys));
    }

    @Override
    public String toString() {
        return "UserKeys[user=" + user + ", keys=" + keys.keySet() + "]";
    }
}
