package org.parley.chat.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import org.parley.chat.ChatException;
import org.parley.chat.IdentityService;
import org.parley.chat.IdentityStatus;
import org.parley.crypto.api.CryptoScheme;
import org.parley.crypto.api.SchemeKeyPair;
import org.parley.identity.Identity;
import org.parley.identity.IdentityFingerprint;
import org.parley.identity.IdentityStore;
import org.parley.identity.WrongPassphraseException;

/**
 * The logic behind {@link IdentityService}: an {@link IdentityStore} whose slow operations (key
 * derivation, key generation, disk) run on a background executor.
 *
 * <h3>Security guarantees</h3>
 * Passphrases are copied when a call is made (so the caller may wipe its array at once) and the copy
 * is wiped when the background work ends. Error messages never contain passphrases or keys.
 *
 * <h3>Threading</h3>
 * Thread-safe; the store serialises its own operations.
 */
final class Identities {

    private final IdentityStore store;
    private final Executor executor;

    Identities(IdentityStore store, Executor executor) {
        this.store = store;
        this.executor = executor;
    }

    Optional<Identity> current() {
        return store.current();
    }

    IdentityStatus status() {
        Optional<Identity> unlocked = store.current();
        if (unlocked.isPresent()) {
            return new IdentityStatus(IdentityService.State.UNLOCKED, Optional.of(unlocked.get().user()),
                    Optional.of(unlocked.get().fingerprint()));
        }
        try {
            return store.peek().map(h -> new IdentityStatus(IdentityService.State.LOCKED, Optional.of(h.getKey()),
                    Optional.of(IdentityFingerprint.of(h.getValue()))))
                    .orElse(new IdentityStatus(IdentityService.State.NONE, Optional.empty(), Optional.empty()));
        } catch (IOException e) {
            // damaged: unlocking will explain; it still exists, so it is not NONE
            return new IdentityStatus(IdentityService.State.LOCKED, Optional.empty(), Optional.empty());
        }
    }

    CompletableFuture<Void> create(String user, char[] passphrase, List<CryptoScheme> schemes) {
        return withPassphrase(passphrase, copy -> {
            Map<String, SchemeKeyPair> keys = generate(schemes, Map.of());
            store.create(user, copy, keys);
        });
    }

    CompletableFuture<Void> unlock(char[] passphrase) {
        return withPassphrase(passphrase, store::unlock);
    }

    CompletableFuture<Void> importFrom(Path file, char[] passphrase) {
        return withPassphrase(passphrase, copy -> store.importFrom(file, copy));
    }

    CompletableFuture<Void> exportTo(Path file) {
        return withPassphrase(new char[0], ignored -> store.exportTo(file));
    }

    /** The unlocked identity with a key pair for each of {@code schemes}, generating and saving missing ones. */
    CompletableFuture<Identity> ensureKeys(List<CryptoScheme> schemes) {
        return CompletableFuture.supplyAsync(() -> {
            Identity identity = store.current().orElseThrow(() -> new CompletionException(
                    new ChatException("No identity is unlocked: create or unlock your identity first.")));
            try {
                Map<String, SchemeKeyPair> missing = generate(schemes, identity.schemeKeys());
                return missing.isEmpty() ? identity : store.addSchemeKeys(missing);
            } catch (IOException | GeneralSecurityException e) {
                throw new CompletionException(new ChatException("Could not add keys for new encryption schemes to "
                        + "your identity: " + e.getMessage(), e));
            }
        }, executor);
    }

    /** Key pairs for the schemes not in {@code have}; a scheme that fails to make one is skipped. */
    private static Map<String, SchemeKeyPair> generate(List<CryptoScheme> schemes, Map<String, SchemeKeyPair> have) {
        Map<String, SchemeKeyPair> made = new LinkedHashMap<>();
        for (CryptoScheme scheme : schemes) {
            String id = scheme.info().id();
            if (!have.containsKey(id) && !made.containsKey(id)) {
                try {
                    made.put(id, scheme.generateKeyPair());
                } catch (GeneralSecurityException | RuntimeException e) {
                    // a broken plugin must not prevent logging in with the others
                }
            }
        }
        return made;
    }

    private interface PassphraseTask {
        void run(char[] passphrase) throws IOException, GeneralSecurityException;
    }

    private CompletableFuture<Void> withPassphrase(char[] passphrase, PassphraseTask task) {
        char[] copy = passphrase.clone();
        return CompletableFuture.runAsync(() -> {
            try {
                task.run(copy);
            } catch (WrongPassphraseException e) {
                throw new CompletionException(new ChatException("Wrong passphrase: nothing was changed.", e));
            } catch (FileAlreadyExistsException e) {
                throw new CompletionException(new ChatException("An identity exists already in this data "
                        + "directory; unlock it, or import another one instead.", e));
            } catch (IOException | GeneralSecurityException | IllegalArgumentException | IllegalStateException e) {
                throw new CompletionException(new ChatException(e.getMessage(), e));
            } finally {
                Arrays.fill(copy, '\0');
            }
        }, executor);
    }
}
