package org.parley.chat.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;

import org.parley.chat.ChatEvent;
import org.parley.chat.Contact;
import org.parley.chat.Conversation;
import org.parley.identity.SignedKeyBundle;
import org.parley.protocol.Frame;
import org.parley.protocol.KeyBundle;
import org.parley.protocol.PresenceEvent;

/**
 * Keeps the directory from {@code welcome} and {@code presence}: verifies every bundle (signature,
 * then trust on first use) before any of its keys is used, and remembers every bundle that passed both
 * ({@link KnownContacts}) for when its user is offline. Confined to the client's event executor.
 *
 * <h3>Security guarantees</h3>
 * A bundle whose signature fails is ignored with a notice and changes nothing. A bundle with another
 * identity key than the pinned one puts the contact in {@link Contact.Trust#CHANGED} and announces it
 * loudly in Everyone and in the contact's conversation.
 */
final class Presences {

    private final TrustKeeper trust;
    private final KnownContacts known;
    private final Listeners listeners;
    /** Whether a failure to remember a bundle was reported (once is enough: it is usually the disk). */
    private boolean reported;

    Presences(TrustKeeper trust, KnownContacts known, Listeners listeners) {
        this.trust = trust;
        this.known = known;
        this.listeners = listeners;
    }

    void welcome(Session s, List<KeyBundle.Entry> users) {
        for (KeyBundle.Entry u : users) {
            if (!u.user().equals(s.user)) {
                join(s, u.user(), u.bundle(), false);
            }
        }
    }

    void presence(Session s, Frame.Presence p) {
        if (p.user().equals(s.user)) {
            return;
        }
        if (p.event() == PresenceEvent.JOIN) {
            join(s, p.user(), p.bundle().orElseThrow(), true);
            return;
        }
        s.directory.remove(p.user()).ifPresent(gone -> {
            listeners.emit(new ChatEvent.PresenceChanged(gone.contact().withOnline(false), false));
            both(p.user(), p.user() + " left");
        });
    }

    /** Re-reads the trust of an online contact after the user accepted or verified its key. */
    void retrust(Session s, String user, Contact.Trust now) {
        s.directory.retrust(user, now).ifPresent(p -> {
            remember(p.bundle(), now); // an accepted key's bundle replaces the old one for offline use
            listeners.emit(new ChatEvent.PresenceChanged(p.contact(), true));
        });
    }

    /** Remembers a bundle whose identity key is the pinned one (never a CHANGED one). */
    private void remember(SignedKeyBundle bundle, Contact.Trust state) {
        if (state == Contact.Trust.CHANGED) {
            return;
        }
        known.remember(bundle).ifPresent(reason -> {
            if (!reported) {
                reported = true;
                listeners.notice(Conversation.everyone(), reason);
            }
        });
    }

    private void join(Session s, String user, KeyBundle wire, boolean announce) {
        SignedKeyBundle bundle;
        Contact.Trust state;
        try {
            bundle = TrustKeeper.verify(user, wire);
            state = trust.trust(bundle);
        } catch (GeneralSecurityException e) {
            listeners.notice(Conversation.everyone(), "Ignored " + user + "'s key bundle from the relay: its signature "
                    + "does not verify (" + e.getMessage() + ")");
            return;
        } catch (IOException e) {
            listeners.notice(Conversation.everyone(), "Ignored " + user + "'s key bundle: the identity pins could not "
                    + "be read or saved (" + e.getMessage() + ")");
            return;
        }
        remember(bundle, state);
        Optional<Directory.Peer> before = s.directory.put(bundle, state);
        Directory.Peer now = s.directory.get(user).orElseThrow();
        listeners.emit(new ChatEvent.PresenceChanged(now.contact(), true));
        boolean wasChanged = before.isPresent() && before.get().contact().trust() == Contact.Trust.CHANGED
                && java.util.Arrays.equals(before.get().identityKey(), now.identityKey());
        if (state == Contact.Trust.CHANGED && !wasChanged) {
            both(user, user + "'s identity key changed — messages are held until you accept the new key");
        } else if (announce && before.isEmpty()) {
            both(user, user + " joined");
        }
    }

    private void both(String user, String text) {
        listeners.notice(Conversation.everyone(), text);
        listeners.notice(Conversation.with(user), text);
    }
}
