package org.parley.relay.protocol;

import java.util.Optional;

/**
 * {@code error}: a frame was refused.
 *
 * @param code    the error code
 * @param message human-readable reason (never quotes client content)
 * @param ref     the refused frame's id, absent if unknown
 */
public record ErrorFrame(ErrorCode code, String message, Optional<String> ref) implements OutboundFrame {
    /** An error about the frame with id {@code ref}. */
    public static ErrorFrame of(ErrorCode code, String message, String ref) {
        return new ErrorFrame(code, message, Optional.of(ref));
    }
}
