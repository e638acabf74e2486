package org.parley.chat;

/** Everything a client UI needs to follow: connection, presence, messages. Immutable values. */
public sealed interface ChatEvent {

    /** The connection changed state; {@code detail} is a human-readable reason or the relay address. */
    record ConnectionChanged(ConnectionState state, String detail) implements ChatEvent {
    }

    /** A contact came online ({@code online == true}) or left. */
    record PresenceChanged(Contact contact, boolean online) implements ChatEvent {
    }

    /** A message arrived, or the local user sent one. */
    record MessageAdded(ChatMessage message) implements ChatEvent {
    }

    /** A message sent by the local user changed delivery state. */
    record MessageStatusChanged(Conversation conversation, String messageId, ChatMessage.Status status,
            String detail) implements ChatEvent {
    }

    /**
     * A line for a conversation that is not a message: joins, leaves, a message that could not be
     * opened (with the reason), and so on.
     */
    record Notice(Conversation conversation, String text, long timestamp) implements ChatEvent {
    }
}
