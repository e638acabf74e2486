package org.parley.relay.protocol;

/**
 * The error codes of PROTOCOL.md §3.3, with their wire spelling.
 *
 * <p>Threading: immutable, safe everywhere.
 */
public enum ErrorCode {
    BAD_JSON("bad-json"),
    BAD_FRAME("bad-frame"),
    UNKNOWN_TYPE("unknown-type"),
    UNSUPPORTED_VERSION("unsupported-version"),
    TOO_LARGE("too-large"),
    NOT_LOGGED_IN("not-logged-in"),
    ALREADY_LOGGED_IN("already-logged-in"),
    NAME_TAKEN("name-taken"),
    TOO_MANY_RECIPIENTS("too-many-recipients"),
    NO_RECIPIENTS("no-recipients");

    private final String wireName;

    ErrorCode(String wireName) {
        this.wireName = wireName;
    }

    /** The code as written in the {@code code} field of an {@code error} frame. */
    public String wireName() {
        return wireName;
    }
}
