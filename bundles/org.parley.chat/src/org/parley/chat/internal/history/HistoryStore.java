package org.parley.chat.internal.history;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.parley.chat.ChatException;
import org.parley.chat.ChatMessage;
import org.parley.chat.Conversation;
import org.parley.chat.HistoryEntry;
import org.parley.chat.internal.history.EntryCodec.ConversationRecord;

/**
 * The history file: an H2 MVStore whose values are all sealed with {@link HistoryKeys}.
 *
 * <h3>Layout (format 1)</h3>
 * <ul>
 *   <li>{@code meta}: {@code format} = 1, {@code store-id} = 16 random bytes (in clear: they are random),
 *       {@code check} = a known constant sealed under the store's key, to recognise another identity's
 *       history before reading anything.</li>
 *   <li>{@code entries}: seq → sealed {@link EntryCodec entry}, associated data
 *       {@code "parley history v1 entry" || store-id || seq}: an entry cannot be moved to another seq or
 *       another history file without failing to open.</li>
 *   <li>{@code by-conversation}: {@code conversationTag + "/" + seq (16 hex digits)} → seq, for paging and
 *       counting one conversation in O(log n) per page.</li>
 *   <li>{@code message-ids}: {@code messageTag} → seq, for de-duplication and status updates.</li>
 *   <li>{@code conversations}: {@code conversationTag} → sealed {@link ConversationRecord} (peer name and
 *       last seq), associated data {@code "parley history v1 conversation" || store-id || tag}.</li>
 *   <li>{@code unsent}: {@code unsentTag} → sealed seq, associated data
 *       {@code "parley history v1 unsent" || store-id || tag}: the local user's messages still SENDING, so
 *       that a restart finds them without decrypting the whole history. Its own tag (not the message
 *       tag of {@code message-ids}) and a sealed seq keep which entries are unsent, and so which are
 *       outgoing, out of sight; the file shows only how many there are.</li>
 * </ul>
 * Tags are {@link HistoryKeys#tag HMAC lookup keys}: {@code tag("conversation", peer)} and
 * {@code tag("message", peer, sender, id)}. The message tag includes the sender, so a peer who reuses
 * another sender's message id in the Everyone conversation cannot suppress or overwrite that message.
 *
 * <h3>Security guarantees</h3>
 * Every text, name, scheme, status and timestamp is sealed. What the file shows in clear: how many
 * entries there are, how they split into (unnamed) conversations, their sizes, and roughly when they
 * were written (MVStore chunk times). An entry that fails to open (tampered with, or damaged) is
 * returned as a {@linkplain #DAMAGED notice} in its place by {@link #page} and {@link #forEach} (export)
 * and skipped by {@link #search}; the rest of the history stays readable. Deleting or rolling back whole entries is
 * not detected.
 *
 * <h3>Threading</h3>
 * Not thread-safe: confined to the history's executor.
 */
final class HistoryStore implements AutoCloseable {

    /** The text shown in place of an entry that could not be opened. */
    static final String DAMAGED = "This history entry could not be read: it is damaged or was tampered with.";

    static final int FORMAT = 1;
    static final int STORE_ID_BYTES = 16;
    private static final byte[] CHECK = "parley history v1 check".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ENTRY_AD = "parley history v1 entry".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CONVERSATION_AD = "parley history v1 conversation".getBytes(StandardCharsets.UTF_8);
    private static final byte[] UNSENT_AD = "parley history v1 unsent".getBytes(StandardCharsets.UTF_8);
    private static final int CACHE_MB = 8;
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final MVStore store;
    private final HistoryKeys keys;
    private final String localUser;
    private final byte[] storeId;
    private final MVMap<Long, byte[]> entries;
    private final MVMap<String, Long> byConversation;
    private final MVMap<String, Long> messageIds;
    private final MVMap<String, byte[]> conversations;
    private final MVMap<String, byte[]> unsent;

    private HistoryStore(Path file, MVStore store, HistoryKeys keys, String localUser, byte[] storeId) {
        this.file = file;
        this.store = store;
        this.keys = keys;
        this.localUser = localUser;
        this.storeId = storeId;
        this.entries = store.openMap("entries");
        this.byConversation = store.openMap("by-conversation");
        this.messageIds = store.openMap("message-ids");
        this.conversations = store.openMap("conversations");
        this.unsent = store.openMap("unsent");
    }

