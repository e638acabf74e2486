package org.parley.relay.protocol;

/**
 * The fields of one frame as parsed, before validation. Each field is {@code null} (absent),
 * {@link #WRONG} (present with the wrong JSON type), or its value.
 *
 * <p>Threading: a short-lived local of one decode call; never shared.
 */
final class RawFrame {
    /** Marks a field present with the wrong JSON type or shape. */
    static final Object WRONG = new Object();
    /** Marks a {@code to} array longer than the relay's limit. */
    static final Object TOO_MANY = new Object();

    Object type;
    Object version;
    Object id;
    Object user;
    Object keys;
    Object to;
    Object everyone;
    Object scheme;
    Object body;
}
