package org.parley.relay.protocol;

/**
 * The fields of one frame as parsed, before validation. Each field is {@code null} (absent),
 * {@link #WRONG} (present with the wrong JSON type), or its value: a {@code String}, {@code Integer}
 * ({@code v}), {@code Long} ({@code cts}), {@code Boolean}, {@code List<String>} ({@code to}) or
 * {@link RawBundle} ({@code bundle}).
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
    Object bundle;
    Object sig;
    Object to;
    Object everyone;
    Object scheme;
    Object body;
    Object cts;
    Object ref;
    Object from;
    Object presence;

    /** The fields of a {@code bundle} object, with the same conventions. */
    static final class RawBundle {
        Object identity;
        Object keys;
        Object created;
        Object sig;
    }
}
