package org.parley.protocol;

import java.util.Optional;

/** The error codes of PROTOCOL.md §3.3, with their wire names. */
public enum ErrorCode {
    BAD_JSON("bad-json"),
    BAD_FRAME("bad-frame"),
    UNKNOWN_TYPE("unknown-type"),
    UNSUPPORTED_VERSION("unsupported-version"),
    TOO_LARGE("too-large"),
    NOT_LOGGED_IN("not-logged-in"),
    ALREADY_LOGGED_IN("already-logged-in"),
    NAME_TAKEN("name-taken"),
    NAME_REGISTERED("name-registered"),
    BAD_BUNDLE("bad-bundle"),
    AUTH_FAILED("auth-failed"),
    RATE_LIMITED("rate-limited"),
    TOO_MANY_CONNECTIONS("too-many-connections"),
    TOO_MANY_RECIPIENTS("too-many-recipients"),
    NO_RECIPIENTS("no-recipients"),
    /** In {@code sent.refused}: the recipient's offline queue is at its bound. */
    QUEUE_FULL("queue-full"),
    /** In {@code sent.refused}: the recipient never registered. */
    UNKNOWN_RECIPIENT("unknown-recipient");

    private final String wireName;

    ErrorCode(String wireName) {
        this.wireName = wireName;
    }

    /** The code as written in an {@code error} frame, e.g. {@code bad-json}. */
    public String wireName() {
        return wireName;
    }

    /** The code with this wire name, or empty for a code this version does not know. */
    public static Optional<ErrorCode> fromWireName(String wireName) {
        for (ErrorCode code : values()) {
            if (code.wireName.equals(wireName)) {
                return Optional.of(code);
            }
        }
        return Optional.empty();
    }
}
