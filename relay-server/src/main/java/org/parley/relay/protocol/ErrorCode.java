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
    NAME_REGISTERED("name-registered"),
    BAD_BUNDLE("bad-bundle"),
    AUTH_FAILED("auth-failed"),
    RATE_LIMITED("rate-limited"),
    /**
     * Listed for completeness of §3.3 but never sent: this relay refuses a connection over the
     * per-address limit by closing the TCP connection before TLS, when no frame can be written yet.
     */
    TOO_MANY_CONNECTIONS("too-many-connections"),
    TOO_MANY_RECIPIENTS("too-many-recipients"),
    /** Only inside {@code sent.refused}: the recipient's offline queue is at {@code --max-queued-per-user}. */
    QUEUE_FULL("queue-full"),
    /** Only inside {@code sent.refused}: the recipient never registered (never logged in). */
    UNKNOWN_RECIPIENT("unknown-recipient"),
    /** A direct message none of whose recipients (other than the sender) is registered. */
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
