package org.parley.chat.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.parley.chat.Contact;
import org.parley.identity.ContactBook;
import org.parley.identity.IdentityFingerprint;
import org.parley.identity.SignedKeyBundle;

/**
 * The contacts known from earlier sessions: their latest verified key bundles ({@link ContactBook}),
 * which let the client seal a direct message for a contact who is offline (the relay stores it) and
 * verify a stored message from a sender who is offline (PROTOCOL.md §3, §4.4).
 *
 * <h3>Security guarantees</h3>
 * A bundle is remembered only after its signature verified and its identity key matched the pin
 * (trust on first use, {@link TrustKeeper}); a remembered bundle is used only while its identity key is
 * still the pinned one, and counts as {@link Contact.Trust#CHANGED} while another key for the user waits
 * for the user's decision. A book that cannot be read yields no offline contacts (nothing is sealed for,
 * or accepted from, an unverified key).
 *
 * <h3>Threading</h3>
 * Thread-safe (the book and the trust keeper are); the client calls it on its event executor.
 */
final class KnownContacts {

    private final ContactBook book;
    private final TrustKeeper trust;

    KnownContacts(ContactBook book, TrustKeeper trust) {
        this.book = book;
        this.trust = trust;
    }

    /**
     * Remembers a bundle that verified and matched the pin (trust not CHANGED).
     *
     * @return a reason fit for a notice if it could not be saved
     */
    Optional<String> remember(SignedKeyBundle bundle) {
        try {
            book.remember(bundle);
            return Optional.empty();
        } catch (IOException | GeneralSecurityException e) {
            return Optional.of("Could not remember " + bundle.user() + "'s keys for messages while " + bundle.user()
                    + " is offline: " + e.getMessage());
        }
    }

    /** {@code user} as an offline peer, if a usable bundle is remembered. */
    Optional<Directory.Peer> peer(String user) {
        try {
            return book.get(user).flatMap(this::peer);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Every usable remembered contact as an offline peer, sorted by name. */
    List<Directory.Peer> all() {
        List<Directory.Peer> peers = new ArrayList<>();
        try {
            book.all().forEach(b -> peer(b).ifPresent(peers::add));
        } catch (IOException e) {
            // an unreadable book lists nobody; remembering reports the problem
        }
        return peers;
    }

    private Optional<Directory.Peer> peer(SignedKeyBundle bundle) {
        return trust.pinnedTrust(bundle.user(), bundle.identityKey()).map(t -> new Directory.Peer(
                new Contact(bundle.user(), IdentityFingerprint.of(bundle.identityKey()),
                        List.copyOf(bundle.keys().keySet()), t, false), bundle));
    }
}
