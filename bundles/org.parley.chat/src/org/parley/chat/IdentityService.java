package org.parley.chat;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * The local user's long-term identity: an Ed25519 signing key plus one encryption key pair per scheme,
 * kept in the client's data directory with every private part encrypted under a key derived from the
 * user's passphrase (see docs/SECURITY.md for the algorithm and parameters).
 *
 * <h3>Security guarantees</h3>
 * Private keys never leave this service unencrypted: the identity file and its exports hold them only
 * in encrypted form. A wrong passphrase changes nothing on disk.
 *
 * <h3>Threading</h3>
 * Thread-safe; key derivation and generation run on background threads (they take ~0.1–1 s).
 * Futures complete exceptionally with a {@link ChatException} whose message is fit to show a user.
 */
public interface IdentityService {

    /** Whether an identity exists and is unlocked. */
    enum State {
        /** No identity file yet: {@link #createIdentity} first. */
        NONE,
        /** An identity file exists; {@link #unlockIdentity} with the passphrase. */
        LOCKED,
        /** Unlocked: the chat service can connect. */
        UNLOCKED
    }

    /** The current state and, when an identity exists, its user name and fingerprint. */
    IdentityStatus identityStatus();

    /** Creates and saves a new identity for {@code user}; fails if one exists. */
    CompletableFuture<Void> createIdentity(String user, char[] passphrase);

    /** Unlocks the saved identity; fails with "Wrong passphrase" (nothing changes) on a bad one. */
    CompletableFuture<Void> unlockIdentity(char[] passphrase);

    /** Writes the encrypted identity to {@code file} (still protected by the passphrase). */
    CompletableFuture<Void> exportIdentity(Path file);

    /**
     * Replaces the (absent or locked) local identity with the one in {@code file}, after checking
     * that {@code passphrase} opens it; the identity is then unlocked.
     */
    CompletableFuture<Void> importIdentity(Path file, char[] passphrase);
}
