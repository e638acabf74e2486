package org.parley.relay.registry;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * The relay's {@link UserRegistry}: an H2 MVStore file, {@value #FILE_NAME}, in the data directory
 * (owner-only on POSIX). Two maps, {@code identity-keys} (name → SPKI DER) and {@code first-seen}
 * (name → ms), are written together in one MVStore commit, followed by a file sync, before
 * {@link #bind} returns. Auto-commit is off, so MVStore starts no background thread and writes only
 * when a name is bound. MVStore locks the file: a second relay on the same data directory fails to start.
 *
 * <p>Threading: thread-safe. Reads are lock-free MVMap lookups; {@link #bind} is serialised.
 */
public final class MvStoreUserRegistry implements UserRegistry {
    public static final String FILE_NAME = "users.mv.db";

    private final MVStore store;
    private final MVMap<String, byte[]> identityKeys;
    private final MVMap<String, Long> firstSeen;

    private MvStoreUserRegistry(MVStore store) {
        this.store = store;
        this.identityKeys = store.openMap("identity-keys");
        this.firstSeen = store.openMap("first-seen");
    }

    /** Opens (or creates) {@value #FILE_NAME} in {@code dataDir}, which must exist. */
    public static MvStoreUserRegistry open(Path dataDir) throws RegistryException {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (!Files.exists(file) && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            return new MvStoreUserRegistry(new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open());
        } catch (IOException | MVStoreException e) {
            throw new RegistryException("cannot open the user registry " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<RegisteredUser> find(String user) {
        byte[] key = identityKeys.get(user);
        return key == null ? Optional.empty() : Optional.of(new RegisteredUser(user, key, firstSeen.getOrDefault(user, 0L)));
    }

    @Override
    public boolean isRegistered(String user) {
        return identityKeys.containsKey(user);
    }

    @Override
    public synchronized RegisteredUser bind(String user, byte[] identityKey, long nowMillis) throws RegistryException {
        Optional<RegisteredUser> existing = find(user);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            identityKeys.put(user, identityKey.clone());
            firstSeen.put(user, nowMillis);
            store.commit();
            store.sync();
        } catch (MVStoreException e) {
            identityKeys.remove(user);
            firstSeen.remove(user);
            throw new RegistryException("cannot store the registration of " + user + ": " + e.getMessage(), e);
        }
        return new RegisteredUser(user, identityKey, nowMillis);
    }

    @Override
    public synchronized void close() {
        if (!store.isClosed()) {
            store.close();
        }
    }
}
