package org.parley.chat;

import java.util.Objects;

/**
 * One message of a conversation, already decrypted.
 *
 * @param id the sender-chosen message id
 * @param conversation the conversation it belongs to
 * @param sender the sender's user name, as authenticated by the relay connection
 * @param outgoing true if the local user sent it
 * @param text the plaintext
 * @param schemeId the scheme it was encrypted with
 * @param timestamp milliseconds since the epoch (relay time for received messages)
 * @param status delivery state (outgoing messages) or {@link Status#RECEIVED}
 */
public record ChatMessage(String id, Conversation conversation, String sender, boolean outgoing, String text,
        String schemeId, long timestamp, Status status) {

    /**
     * Delivery state of a message: an outgoing one goes SENDING (not yet accepted by the relay) → SENT
     * (the relay stored it durably) → DELIVERED (the recipient's client acknowledged it), or FAILED
     * with a reason; incoming ones are RECEIVED.
     */
    public enum Status {
        SENDING, SENT, DELIVERED, FAILED, RECEIVED
    }

    public ChatMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(schemeId, "schemeId");
        Objects.requireNonNull(status, "status");
    }

    public ChatMessage withStatus(Status newStatus) {
        return new ChatMessage(id, conversation, sender, outgoing, text, schemeId, timestamp, newStatus);
    }

    /** Never prints the text. */
    @Override
    public String toString() {
        return "ChatMessage[" + id + " " + sender + " -> " + conversation.title() + ", " + status + "]";
    }
}
