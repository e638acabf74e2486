package org.parley.crypto.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identity of a scheme.
 *
 * @param id stable wire identifier, e.g. {@code rsa-oaep-aes-gcm}: lower-case letters, digits and
 *     dashes, 1 to 64 characters. It is signed into every message envelope.
 * @param displayName human-readable name for the UI
 */
public record SchemeInfo(String id, String displayName) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    public SchemeInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "scheme id must be 1-64 characters of [a-z0-9-] starting with a letter or digit: " + id);
        }
    }
}
