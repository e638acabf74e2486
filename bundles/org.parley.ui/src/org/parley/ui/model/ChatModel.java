package org.parley.ui.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

import org.parley.chat.ChatEvent;
import org.parley.chat.ChatMessage;
import org.parley.chat.ChatService;
import org.parley.chat.ChatSnapshot;
import org.parley.chat.Conversation;
import org.parley.chat.HistoryEntry;
import org.parley.chat.HistoryService;

/**
 * The UI's view of the chat service: transcripts per conversation and unread counts, kept from the
 * moment the application starts so that no message is lost before its conversation's part opens, and
 * merged with pages of the local history (when a {@link HistoryService} is present) read on demand.
 *
 * <h3>Threading</h3>
 * Chat events and history pages arrive on service threads and are handed to {@code uiExecutor}; all
 * state here is read and written on the UI thread only, and {@link Listener}s are called on it.
 */
public final class ChatModel {

    /** Told about changes, on the UI thread. */
    public interface Listener {
        /** The transcript or unread count of {@code conversation} changed. */
        void conversationChanged(Conversation conversation);

        /** Connection state or the contact list changed. */
        void directoryChanged(ChatSnapshot snapshot);

        /** A message from someone else arrived (after {@link #conversationChanged}). */
        default void messageReceived(ChatMessage message) {
        }
    }

    private final ChatService service;
    private final Executor uiExecutor;
    private final Map<Conversation, Transcript> transcripts = new HashMap<>();
    private final Map<Conversation, Integer> unread = new HashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final org.parley.chat.ChatListener subscription;
    private String connectionDetail = "";
    private Optional<HistoryService> history = Optional.empty();

    public ChatModel(ChatService service, Executor uiExecutor) {
        this.service = service;
        this.uiExecutor = uiExecutor;
        this.subscription = event -> uiExecutor.execute(() -> apply(event));
        service.addListener(subscription);
    }

    public ChatService service() {
        return service;
    }

    /** Uses {@code service} for older pages from now on; empty: live lines only. */
    public void setHistory(Optional<HistoryService> service) {
        history = service;
    }

    public Optional<HistoryService> history() {
        return history;
    }

    /** A copy of the transcript of {@code conversation}, oldest first. */
    public List<ChatLine> transcript(Conversation conversation) {
        Transcript t = transcripts.get(conversation);
        return t == null ? List.of() : List.copyOf(t.lines());
    }

    /** Whether the history may hold lines older than those loaded (false without a history). */
    public boolean hasOlder(Conversation conversation) {
        Transcript t = transcripts.get(conversation);
        return history.isPresent() && (t == null || !t.historyExhausted());
    }

    /** Whether a page of {@code conversation} is being read from the history. */
    public boolean loadingOlder(Conversation conversation) {
        Transcript t = transcripts.get(conversation);
        return t != null && t.loading();
    }

    /**
     * Reads the next older page of {@code conversation} from the history (the newest page the first
     * time), unless one is being read already or there is nothing older; listeners hear about it
     * through {@link Listener#conversationChanged}. A history failure is shown once as a notice.
     */
    public void loadOlder(Conversation conversation, int pageSize) {
        if (history.isEmpty()) {
            return;
        }
        Transcript t = transcripts.computeIfAbsent(conversation, c -> new Transcript());
        if (t.loading() || t.historyExhausted()) {
            return;
        }
        t.setLoading(true);
        HistoryService source = history.get();
        source.page(conversation, t.oldestSeq(), pageSize)
                .whenComplete((page, failure) -> uiExecutor.execute(() -> applyPage(conversation, t, page, failure, pageSize)));
    }

    private void applyPage(Conversation conversation, Transcript t, List<HistoryEntry> page, Throwable failure,
            int pageSize) {
        t.setLoading(false);
        t.setRetryPageSize(0);
        if (failure != null && service.snapshot().state() != org.parley.chat.ConnectionState.CONNECTED) {
            // most likely the identity is not unlocked yet (the history's key comes from it): ask again
            // once connected, and only then call a failure a failure
            t.setRetryPageSize(pageSize);
        } else if (failure != null) {
            t.setHistoryExhausted();
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            t.append(ChatLine.notice("Older messages could not be read from the local history: "
                    + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()),
                    System.currentTimeMillis()));
        } else {
            t.mergeOlder(page, pageSize);
        }
        listeners.forEach(l -> l.conversationChanged(conversation));
    }

    private void retryHistory() {
        transcripts.forEach((conversation, t) -> {
            if (t.retryPageSize() > 0) {
                loadOlder(conversation, t.retryPageSize());
            }
        });
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
            if (!message.outgoing()) {
                listeners.forEach(l -> l.messageReceived(message));
            }
        } else if (event instanceof ChatEvent.MessageStatusChanged changed) {
            updateStatus(changed);
        } else if (event instanceof ChatEvent.Notice notice) {
            append(notice.conversation(), ChatLine.notice(notice.text(), notice.timestamp()), false);
        } else {
            if (event instanceof ChatEvent.ConnectionChanged changed) {
                connectionDetail = changed.detail() == null ? "" : changed.detail();
                if (changed.state() == org.parley.chat.ConnectionState.CONNECTED) {
                    retryHistory();
                }
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
        if (!transcripts.computeIfAbsent(conversation, c -> new Transcript()).append(line)) {
            return;
        }
        if (countsAsUnread) {
            unread.merge(conversation, 1, Integer::sum);
        }
        listeners.forEach(l -> l.conversationChanged(conversation));
    }

    private void updateStatus(ChatEvent.MessageStatusChanged changed) {
        Transcript t = transcripts.get(changed.conversation());
        if (t == null) {
            return;
        }
        Optional<ChatMessage> message = t.outgoing(changed.messageId());
        if (message.isPresent()) {
            String reason = changed.status() == ChatMessage.Status.FAILED && changed.detail() != null
                    ? "Not sent: " + changed.detail() + " (right-click it: Send Again)"
                    : null;
            t.replace(message.get().withStatus(changed.status()), reason);
            listeners.forEach(l -> l.conversationChanged(changed.conversation()));
        }
    }
}