    /**
     * Opens (creating it owner-only if absent) the history in {@code file} for the identity whose keys
     * are {@code keys} and whose user name is {@code localUser} (the sender of outgoing messages).
     *
     * @throws ChatException if the file belongs to another identity, is in use or is damaged
     */
    static HistoryStore open(Path file, HistoryKeys keys, String localUser) throws ChatException {
        createOwnerOnly(file);
        MVStore store;
        try {
            // no compression: sealed values do not compress, and it would only cost time
            store = new MVStore.Builder().fileName(file.toString()).cacheSize(CACHE_MB).open();
        } catch (MVStoreException e) {
            if (e.getErrorCode() == org.h2.mvstore.DataUtils.ERROR_FILE_LOCKED) {
                throw new ChatException("The history in " + file + " is in use by another Parley instance.", e);
            }
            throw new ChatException("The history in " + file + " is damaged and cannot be opened ("
                    + e.getMessage() + ").", e);
        }
        try {
            byte[] storeId = checkOrInitialise(file, store, keys);
            return new HistoryStore(file, store, keys, localUser, storeId);
        } catch (ChatException | RuntimeException e) {
            store.closeImmediately();
            throw e;
        }
    }

    private static byte[] checkOrInitialise(Path file, MVStore store, HistoryKeys keys) throws ChatException {
        MVMap<String, byte[]> meta = store.openMap("meta");
        try {
            byte[] format = meta.get("format");
            if (format == null) {
                Set<String> others = new java.util.HashSet<>(store.getMapNames());
                others.remove("meta");
                if (!others.isEmpty()) {
                    throw new ChatException("The history in " + file + " is damaged: it has entries but no header.");
                }
                byte[] storeId = new byte[STORE_ID_BYTES];
                RANDOM.nextBytes(storeId);
                meta.put("store-id", storeId);
                meta.put("check", keys.seal(CHECK, concat(CHECK, storeId)));
                meta.put("format", new byte[] { FORMAT });
                store.commit();
                return storeId;
            }
            if (format.length != 1 || format[0] != FORMAT) {
                throw new ChatException("The history in " + file + " was written by a newer version of Parley.");
            }
            byte[] storeId = meta.get("store-id");
            byte[] check = meta.get("check");
            if (storeId == null || storeId.length != STORE_ID_BYTES || check == null) {
                throw new ChatException("The history in " + file + " is damaged: its header is incomplete.");
            }
            byte[] opened;
            try {
                opened = keys.open(check, concat(CHECK, storeId));
            } catch (GeneralSecurityException e) {
                throw new ChatException("The history in " + file + " was written by another identity and cannot "
                        + "be opened with yours. Move the file away to start a new history.", e);
            }
            if (!MessageDigest.isEqual(opened, CHECK)) {
                throw new ChatException("The history in " + file + " is damaged: its header does not check.");
            }
            return storeId;
        } catch (GeneralSecurityException e) {
            throw new ChatException("Could not encrypt the history: " + e.getMessage(), e);
        }
    }

