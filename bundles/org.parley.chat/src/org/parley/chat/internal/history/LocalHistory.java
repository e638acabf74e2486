package org.parley.chat.internal.history;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.h2.mvstore.MVStoreException;
import org.parley.chat.ChatEvent;
import org.parley.chat.ChatException;
import org.parley.chat.ChatListener;
import org.parley.chat.ChatMessage;
import org.parley.chat.Conversation;
import org.parley.chat.HistoryEntry;
import org.parley.chat.HistoryService;
import org.parley.identity.Identity;

/**
 * The client's {@link HistoryService}: records what a {@link org.parley.chat.ChatService} announces (as
 * its {@link ChatListener}) into an encrypted {@link HistoryStore} file, {@value #FILE_NAME} in the
 * client data directory, and reads it back.
 *
 * <h3>What is recorded</h3>
 * Every {@link ChatEvent.MessageAdded} (outgoing and incoming, Everyone and direct; a second one for the
 * same sender, message id and conversation is ignored), every {@link ChatEvent.MessageStatusChanged} (the
 * stored message's status is updated) and every {@link ChatEvent.Notice} (a notice entry). Events that
 * arrive while the history is locked are not recorded: nothing is written without the identity's key.
 *
 * <h3>Search: decrypt and scan, no index</h3>
 * {@link #search} decrypts entries newest first and stops as soon as it has {@code limit} matches. We
 * keep no word index because an index on disk would leak words (or, with HMAC tokens, word frequencies
 * and co-occurrence) and an index in memory would hold the plaintext of the whole history for as long as
 * it is unlocked, while the scan is fast enough. Measured with {@code LocalHistoryPerformanceTest} on a
 * shared 2-core machine (CPU time of the history thread; wall time was 2-7 times more under that load),
 * a search that matches nothing, i.e. that decrypts every entry: 10,000 entries 50-110 ms the first
 * time after unlocking (cold caches and code), 20-35 ms afterwards; 100,000 entries 450-610 ms, then
 * 105-150 ms. A search for common words stops early (100 matches in under 20 ms). AES-GCM itself costs
 * about 0.4 µs per entry; the rest is reading MVStore pages and decoding. The scan keeps nothing
 * decrypted afterwards.
 *
 * <h3>Damaged entries</h3>
 * An entry that fails to decrypt (tampered with, or damaged on disk) does not fail the call: {@link #page}
 * and {@link #export} return a notice ({@link HistoryStore#DAMAGED}, timestamp 0) at its seq, and
 * {@link #search} skips it. A history file of another identity fails to open as a whole, with a
 * {@link ChatException} saying so.
 *
 * <h3>Security guarantees</h3>
 * See {@link HistoryStore} and {@link HistoryKeys}: every stored value is sealed with AES-256-GCM under a
 * key derived from the unlocked identity; lookup keys are HMACs. Nothing is logged, and no exception
 * message contains history text.
 *
 * <h3>Threading</h3>
 * Thread-safe and non-blocking: every call, including {@link #onEvent}, queues its work on one background
 * thread that owns the store; futures complete on that thread.
 */
public final class LocalHistory implements HistoryService, ChatListener {

    /** The history file's name in the data directory. */
    public static final String FILE_NAME = "history.mv.db";
    /** Most entries one page or search returns. */
    public static final int MAX_LIMIT = 1000;

    static final String LOCKED_MESSAGE = "Unlock your identity to read the history.";

    private final Path file;
    private final ZoneId zone;
    private final ExecutorService executor;
    private HistoryStore store; // confined to executor, like unavailable
    private ChatException unavailable = new ChatException(LOCKED_MESSAGE);

    /** A history in {@code dataDirectory}, exporting times in the system's time zone. Locked until {@link #open}. */
    public LocalHistory(Path dataDirectory) {
        this(dataDirectory, ZoneId.systemDefault());
    }

