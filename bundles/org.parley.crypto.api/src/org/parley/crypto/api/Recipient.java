package org.parley.crypto.api;

import java.util.Objects;

/**
 * One recipient of a sealed message.
 *
 * @param user the recipient's user name (used by stateful schemes to find per-peer state)
 * @param publicKey the recipient's encryption public key for the scheme, as published in its verified
 *     key bundle
 */
public record Recipient(String user, byte[] publicKey) {

    public Recipient {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(publicKey, "publicKey");
        publicKey = publicKey.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Recipient r && user.equals(r.user) && java.util.Arrays.equals(publicKey, r.publicKey);
    }

    @Override
    public int hashCode() {
        return 31 * user.hashCode() + java.util.Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "Recipient[" + user + "]";
    }
}
