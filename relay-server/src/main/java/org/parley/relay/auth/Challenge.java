package org.parley.relay.auth;

import java.util.Objects;
import org.parley.relay.protocol.KeyBundle;

/**
 * A login waiting for its {@code auth}: who asked, with which (verified) bundle, and the nonce they
 * must sign. Used once: the login handler forgets it after the first {@code auth}, right or wrong.
 *
 * @param user   the user name from the {@code hello}
 * @param bundle the bundle, its signature already verified
 * @param nonce  base64 of the 32 random bytes sent in {@code challenge}
 */
public record Challenge(String user, KeyBundle bundle, String nonce) {
    public Challenge {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(nonce, "nonce");
    }
}
