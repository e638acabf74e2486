package org.parley.relay.protocol;

import java.util.Objects;

/**
 * One entry of {@code sent.refused}: a recipient the relay will not reach, and why.
 *
 * @param user the recipient
 * @param code {@link ErrorCode#UNKNOWN_RECIPIENT} or {@link ErrorCode#QUEUE_FULL}
 */
public record RefusedRecipient(String user, ErrorCode code) {
    public RefusedRecipient {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(code, "code");
    }
}
