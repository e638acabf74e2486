package org.parley.ui.model;

import org.parley.chat.ChatMessage;

/**
 * When a desktop notification is shown for a message, and what it says: only for someone else's
 * message, only when the user wants notifications, and only when its conversation is not in view (a
 * conversation counts as in view when its tab is showing in the active Parley window).
 */
public final class NotificationPolicy {

    static final int PREVIEW_LENGTH = 100;

    private NotificationPolicy() {
    }

    public static boolean shouldNotify(ChatMessage message, boolean enabled, boolean conversationInView) {
        return enabled && !message.outgoing() && !conversationInView;
    }

    /** "bob" or "bob in Everyone". */
    public static String title(ChatMessage message) {
        return message.conversation().isEveryone() ? message.sender() + " in Everyone" : message.sender();
    }

    /** The first line of the text, cut to a preview length. */
    public static String preview(ChatMessage message) {
        String text = message.text().strip();
        int newline = text.indexOf('\n');
        if (newline >= 0) {
            text = text.substring(0, newline) + " \u2026";
        }
        return text.length() <= PREVIEW_LENGTH ? text : text.substring(0, PREVIEW_LENGTH - 1) + "\u2026";
    }
}