    LocalHistory(Path dataDirectory, ZoneId zone) {
        this.file = dataDirectory.resolve(FILE_NAME);
        this.zone = Objects.requireNonNull(zone, "zone");
        this.executor = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "parley-history");
            t.setDaemon(true);
            return t;
        });
    }

    public Path file() {
        return file;
    }

    /**
     * Opens the history for {@code identity} (closing any open one), creating the file if absent. The
     * future fails if the file belongs to another identity, is in use or is damaged; calls then fail with
     * the same message until the next successful open.
     */
    public CompletableFuture<Void> open(Identity identity) {
        Objects.requireNonNull(identity, "identity");
        return submit(() -> {
            closeStore(new ChatException(LOCKED_MESSAGE));
            try {
                store = HistoryStore.open(file, HistoryKeys.of(identity), identity.user());
                unavailable = null;
            } catch (GeneralSecurityException e) {
                unavailable = new ChatException("Could not derive the history key: " + e.getMessage(), e);
            } catch (ChatException e) {
                unavailable = e;
            }
            if (unavailable != null) {
                throw unavailable;
            }
            return null;
        });
    }

    /** Closes the file (writing what is pending) and forgets the keys; calls fail until the next {@link #open}. */
    public CompletableFuture<Void> lock() {
        return submit(() -> {
            closeStore(new ChatException(LOCKED_MESSAGE));
            return null;
        });
    }

    /** Locks and stops the background thread (waiting a few seconds for queued work); later calls fail. */
    public void shutdown() {
        try {
            executor.execute(() -> closeStore(new ChatException("The history is closed.")));
        } catch (RejectedExecutionException e) {
            return; // already shut down
        }
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeStore(ChatException why) {
        if (store != null) {
            try {
                store.close();
            } catch (MVStoreException e) {
                // the file is left as MVStore's last commit had it; nothing more to do here
            }
            store = null;
        }
        unavailable = why;
    }

    // ChatListener: called on the chat service's event thread; must not block

    @Override
    public void onEvent(ChatEvent event) {
        if (!(event instanceof ChatEvent.MessageAdded || event instanceof ChatEvent.MessageStatusChanged
                || event instanceof ChatEvent.Notice)) {
            return;
        }
        try {
            executor.execute(() -> record(event));
        } catch (RejectedExecutionException e) {
            // shut down: nothing is recorded any more
        }
    }

    private void record(ChatEvent event) {
        if (store == null) {
            return; // locked: nothing is written without the key
        }
        try {
            if (event instanceof ChatEvent.MessageAdded added) {
                store.add(added.message());
            } else if (event instanceof ChatEvent.MessageStatusChanged changed) {
                store.updateStatus(changed.conversation(), changed.messageId(), changed.status());
            } else if (event instanceof ChatEvent.Notice notice) {
                store.addNotice(notice.conversation(), notice.text(), notice.timestamp());
            }
        } catch (ChatException | MVStoreException | IllegalArgumentException e) {
            // reported like a failing listener; messages name the file and the cause, never history text
            Thread t = Thread.currentThread();
            t.getUncaughtExceptionHandler().uncaughtException(t,
                    new IllegalStateException("Could not record an event in the history: " + e.getMessage()));
        }
    }

    // HistoryService

    @Override
    public CompletableFuture<Integer> count(Conversation conversation) {
        Objects.requireNonNull(conversation, "conversation");
        return read(s -> s.count(conversation));
    }

    @Override
    public CompletableFuture<List<HistoryEntry>> page(Conversation conversation, long beforeSeq, int limit) {
        Objects.requireNonNull(conversation, "conversation");
        if (limit < 1 || limit > MAX_LIMIT) {
            return CompletableFuture.failedFuture(new ChatException("A page has 1-" + MAX_LIMIT + " entries."));
        }
        return read(s -> s.page(conversation, beforeSeq, limit));
    }

    @Override
    public CompletableFuture<List<HistoryEntry>> search(String query, int limit) {
        Objects.requireNonNull(query, "query");
        if (limit < 1 || limit > MAX_LIMIT) {
            return CompletableFuture.failedFuture(new ChatException("A search finds 1-" + MAX_LIMIT + " entries."));
        }
        SearchQuery parsed;
        try {
            parsed = SearchQuery.parse(query);
        } catch (ChatException e) {
            return CompletableFuture.failedFuture(e);
        }
        return read(s -> parsed.isEmpty() ? List.of() : s.search(parsed, limit));
    }

    @Override
    public CompletableFuture<List<Conversation>> conversations() {
        return read(HistoryStore::conversations);
    }

    @Override
    public CompletableFuture<List<ChatMessage>> unsent() {
        return read(HistoryStore::unsent);
    }

    @Override
    public CompletableFuture<Integer> export(Conversation conversation, Path target, ExportFormat format) {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(format, "format");
        return read(s -> HistoryExport.write(action -> s.forEach(conversation, action), target, format, zone));
    }

    // plumbing

    private interface StoreTask<T> {
        T run(HistoryStore store) throws ChatException;
    }

    private interface Task<T> {
        T run() throws ChatException;
    }

    private <T> CompletableFuture<T> read(StoreTask<T> task) {
        return submit(() -> {
            if (store == null) {
                throw new ChatException(unavailable.getMessage(), unavailable.getCause());
            }
            try {
                return task.run(store);
            } catch (MVStoreException e) {
                throw new ChatException("Could not read the history in " + file + " (" + e.getMessage() + ").", e);
            }
        });
    }

    private <T> CompletableFuture<T> submit(Task<T> task) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return task.run();
                } catch (ChatException e) {
                    throw new CompletionException(e);
                }
            }, executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new ChatException("The history is closed."));
        }
    }

    @Override
    public String toString() {
        return "LocalHistory[" + file + "]";
    }
}
