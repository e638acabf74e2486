package org.parley.crypto.api;

import java.util.List;
import java.util.Objects;

/**
 * Input to {@link CryptoScheme#seal}.
 *
 * @param plaintext the message bytes; may be empty, never null
 * @param recipients at least one recipient
 * @param associatedData bytes authenticated but not encrypted (Parley passes the message id and
 *     sender); must be passed unchanged to {@link CryptoScheme#open}. Empty means none.
 */
public record SealRequest(byte[] plaintext, List<Recipient> recipients, byte[] associatedData) {

    public SealRequest {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(associatedData, "associatedData");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a message needs at least one recipient");
        }
    }

    /** Never prints the plaintext. */
    @Override
    public String toString() {
        return "SealRequest[" + plaintext.length + " bytes for " + recipients + "]";
    }
}
