package org.parley.protocol;

import java.util.Objects;

/**
 * A text could not be decoded as a valid frame. Carries the {@link ErrorCode} a relay answers with
 * and a message for humans; the message never quotes binary field contents.
 */
public class ProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public ProtocolException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ProtocolException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The error code to report, e.g. {@link ErrorCode#BAD_FRAME}. */
    public ErrorCode code() {
        return code;
    }
}
