package org.parley.chat;

import java.util.Objects;

/**
 * One entry of a conversation's local history.
 *
 * @param seq position in the history, increasing with time across all conversations; the key for paging
 * @param conversation the conversation it belongs to
 * @param kind a message, or a system line (join, leave, key change, a message that could not be opened)
 * @param message the message when {@code kind == MESSAGE} (with its latest delivery state), else null
 * @param notice the system line's text when {@code kind == NOTICE}, else null
 * @param timestamp milliseconds since the epoch
 */
public record HistoryEntry(long seq, Conversation conversation, Kind kind, ChatMessage message, String notice,
        long timestamp) {

    /** What an entry is. */
    public enum Kind {
        MESSAGE, NOTICE
    }

    public HistoryEntry {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.MESSAGE) != (message != null) || (kind == Kind.NOTICE) != (notice != null)) {
            throw new IllegalArgumentException("a " + kind + " entry needs exactly its own payload");
        }
    }

    /** The text to show or search: the message's text or the notice. */
    public String text() {
        return kind == Kind.MESSAGE ? message.text() : notice;
    }

    /** Never prints the text. */
    @Override
    public String toString() {
        return "HistoryEntry[" + seq + " " + conversation.title() + " " + kind + "]";
    }
}
