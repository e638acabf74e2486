package org.parley.relay.protocol;

import java.util.Map;

/**
 * {@code hello}: log in as {@code user}, publishing public keys.
 *
 * @param id   frame id, echoed as {@code ref} in the answer; validated id syntax
 * @param user the requested user name; validated user-name syntax
 * @param keys scheme id → standard base64 public key (1–16 entries, each ≤ 4096 bytes decoded);
 *             validated and unmodifiable, iteration order as received
 */
public record HelloFrame(String id, String user, Map<String, String> keys) implements InboundFrame {
    public HelloFrame {
        keys = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(keys));
    }

    @Override
    public String toString() {
        // Keys are public, but they are also long and useless in logs.
        return "HelloFrame[id=" + id + ", user=" + user + ", keys=" + keys.keySet() + "]";
    }
}
