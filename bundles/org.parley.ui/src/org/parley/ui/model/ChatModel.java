package org.parley.ui.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

import org.parley.chat.ChatEvent;
import org.parley.chat.ChatMessage;
import org.parley.chat.ChatService;
import org.parley.chat.ChatSnapshot;
import org.parley.chat.Conversation;

/**
 * The UI's view of the chat service: transcripts per conversation and unread counts, kept from the
 * moment the application starts so that no message is lost before its conversation's part opens.
 *
 * <h3>Threading</h3>
 * Chat events arrive on a service thread and are handed to {@code uiExecutor}; all state here is read
 * and written on the UI thread only, and {@link Listener}s are called on it.
 */
public final class ChatModel {

    /** Told about changes, on the UI thread. */
    public interface Listener {
        /** The transcript or unread count of {@code conversation} changed. */
        void conversationChanged(Conversation conversation);

        /** Connection state or the contact list changed. */
        void directoryChanged(ChatSnapshot snapshot);
    }

    private final ChatService service;
    private final Map<Conversation, List<ChatLine>> transcripts = new HashMap<>();
    private final Map<Conversation, Integer> unread = new HashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final org.parley.chat.ChatListener subscription;
    private String connectionDetail = "";

    public ChatModel(ChatService service, Executor uiExecutor) {
        this.service = service;
        this.subscription = event -> uiExecutor.execute(() -> apply(event));
        service.addListener(subscription);
    }

    public ChatService service() {
        return service;
    }

    /** A copy of the transcript of {@code conversation}, oldest first. */
    public List<ChatLine> transcript(Conversation conversation) {
        return List.copyOf(transcripts.getOrDefault(conversation, List.of()));
    }

    public int unread(Conversation conversation) {
        return unread.getOrDefault(conversation, 0);
    }

    public void markRead(Conversation conversation) {
        if (unread.remove(conversation) != null) {
            listeners.forEach(l -> l.conversationChanged(conversation));
        }
    }

    /** The reason or address given with the last connection change; empty before the first. */
    public String connectionDetail() {
        return connectionDetail;
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /** Stops following the chat service. */
    public void dispose() {
        service.removeListener(subscription);
        listeners.clear();
    }

    private void apply(ChatEvent event) {
        if (event instanceof ChatEvent.MessageAdded added) {
            ChatMessage message = added.message();
            append(message.conversation(), ChatLine.of(message), !message.outgoing());
        } else if (event instanceof ChatEvent.MessageStatusChanged changed) {
            updateStatus(changed);
        } else if (event instanceof ChatEvent.Notice notice) {
            append(notice.conversation(), ChatLine.notice(notice.text(), notice.timestamp()), false);
        } else {
            if (event instanceof ChatEvent.ConnectionChanged changed) {
                connectionDetail = changed.detail() == null ? "" : changed.detail();
                if (changed.state() == org.parley.chat.ConnectionState.FAILED) {
                    append(Conversation.everyone(), ChatLine.notice("Connection failed: " + connectionDetail,
                            System.currentTimeMillis()), false);
                }
            }
            ChatSnapshot snapshot = service.snapshot();
            listeners.forEach(l -> l.directoryChanged(snapshot));
        }
    }

    private void append(Conversation conversation, ChatLine line, boolean countsAsUnread) {
        transcripts.computeIfAbsent(conversation, c -> new ArrayList<>()).add(line);
        if (countsAsUnread) {
            unread.merge(conversation, 1, Integer::sum);
        }
        listeners.forEach(l -> l.conversationChanged(conversation));
    }

    private void updateStatus(ChatEvent.MessageStatusChanged changed) {
        List<ChatLine> lines = transcripts.get(changed.conversation());
        if (lines == null) {
            return;
        }
        for (int i = lines.size() - 1; i >= 0; i--) {
            ChatLine line = lines.get(i);
            if (line.message().isPresent() && line.message().get().id().equals(changed.messageId())) {
                lines.set(i, ChatLine.of(line.message().get().withStatus(changed.status())));
                if (changed.status() == ChatMessage.Status.FAILED && changed.detail() != null) {
                    lines.add(i + 1, ChatLine.notice("Not sent: " + changed.detail(), System.currentTimeMillis()));
                }
                listeners.forEach(l -> l.conversationChanged(changed.conversation()));
                return;
            }
        }
    }
}
