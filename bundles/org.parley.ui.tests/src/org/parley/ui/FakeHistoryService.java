package org.parley.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import org.parley.chat.ChatException;
import org.parley.chat.ChatMessage;
import org.parley.chat.Conversation;
import org.parley.chat.HistoryEntry;
import org.parley.chat.HistoryService;

/** An in-memory history that records the pages, searches and exports asked of it. */
public final class FakeHistoryService implements HistoryService {

    public record PageCall(Conversation conversation, long beforeSeq, int limit) {
    }

    public record ExportCall(Conversation conversation, Path file, ExportFormat format) {
    }

    public final List<HistoryEntry> entries = new ArrayList<>();
    public final List<PageCall> pages = new ArrayList<>();
    public final List<ExportCall> exports = new ArrayList<>();
    public final List<String> searches = new ArrayList<>();
    public String failure;

    /** Adds {@code count} messages from {@code peer}, one a minute, ending at {@code endMillis}. */
    public void addMessages(String peer, int count, long endMillis) {
        Conversation c = Conversation.with(peer);
        for (int i = 0; i < count; i++) {
            long t = endMillis - (count - i) * 60_000L;
            boolean mine = i % 3 == 0;
            ChatMessage m = new ChatMessage("h" + i, c, mine ? "alice" : peer, mine, "history message " + i,
                    "rsa-oaep-aes-gcm", t, mine ? ChatMessage.Status.DELIVERED : ChatMessage.Status.RECEIVED);
            entries.add(new HistoryEntry(entries.size() + 1, c, HistoryEntry.Kind.MESSAGE, m, null, t));
        }
    }

    @Override
    public CompletableFuture<Integer> count(Conversation conversation) {
        return CompletableFuture.completedFuture((int) entries.stream().filter(e -> e.conversation().equals(conversation)).count());
    }

    @Override
    public CompletableFuture<List<HistoryEntry>> page(Conversation conversation, long beforeSeq, int limit) {
        pages.add(new PageCall(conversation, beforeSeq, limit));
        if (failure != null) {
            return CompletableFuture.failedFuture(new ChatException(failure));
        }
        List<HistoryEntry> matching = entries.stream()
                .filter(e -> e.conversation().equals(conversation) && e.seq() < beforeSeq)
                .sorted(Comparator.comparingLong(HistoryEntry::seq)).toList();
        return CompletableFuture.completedFuture(
                List.copyOf(matching.subList(Math.max(0, matching.size() - limit), matching.size())));
    }

    @Override
    public CompletableFuture<List<HistoryEntry>> search(String query, int limit) {
        searches.add(query);
        if (failure != null) {
            return CompletableFuture.failedFuture(new ChatException(failure));
        }
        String[] words = query.toLowerCase(Locale.ROOT).split("\\s+");
        List<HistoryEntry> found = new ArrayList<>();
        for (int i = entries.size() - 1; i >= 0 && found.size() < limit; i--) {
            String text = entries.get(i).text().toLowerCase(Locale.ROOT);
            boolean all = true;
            for (String w : words) {
                all &= text.contains(w);
            }
            if (all) {
                found.add(entries.get(i));
            }
        }
        return CompletableFuture.completedFuture(found);
    }

    @Override
    public CompletableFuture<List<Conversation>> conversations() {
        return CompletableFuture.completedFuture(entries.stream().map(HistoryEntry::conversation).distinct().toList());
    }

    @Override
    public CompletableFuture<List<ChatMessage>> unsent() {
        return CompletableFuture.completedFuture(entries.stream()
                .filter(e -> e.kind() == HistoryEntry.Kind.MESSAGE && e.message().outgoing()
                        && e.message().status() == ChatMessage.Status.SENDING)
                .map(HistoryEntry::message).toList());
    }

    @Override
    public CompletableFuture<Integer> export(Conversation conversation, Path file, ExportFormat format) {
        exports.add(new ExportCall(conversation, file, format));
        if (failure != null) {
            return CompletableFuture.failedFuture(new ChatException(failure));
        }
        return count(conversation);
    }
}
