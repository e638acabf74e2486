package org.parley.chat.internal;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import org.parley.chat.ChatEvent;
import org.parley.chat.ChatListener;
import org.parley.chat.Conversation;

/** The registered {@link ChatListener}s; {@link #emit} is called on the client's event executor only. */
final class Listeners {

    private final List<ChatListener> listeners = new CopyOnWriteArrayList<>();

    void add(ChatListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void remove(ChatListener listener) {
        listeners.remove(listener);
    }

    void emit(ChatEvent event) {
        for (ChatListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                // one broken listener must not starve the others or the client
                Thread t = Thread.currentThread();
                t.getUncaughtExceptionHandler().uncaughtException(t, e);
            }
        }
    }

    void notice(Conversation conversation, String text) {
        emit(new ChatEvent.Notice(conversation, text, System.currentTimeMillis()));
    }
}
