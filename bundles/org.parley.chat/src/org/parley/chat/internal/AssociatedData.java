package org.parley.chat.internal;

import java.nio.charset.StandardCharsets;

/**
 * The associated data every Parley message is sealed with (PROTOCOL.md §4.5): the UTF-8 bytes of
 * {@code "parley-msg-v2\n" + id + "\n" + from + "\n" + scheme}. A relay that re-labels the sender, the
 * message id or the scheme makes the message fail to open, independently of the envelope signature.
 */
final class AssociatedData {

    private AssociatedData() {
    }

    static byte[] of(String messageId, String from, String schemeId) {
        return ("parley-msg-v2\n" + messageId + "\n" + from + "\n" + schemeId).getBytes(StandardCharsets.UTF_8);
    }
}
