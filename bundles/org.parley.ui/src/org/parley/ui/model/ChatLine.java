package org.parley.ui.model;

import java.util.Objects;
import java.util.Optional;

import org.parley.chat.ChatMessage;

/**
 * One line of a conversation transcript: a message or a system notice (join, leave, a message that
 * could not be opened).
 *
 * @param message the message, for message lines
 * @param notice the notice text, for notice lines
 * @param timestamp milliseconds since the epoch
 */
public record ChatLine(Optional<ChatMessage> message, Optional<String> notice, long timestamp) {

    public ChatLine {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(notice, "notice");
        if (message.isPresent() == notice.isPresent()) {
            throw new IllegalArgumentException("a line is either a message or a notice");
        }
    }

    public static ChatLine of(ChatMessage message) {
        return new ChatLine(Optional.of(message), Optional.empty(), message.timestamp());
    }

    public static ChatLine notice(String text, long timestamp) {
        return new ChatLine(Optional.empty(), Optional.of(text), timestamp);
    }
}
