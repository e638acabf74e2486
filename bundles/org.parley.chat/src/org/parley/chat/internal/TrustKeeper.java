package org.parley.chat.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.parley.chat.ChatException;
import org.parley.chat.Contact;
import org.parley.identity.Identity;
import org.parley.identity.SafetyNumber;
import org.parley.identity.SignedKeyBundle;
import org.parley.identity.TrustState;
import org.parley.identity.TrustStore;
import org.parley.protocol.KeyBundle;

/**
 * Verifies key bundles from the wire and keeps trust on first use (PROTOCOL.md §4.6) over a
 * {@link TrustStore}: the logic behind {@link org.parley.chat.TrustService}.
 *
 * <h3>Security guarantees</h3>
 * {@link #verify} accepts a bundle only if its signature verifies with its own identity key over the
 * user name it is published for; {@link #trust} pins the first identity key and reports any other as
 * CHANGED. A changed key is remembered (in memory) only so that the user can accept exactly that key.
 *
 * <h3>Threading</h3>
 * Thread-safe.
 */
final class TrustKeeper {

    private final TrustStore store;
    /** The latest changed identity key seen per user, waiting for the user's decision. */
    private final ConcurrentMap<String, byte[]> changed = new ConcurrentHashMap<>();

    TrustKeeper(TrustStore store) {
        this.store = store;
    }

    /**
     * Checks the signature of {@code bundle}, published for {@code user}.
     *
     * @throws GeneralSecurityException if it does not verify
     */
    static SignedKeyBundle verify(String user, KeyBundle bundle) throws GeneralSecurityException {
        Map<String, byte[]> keys = new TreeMap<>();
        bundle.keys().forEach((id, key) -> keys.put(id, key.toByteArray()));
        SignedKeyBundle signed = new SignedKeyBundle(user, bundle.identity().toByteArray(), new TreeMap<>(keys),
                bundle.created(), bundle.sig().toByteArray());
        signed.verify();
        return signed;
    }

    /** The trust in a verified bundle's identity key; pins it if the user is new. */
    Contact.Trust trust(SignedKeyBundle bundle) throws IOException {
        TrustState state = store.check(bundle.user(), bundle.identityKey());
        if (state == TrustState.CHANGED) {
            changed.put(bundle.user(), bundle.identityKey());
            return Contact.Trust.CHANGED;
        }
        changed.remove(bundle.user());
        return state == TrustState.VERIFIED ? Contact.Trust.VERIFIED : Contact.Trust.TRUSTED;
    }

    /**
     * The trust in {@code identityKey} for {@code user} if it is the pinned key, without pinning
     * anything: CHANGED if another key for the user is waiting for the user's decision; empty if the
     * user has no pin or another one (then a remembered bundle with this key must not be used).
     */
    Optional<Contact.Trust> pinnedTrust(String user, byte[] identityKey) {
        try {
            Optional<byte[]> pin = store.pinned(user);
            if (pin.isEmpty() || !java.security.MessageDigest.isEqual(pin.get(), identityKey)) {
                return Optional.empty();
            }
            if (changed.containsKey(user)) {
                return Optional.of(Contact.Trust.CHANGED);
            }
            return Optional.of(store.check(user, identityKey) == TrustState.VERIFIED ? Contact.Trust.VERIFIED
                    : Contact.Trust.TRUSTED);
        } catch (IOException e) {
            return Optional.empty(); // the pins cannot be read: trust nothing remembered
        }
    }

    void accept(String user) throws ChatException {
        byte[] key = changed.get(user);
        if (key == null) {
            throw new ChatException(user + " has no changed identity key to accept.");
        }
        try {
            store.accept(user, key);
        } catch (IOException e) {
            throw new ChatException("Could not save the accepted key of " + user + ": " + e.getMessage(), e);
        }
        changed.remove(user, key);
    }

    /** Returns the resulting trust. */
    Contact.Trust setVerified(String user, boolean verified) throws ChatException {
        if (changed.containsKey(user)) {
            throw new ChatException(user + "'s identity key changed: accept the new key before verifying it.");
        }
        try {
            store.setVerified(user, verified);
        } catch (IllegalStateException e) {
            throw new ChatException("No identity key is known for " + user + " yet.", e);
        } catch (IOException e) {
            throw new ChatException("Could not save the verification of " + user + ": " + e.getMessage(), e);
        }
        return verified ? Contact.Trust.VERIFIED : Contact.Trust.TRUSTED;
    }

    Optional<String> safetyNumber(Optional<Identity> local, String user) {
        if (local.isEmpty()) {
            return Optional.empty();
        }
        try {
            return store.pinned(user).map(key -> SafetyNumber.of(local.get().user(), local.get().publicKey(), user, key));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
