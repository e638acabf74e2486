package org.parley.relay.registry;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A user name bound to an identity key: the binding every later login of that name must prove.
 *
 * <p>Threading: immutable; the key array is copied in and out.
 */
public final class RegisteredUser {
    private final String user;
    private final byte[] identityKey;
    private final long firstSeen;

    /**
     * @param user        the user name
     * @param identityKey the Ed25519 identity key as X.509 SPKI DER
     * @param firstSeen   time of the first successful login, ms since the epoch
     */
    public RegisteredUser(String user, byte[] identityKey, long firstSeen) {
        this.user = Objects.requireNonNull(user, "user");
        this.identityKey = identityKey.clone();
        this.firstSeen = firstSeen;
    }

    public String user() {
        return user;
    }

    /** A copy of the identity key (SPKI DER). */
    public byte[] identityKey() {
        return identityKey.clone();
    }

    public long firstSeen() {
        return firstSeen;
    }

    /** Whether {@code key} is this user's identity key. */
    public boolean hasIdentityKey(byte[] key) {
        return MessageDigest.isEqual(identityKey, key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegisteredUser r && r.user.equals(user) && Arrays.equals(r.identityKey, identityKey)
                && r.firstSeen == firstSeen;
    }

    @Override
    public int hashCode() {
        return user.hashCode();
    }

    @Override
    public String toString() {
        return "RegisteredUser[user=" + user + ", firstSeen=" + firstSeen + "]";
    }
}
