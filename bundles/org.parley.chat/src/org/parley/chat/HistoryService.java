package org.parley.chat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The local, encrypted history of every conversation: messages and system lines, kept across restarts,
 * read lazily a page at a time, searchable and exportable.
 *
 * <h3>Security guarantees</h3>
 * Entries are stored encrypted at rest (AES-256-GCM) under a key that can only be derived once the
 * identity is unlocked with its passphrase; nothing is readable, searchable or written while the
 * identity is locked (calls then fail with a {@link ChatException} saying so). Search runs on the
 * client only. Export writes plaintext, by the user's explicit request, to the file the user chose.
 *
 * <h3>Threading</h3>
 * All methods are thread-safe and non-blocking; results arrive through the returned futures, completed
 * on a background thread, never on the caller's thread.
 */
public interface HistoryService {

    /** How many entries (messages and system lines) the conversation has in the history. */
    CompletableFuture<Integer> count(Conversation conversation);

    /**
     * Up to {@code limit} entries of the conversation that come before {@code beforeSeq}
     * ({@link Long#MAX_VALUE} for the newest), in chronological order (oldest first).
     */
    CompletableFuture<List<HistoryEntry>> page(Conversation conversation, long beforeSeq, int limit);

    /**
     * Entries of any conversation whose text contains every word of {@code query} (case-insensitive),
     * newest first, at most {@code limit}.
     */
    CompletableFuture<List<HistoryEntry>> search(String query, int limit);

    /** The conversations that have any history, most recently active first. */
    CompletableFuture<List<Conversation>> conversations();

    /**
     * Writes the whole conversation to {@code file} in {@code format}, replacing it atomically.
     * Completes with the number of entries written.
     */
    CompletableFuture<Integer> export(Conversation conversation, Path file, ExportFormat format);

    /**
     * The local user's messages that are still {@link ChatMessage.Status#SENDING} in the history, oldest
     * first: after a restart, the ones the relay never accepted before Parley was closed (or crashed).
     */
    CompletableFuture<List<ChatMessage>> unsent();

    /** Export formats. */
    enum ExportFormat {
        /** One line per entry: {@code [yyyy-MM-dd HH:mm:ss] sender: text}. */
        TEXT,
        /** A JSON array of objects with seq, kind, sender, text, scheme, timestamp and status. */
        JSON
    }
}
