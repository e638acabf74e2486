package org.parley.protocol;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The value formats of PROTOCOL.md §2 and the protocol's fixed caps. Frame records validate with
 * these on construction, so an invalid frame can neither be decoded nor encoded.
 */
public final class Formats {

    /** The protocol version this code speaks. */
    public static final int VERSION = 2;
    /** Most scheme keys one user may publish. */
    public static final int MAX_KEYS = 16;
    /** Largest decoded public key. */
    public static final int MAX_KEY_BYTES = 4096;

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_.-]{1,32}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern SCHEME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private Formats() {
    }

    public static boolean isUser(String s) {
        return s != null && USER.matcher(s).matches();
    }

    public static boolean isId(String s) {
        return s != null && ID.matcher(s).matches();
    }

    public static boolean isScheme(String s) {
        return s != null && SCHEME.matcher(s).matches();
    }

    static String user(String field, String value) {
        return check(field, value, isUser(value), "a user name of 1-32 characters [A-Za-z0-9_.-]");
    }

    static String id(String field, String value) {
        return check(field, value, isId(value), "an id of 1-64 characters [A-Za-z0-9_-]");
    }

    static String scheme(String field, String value) {
        return check(field, value, isScheme(value), "a scheme id of 1-64 characters [a-z0-9-]");
    }

    /** An error code: 1-64 characters (PROTOCOL.md §3.2). */
    static String code(String field, String value) {
        Objects.requireNonNull(value, field);
        if (value.isEmpty() || value.length() > 64) {
            throw new IllegalArgumentException(field + " must be 1-64 characters");
        }
        return value;
    }

    static long timestamp(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be milliseconds since the epoch, not negative");
        }
        return value;
    }

    static List<String> users(String field, List<String> names, int min) {
        Objects.requireNonNull(names, field);
        List<String> copy = List.copyOf(names);
        if (copy.size() < min) {
            throw new IllegalArgumentException(field + " needs at least " + min + " user name(s)");
        }
        if (new HashSet<>(copy).size() != copy.size()) {
            throw new IllegalArgumentException(field + " contains duplicate user names");
        }
        copy.forEach(name -> user(field + " entry", name));
        return copy;
    }

    /** Validates a key map: 1-16 entries, scheme ids as keys, each key 1-4096 bytes. */
    static Map<String, Bytes> keys(String field, Map<String, Bytes> keys) {
        Objects.requireNonNull(keys, field);
        if (keys.isEmpty() || keys.size() > MAX_KEYS) {
            throw new IllegalArgumentException(field + " must have 1-" + MAX_KEYS + " entries, has " + keys.size());
        }
        keys.forEach((scheme, key) -> {
            scheme(field + " key", scheme);
            Objects.requireNonNull(key, field + " value");
            if (key.size() == 0 || key.size() > MAX_KEY_BYTES) {
                throw new IllegalArgumentException(
                        field + "[" + scheme + "] must be 1-" + MAX_KEY_BYTES + " bytes, is " + key.size());
            }
        });
        // sorted, so encodings are canonical
        return java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(keys));
    }

    static Bytes size(String field, Bytes value, int exact) {
        Objects.requireNonNull(value, field);
        if (value.size() != exact) {
            throw new IllegalArgumentException(field + " must be exactly " + exact + " bytes, is " + value.size());
        }
        return value;
    }

    private static String check(String field, String value, boolean ok, String expected) {
        Objects.requireNonNull(value, field);
        if (!ok) {
            throw new IllegalArgumentException(field + " must be " + expected);
        }
        return value;
    }
}
