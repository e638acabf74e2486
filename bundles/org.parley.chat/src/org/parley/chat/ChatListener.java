package org.parley.chat;

/**
 * Receives {@link ChatEvent}s.
 *
 * <h3>Threading</h3>
 * Called on a background thread of the chat service, in event order. Must not block; UI code must hand
 * the event to its UI thread (for example with {@code UISynchronize.asyncExec}).
 */
@FunctionalInterface
public interface ChatListener {

    void onEvent(ChatEvent event);
}
