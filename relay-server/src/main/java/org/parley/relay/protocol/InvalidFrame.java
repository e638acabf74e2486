package org.parley.relay.protocol;

import java.util.Objects;
import java.util.Optional;

/**
 * A text message the relay refuses; it is answered with an {@code error} frame and the connection
 * lives on.
 *
 * @param code    the error code
 * @param message a human-readable reason that never quotes the offending content
 * @param ref     the offending frame's id, if one could be read and had valid syntax
 */
public record InvalidFrame(ErrorCode code, String message, Optional<String> ref) implements InboundFrame {
    public InvalidFrame {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(ref, "ref");
    }

    /** The answer to send back. */
    public ErrorFrame toError() {
        return new ErrorFrame(code, message, ref);
    }
}
