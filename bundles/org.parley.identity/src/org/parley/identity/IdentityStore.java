package org.parley.identity;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.parley.crypto.api.SchemeKeyPair;
import org.parley.crypto.api.SecretBytes;

/**
 * The local identity in one file, {@value #FILE_NAME} in the client data directory (format:
 * {@link IdentityFile}), and the identity currently unlocked from it.
 *
 * <h3>Security guarantees</h3>
 * <ul>
 *   <li>Private keys are stored only encrypted (AES-256-GCM under an Argon2id-derived key); the file
 *       and the directory get owner-only permissions (600 / 700) and are replaced atomically.</li>
 *   <li>A wrong passphrase throws {@link WrongPassphraseException} and changes nothing on disk.</li>
 *   <li>Passphrase arrays are never stored; callers wipe theirs. While unlocked, the derived file key
 *       is kept (as {@link SecretBytes}) so that key pairs of newly installed schemes can be added
 *       without asking again; {@link #lock} forgets it.</li>
 * </ul>
 *
 * <h3>Threading</h3>
 * Thread-safe; every method may block on disk and (create, unlock, import) on ~0.5 s of key
 * derivation: never call them on a UI thread.
 */
public final class IdentityStore {

    /** The identity file's name in the data directory. */
    public static final String FILE_NAME = "identity.parley";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final KdfParameters kdf;
    private Unlocked unlocked;

    private record Unlocked(Identity identity, SecretBytes fileKey, KdfParameters kdf, byte[] salt) {
    }

    /** A store in {@code dataDirectory} deriving keys with {@link KdfParameters#DEFAULT}. */
    public IdentityStore(Path dataDirectory) {
        this(dataDirectory, KdfParameters.DEFAULT);
    }

    /** A store deriving new file keys with {@code kdf} (tests use cheap parameters). */
    public IdentityStore(Path dataDirectory, KdfParameters kdf) {
        this.file = dataDirectory.resolve(FILE_NAME);
        this.kdf = Objects.requireNonNull(kdf, "kdf");
    }

    public Path file() {
        return file;
    }

    public boolean exists() {
        return Files.isRegularFile(file);
    }

    /** User name and identity public key of the saved identity, readable without the passphrase. */
    public Optional<Map.Entry<String, byte[]>> peek() throws IOException {
        if (!exists()) {
            return Optional.empty();
        }
        IdentityFile.Header h = IdentityFile.readHeader(SecureFiles.read(file, IdentityFile.MAX_FILE_BYTES));
        return Optional.of(Map.entry(h.user(), h.publicKey()));
    }

    /** The unlocked identity, if any. */
    public synchronized Optional<Identity> current() {
        return unlocked == null ? Optional.empty() : Optional.of(unlocked.identity());
    }

    /**
     * Creates, saves and unlocks a new identity with a fresh identity key and {@code schemeKeys}.
     *
     * @throws FileAlreadyExistsException if an identity file exists
     */
    public synchronized Identity create(String user, char[] passphrase, Map<String, SchemeKeyPair> schemeKeys)
            throws IOException, GeneralSecurityException {
        if (!IdentityFile.isUser(user)) {
            throw new IllegalArgumentException("a user name is 1-32 characters of [A-Za-z0-9_.-]");
        }
        if (exists()) {
            throw new FileAlreadyExistsException(file.toString(), null, "an identity exists already");
        }
        byte[] salt = new byte[IdentityFile.SALT_BYTES];
        RANDOM.nextBytes(salt);
        Identity identity = new Identity(user, System.currentTimeMillis(), Ed25519.generate(),
                new java.util.TreeMap<>(schemeKeys));
        Unlocked next = new Unlocked(identity, kdf.derive(passphrase, salt), kdf, salt);
        save(next);
        unlocked = next;
        return identity;
    }

    /** Unlocks the saved identity; on a wrong passphrase nothing changes (on disk or here). */
    public synchronized Identity unlock(char[] passphrase) throws IOException, GeneralSecurityException {
        if (!exists()) {
            throw new IOException("There is no identity in " + file.getParent() + " yet.");
        }
        unlocked = open(SecureFiles.read(file, IdentityFile.MAX_FILE_BYTES), passphrase);
        return unlocked.identity();
    }

    /** Adds key pairs (for schemes installed later), re-encrypts and saves; returns the new identity. */
    public synchronized Identity addSchemeKeys(Map<String, SchemeKeyPair> added) throws IOException,
            GeneralSecurityException {
        if (unlocked == null) {
            throw new IllegalStateException("unlock the identity first");
        }
        Unlocked next = new Unlocked(unlocked.identity().withSchemeKeys(added), unlocked.fileKey(), unlocked.kdf(),
                unlocked.salt());
        save(next);
        unlocked = next;
        return next.identity();
    }

    /** Copies the (encrypted) identity file to {@code target}, owner-only. */
    public synchronized void exportTo(Path target) throws IOException {
        SecureFiles.write(target, SecureFiles.read(file, IdentityFile.MAX_FILE_BYTES));
    }

    /**
     * Checks that {@code passphrase} opens the identity file {@code source}, then installs it as this
     * store's identity (replacing any) and unlocks it. Nothing changes if it does not open.
     */
    public synchronized Identity importFrom(Path source, char[] passphrase) throws IOException,
            GeneralSecurityException {
        byte[] bytes = SecureFiles.read(source, IdentityFile.MAX_FILE_BYTES);
        Unlocked opened = open(bytes, passphrase);
        SecureFiles.write(file, bytes);
        unlocked = opened;
        return opened.identity();
    }

    /** Forgets the unlocked identity and the file key. */
    public synchronized void lock() {
        unlocked = null;
    }

    private static Unlocked open(byte[] bytes, char[] passphrase) throws IOException, GeneralSecurityException {
        IdentityFile.Header h = IdentityFile.readHeader(bytes);
        SecretBytes key = h.kdf().derive(passphrase, h.salt());
        return new Unlocked(IdentityFile.open(h, key), key, h.kdf(), h.salt());
    }

    private void save(Unlocked u) throws IOException, GeneralSecurityException {
        byte[] nonce = new byte[IdentityFile.NONCE_BYTES];
        RANDOM.nextBytes(nonce); // fresh per write: the key and salt stay while unlocked
        SecureFiles.write(file, IdentityFile.encode(u.identity(), u.kdf(), u.salt(), u.fileKey(), nonce));
    }

    @Override
    public String toString() {
        return "IdentityStore[" + file + "]";
    }
}
