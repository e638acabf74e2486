package org.parley.chat;

import java.util.Objects;
import java.util.Optional;

/**
 * @param state whether an identity exists and is unlocked
 * @param user the identity's user name, when one exists
 * @param fingerprint the identity key's fingerprint (docs/PROTOCOL.md), when one exists
 */
public record IdentityStatus(IdentityService.State state, Optional<String> user, Optional<String> fingerprint) {

    public IdentityStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }
}
