package org.parley.ui;

import org.parley.chat.Conversation;

/**
 * Opens the chat part of a conversation. Parts receive it from the e4 context, so they do not depend on
 * the workbench model (and tests can supply their own).
 *
 * <h3>Threading</h3>
 * Call on the UI thread only.
 */
@FunctionalInterface
public interface ConversationOpener {

    /**
     * Shows the conversation's part, creating it if needed.
     *
     * @param activate true to give it focus, false to only make it visible (e.g. for an incoming message)
     */
    void open(Conversation conversation, boolean activate);

    /**
     * Whether the user can see {@code conversation} right now: its tab is showing in the active
     * window. Nothing is in view by default.
     */
    default boolean isInView(Conversation conversation) {
        return false;
    }
}
