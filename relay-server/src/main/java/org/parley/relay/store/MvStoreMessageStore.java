package org.parley.relay.store;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * The relay's {@link MessageStore}: an H2 MVStore file, {@value #FILE_NAME}, in the data directory
 * (owner-only on POSIX), with the four maps of {@link MapMessageStore} ({@code messages}, {@code headers},
 * {@code inbox}, {@code index}). Auto-commit is off; a {@link GroupCommitter} thread commits and syncs
 * the file once for all messages stored since its last sync (group commit), then reports them durable.
 * Deletions (acks, expiry) need no sync: one lost in a crash only means a repeated delivery, which
 * receivers de-duplicate. Expired copies are purged at start and every {@code purgeInterval}. MVStore
 * locks the file: a second relay on the same data directory fails to start.
 *
 * <p>Why MVStore: already the user registry's engine; copy-on-write chunks with checksums make a
 * crash ({@code kill -9}, power loss after the sync) recover to the last synced commit.
 *
 * <p>Threading: thread-safe; map operations run on the callers' threads (lock-free MVMap), commits,
 * syncs and purges on the committer's thread.
 */
public final class MvStoreMessageStore extends MapMessageStore {
    public static final String FILE_NAME = "messages.mv.db";
    private static final System.Logger LOG = System.getLogger(MvStoreMessageStore.class.getName());

    private final MVStore store;
    private final MVMap<Long, String> headers;
    private final MVMap<String, Long> inbox;
    private final GroupCommitter committer;

    private MvStoreMessageStore(MVStore store, MVMap<Long, String> headers, MVMap<String, Long> inbox,
            int maxPerUser, Duration ttl, Clock clock, CommitObserver observer) {
        super(store.openMap("messages"), headers, inbox, store.openMap("index"), maxPerUser, ttl, clock);
        this.store = store;
        this.headers = headers;
        this.inbox = inbox;
        recover();
        int purged = purgeExpired();
        store.commit();
        LOG.log(Level.INFO, "event=store-open file={0} queued={1} purged={2}", FILE_NAME, depth(), purged);
        this.committer = new GroupCommitter(store, observer, purgeInterval(ttl), this::purge);
    }

    /**
     * Opens (or creates) {@value #FILE_NAME} in {@code dataDir}, which must exist, purges expired copies and
     * starts the committer thread.
     */
    public static MvStoreMessageStore open(Path dataDir, int maxPerUser, Duration ttl, Clock clock,
            CommitObserver observer) throws StoreException {
        Path file = dataDir.resolve(FILE_NAME);
        MVStore store = null;
        try {
            if (!Files.exists(file) && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
            return new MvStoreMessageStore(store, store.openMap("headers"), store.openMap("inbox"), maxPerUser, ttl,
                    clock, observer);
        } catch (IOException | MVStoreException e) {
            if (store != null) {
                store.closeImmediately();
            }
            throw new StoreException("cannot open the message store " + file + ": " + e.getMessage(), e);
        }
    }

    /** Purge often enough that expired copies do not linger much beyond the TTL, but at most every second. */
    static Duration purgeInterval(Duration ttl) {
        Duration tenth = ttl.dividedBy(10);
        return tenth.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : tenth.compareTo(Duration.ofMinutes(10)) > 0 ? Duration.ofMinutes(10) : tenth;
    }

    private void purge() {
        int purged = purgeExpired();
        if (purged > 0) {
            LOG.log(Level.INFO, "event=store-purge expired={0} queued={1}", purged, depth());
        }
    }

    @Override
    Iterator<String> inboxKeysFrom(String key) {
        return inbox.keyIterator(key);
    }

    @Override
    Iterator<Long> headerKeys() {
        return headers.keyIterator(null);
    }

    @Override
    void whenDurable(DurabilityCallback callback) {
        committer.whenDurable(callback);
    }

    @Override
    public synchronized void close() {
        if (store.isClosed()) {
            return;
        }
        committer.close(); // last commit and sync of everything stored
        store.close();
        LOG.log(Level.INFO, "event=store-closed");
    }
}
