package org.parley.ui.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.parley.chat.ChatMessage;
import org.parley.chat.HistoryEntry;

/**
 * The lines of one conversation known to the UI: live ones since the application started, merged with
 * pages read from the local history. A line that is both live and in the history (the history service
 * records live messages too) is kept once, by its identity: sender and message id for messages, time
 * and text for notices.
 *
 * <h3>Threading</h3>
 * Not thread-safe; {@link ChatModel} uses it on the UI thread only.
 */
public final class Transcript {

    private final List<ChatLine> lines = new ArrayList<>();
    private final Set<String> keys = new HashSet<>();
    private long oldestSeq = Long.MAX_VALUE;
    private boolean historyExhausted;
    private boolean loading;
    private boolean historyRead;
    private int retryPageSize;

    /** Adds a live line at the end; false if it was already known. */
    boolean append(ChatLine line) {
        if (!keys.add(key(line))) {
            return false;
        }
        lines.add(line);
        return true;
    }

    /**
     * Merges a page of history entries that come before everything read from the history so far.
     *
     * @param pageSize the size asked for: a shorter page means the history has nothing older
     * @return how many lines were new
     */
    int mergeOlder(List<HistoryEntry> entries, int pageSize) {
        historyRead = true;
        if (entries.size() < pageSize) {
            historyExhausted = true;
        }
        List<ChatLine> older = new ArrayList<>();
        for (HistoryEntry entry : entries) {
            oldestSeq = Math.min(oldestSeq, entry.seq());
            ChatLine line = entry.kind() == HistoryEntry.Kind.MESSAGE ? ChatLine.of(entry.message())
                    : ChatLine.notice(entry.notice(), entry.timestamp());
            if (keys.add(key(line))) {
                older.add(line);
            }
        }
        int added = older.size();
        if (added > 0) {
            older.addAll(lines);
            // the newest page can interleave with live lines the history did not record (yet); a
            // stable sort keeps the order of lines with the same time
            older.sort(Comparator.comparingLong(ChatLine::timestamp));
            lines.clear();
            lines.addAll(older);
        }
        return added;
    }

    /** Replaces the message with the same identity by {@code updated}; false if not known. */
    boolean replace(ChatMessage updated, String noticeAfter) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            ChatLine line = lines.get(i);
            if (line.message().isPresent() && line.message().get().id().equals(updated.id())
                    && line.message().get().sender().equals(updated.sender())) {
                lines.set(i, ChatLine.of(updated));
                if (noticeAfter != null) {
                    ChatLine notice = ChatLine.notice(noticeAfter, System.currentTimeMillis());
                    keys.add(key(notice));
                    lines.add(i + 1, notice);
                }
                return true;
            }
        }
        return false;
    }

    /** The message with {@code id} sent by the local user, if known. */
    java.util.Optional<ChatMessage> outgoing(String id) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            ChatLine line = lines.get(i);
            if (line.message().isPresent() && line.message().get().outgoing() && line.message().get().id().equals(id)) {
                return line.message();
            }
        }
        return java.util.Optional.empty();
    }

    List<ChatLine> lines() {
        return lines;
    }

    /** The sequence number to page before: {@link Long#MAX_VALUE} until the first page is read. */
    long oldestSeq() {
        return oldestSeq;
    }

    boolean historyExhausted() {
        return historyExhausted;
    }

    boolean historyRead() {
        return historyRead;
    }

    boolean loading() {
        return loading;
    }

    void setLoading(boolean value) {
        loading = value;
    }

    void setHistoryExhausted() {
        historyExhausted = true;
    }

    /** The page size to ask again with once connected (the history was locked), or 0. */
    int retryPageSize() {
        return retryPageSize;
    }

    void setRetryPageSize(int pageSize) {
        retryPageSize = pageSize;
    }

    static String key(ChatLine line) {
        if (line.message().isPresent()) {
            ChatMessage m = line.message().get();
            return "m\u0000" + m.sender() + "\u0000" + m.id();
        }
        return "n\u0000" + line.timestamp() + "\u0000" + line.notice().get();
    }
}