    private static void createOwnerOnly(Path file) throws ChatException {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                if (POSIX) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(dir);
                }
            }
            Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
            if (!Files.exists(file)) {
                // created empty and owner-only before MVStore opens it, so it is never readable by others
                if (POSIX) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
                } else {
                    Files.createFile(file);
                }
            } else if (POSIX && !Files.getPosixFilePermissions(file).equals(ownerOnly)) {
                Files.setPosixFilePermissions(file, ownerOnly);
            }
        } catch (IOException e) {
            throw new ChatException("Could not create the history file " + file + ": " + e.getMessage(), e);
        }
    }

    Path file() {
        return file;
    }

    /** Records {@code message}; false (nothing changes) if this sender's message id is already in its conversation. */
    boolean add(ChatMessage message) throws ChatException {
        String messageTag = messageTag(message.conversation(), message.sender(), message.id());
        if (messageIds.containsKey(messageTag)) {
            return false;
        }
        long seq = append(new HistoryEntryDraft(message.conversation(), message, null, message.timestamp()));
        messageIds.put(messageTag, seq);
        trackUnsent(message, seq);
        return true;
    }

    /** Records a notice line. */
    long addNotice(Conversation conversation, String text, long timestamp) throws ChatException {
        return append(new HistoryEntryDraft(conversation, null, text, timestamp));
    }

    /**
     * Sets the status of the local user's message {@code messageId} in {@code conversation}; false if it
     * is not in the history (or its entry cannot be opened).
     */
    boolean updateStatus(Conversation conversation, String messageId, ChatMessage.Status status)
            throws ChatException {
        Long seq = messageIds.get(messageTag(conversation, localUser, messageId));
        if (seq == null) {
            return false;
        }
        HistoryEntry entry = read(seq, conversation);
        if (entry.kind() != HistoryEntry.Kind.MESSAGE || !entry.message().id().equals(messageId)) {
            return false; // damaged; leave it as it is
        }
        if (entry.message().status() != status) {
            ChatMessage message = entry.message().withStatus(status);
            HistoryEntry updated = new HistoryEntry(seq, conversation, HistoryEntry.Kind.MESSAGE, message, null,
                    entry.timestamp());
            entries.put(seq, seal(EntryCodec.encode(updated), entryAd(seq)));
            trackUnsent(message, seq);
        }
        return true;
    }

    /**
     * The local user's messages still SENDING, oldest first. Index entries that do not open, or whose
     * entry is no longer an unsent message of the local user (damaged or tampered with), are left out.
     */
    List<ChatMessage> unsent() {
        TreeMap<Long, ChatMessage> found = new TreeMap<>();
        Cursor<String, byte[]> cursor = unsent.cursor(null);
        while (cursor.hasNext()) {
            String tag = cursor.next();
            try {
                long seq = ByteBuffer.wrap(keys.open(cursor.getValue(), unsentAd(tag))).getLong();
                HistoryEntry entry = tryOpen(seq, entries.get(seq));
                if (entry != null && entry.kind() == HistoryEntry.Kind.MESSAGE && isUnsent(entry.message())
                        && tag.equals(unsentTag(entry.message()))) {
                    found.put(seq, entry.message());
                }
            } catch (GeneralSecurityException | BufferUnderflowException e) {
                // tampered with or damaged: leave it out
            }
        }
        return List.copyOf(found.values());
    }
    int count(Conversation conversation) {
        String tag = conversationTag(conversation);
        long from = insertionPoint(tag + "/");
        long to = insertionPoint(tag + "0"); // '0' follows '/': just past every key of this conversation
        return (int) (to - from);
    }

    private long insertionPoint(String absentKey) {
        long i = byConversation.getKeyIndex(absentKey);
        return i < 0 ? -(i + 1) : i;
    }

    /** Up to {@code limit} entries before {@code beforeSeq}, oldest first. */
    List<HistoryEntry> page(Conversation conversation, long beforeSeq, int limit) {
        if (beforeSeq <= 1) {
            return List.of();
        }
        String prefix = conversationTag(conversation) + "/";
        Iterator<String> it = byConversation.keyIteratorReverse(prefix + hex(beforeSeq - 1));
        List<HistoryEntry> page = new ArrayList<>(Math.min(limit, 64));
        while (page.size() < limit && it.hasNext()) {
            String key = it.next();
            if (!key.startsWith(prefix)) {
                break;
            }
            page.add(read(Long.parseLong(key.substring(prefix.length()), 16), conversation));
        }
        Collections.reverse(page);
        return page;
    }

    /** Every entry of {@code conversation}, oldest first (for export). */
    void forEach(Conversation conversation, Consumer<HistoryEntry> action) {
        String prefix = conversationTag(conversation) + "/";
        Iterator<String> it = byConversation.keyIterator(prefix);
        while (it.hasNext()) {
            String key = it.next();
            if (!key.startsWith(prefix)) {
                break;
            }
            action.accept(read(Long.parseLong(key.substring(prefix.length()), 16), conversation));
        }
    }

    /**
     * Up to {@code limit} entries of any conversation that {@code matches}, newest first. Decrypts entries
     * newest first until it has enough; entries that cannot be opened are skipped.
     */
    List<HistoryEntry> search(Predicate<String> matches, int limit) {
        List<HistoryEntry> found = new ArrayList<>();
        Cursor<Long, byte[]> cursor = entries.cursor(null, null, true);
        while (found.size() < limit && cursor.hasNext()) {
            long seq = cursor.next();
            HistoryEntry entry = tryOpen(seq, cursor.getValue());
            if (entry != null && matches.test(entry.text())) {
                found.add(entry);
            }
        }
        return found;
    }

    /** Conversations with any history, most recently active first; unreadable records are skipped. */
    List<Conversation> conversations() {
        List<ConversationRecord> all = new ArrayList<>();
        Cursor<String, byte[]> cursor = conversations.cursor(null);
        while (cursor.hasNext()) {
            String tag = cursor.next();
            try {
                ConversationRecord record = EntryCodec.decodeConversation(keys.open(cursor.getValue(),
                        conversationAd(tag)));
                if (tag.equals(conversationTag(record.conversation()))) {
                    all.add(record);
                }
            } catch (GeneralSecurityException | IOException e) {
                // tampered with or damaged: leave it out; its entries are still counted and paged
            }
        }
        all.sort(Comparator.comparingLong(ConversationRecord::lastSeq).reversed());
        return all.stream().map(ConversationRecord::conversation).toList();
    }

    /** Writes what is pending to disk (MVStore also does so by itself about once a second). */
    void commit() {
        store.commit();
    }

    /**
     * Commits and closes. No compaction on close: within a short time budget MVStore's compaction only
     * moves live chunks to the end of the file and makes it larger; its background writer reclaims the
     * space of overwritten values (status and conversation updates) while the history is open.
     */
    @Override
    public void close() {
        store.close();
    }

    // internals

    /** Adds {@code message} (at {@code seq}) to the unsent index if it is unsent, else removes it. */
    private void trackUnsent(ChatMessage message, long seq) throws ChatException {
        if (!message.outgoing()) {
            return;
        }
        String tag = unsentTag(message);
        if (isUnsent(message)) {
            unsent.put(tag, seal(ByteBuffer.allocate(8).putLong(seq).array(), unsentAd(tag)));
        } else {
            unsent.remove(tag);
        }
    }

    private boolean isUnsent(ChatMessage message) {
        return message.outgoing() && message.sender().equals(localUser)
                && message.status() == ChatMessage.Status.SENDING;
    }

    private String unsentTag(ChatMessage message) {
        return keys.tag("unsent", message.conversation().peer(), message.id());
    }

    private byte[] unsentAd(String tag) {
        return concat(concat(UNSENT_AD, storeId), tag.getBytes(StandardCharsets.US_ASCII));
    }

    /** An entry before it has its seq. */
    private record HistoryEntryDraft(Conversation conversation, ChatMessage message, String notice, long timestamp) {
    }

    private long append(HistoryEntryDraft draft) throws ChatException {
        Long last = entries.lastKey();
        long seq = last == null ? 1 : last + 1;
        HistoryEntry entry = new HistoryEntry(seq, draft.conversation(),
                draft.message() != null ? HistoryEntry.Kind.MESSAGE : HistoryEntry.Kind.NOTICE, draft.message(),
                draft.notice(), draft.timestamp());
        String tag = conversationTag(draft.conversation());
        byte[] sealedEntry = seal(EntryCodec.encode(entry), entryAd(seq));
        byte[] sealedConversation = seal(EntryCodec.encode(new ConversationRecord(draft.conversation(), seq)),
                conversationAd(tag));
        entries.put(seq, sealedEntry);
        byConversation.put(tag + "/" + hex(seq), seq);
        conversations.put(tag, sealedConversation);
        return seq;
    }

    /**
     * The entry at {@code seq}, or a {@link #DAMAGED} notice if it is missing, cannot be opened, or belongs
     * to another conversation (a tampered index).
     */
    private HistoryEntry read(long seq, Conversation conversation) {
        HistoryEntry entry = tryOpen(seq, entries.get(seq));
        if (entry == null || !entry.conversation().equals(conversation)) {
            return new HistoryEntry(seq, conversation, HistoryEntry.Kind.NOTICE, null, DAMAGED, 0);
        }
        return entry;
    }

    private HistoryEntry tryOpen(long seq, byte[] sealed) {
        if (sealed == null) {
            return null;
        }
        try {
            return EntryCodec.decode(seq, keys.open(sealed, entryAd(seq)));
        } catch (GeneralSecurityException | IOException e) {
            return null;
        }
    }

    private byte[] seal(byte[] plaintext, byte[] ad) throws ChatException {
        try {
            return keys.seal(plaintext, ad);
        } catch (GeneralSecurityException e) {
            throw new ChatException("Could not encrypt the history: " + e.getMessage(), e);
        }
    }

    private String conversationTag(Conversation conversation) {
        return keys.tag("conversation", conversation.peer());
    }

    private String messageTag(Conversation conversation, String sender, String id) {
        return keys.tag("message", conversation.peer(), sender, id);
    }

    private byte[] entryAd(long seq) {
        return ByteBuffer.allocate(ENTRY_AD.length + STORE_ID_BYTES + 8).put(ENTRY_AD).put(storeId).putLong(seq)
                .array();
    }

    private byte[] conversationAd(String tag) {
        return concat(concat(CONVERSATION_AD, storeId), tag.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String hex(long seq) {
        return String.format("%016x", seq);
    }

    @Override
    public String toString() {
        return "HistoryStore[" + file + "]";
    }
}
