package org.parley.chat.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.parley.chat.ChatException;
import org.parley.chat.Contact;
import org.parley.chat.Conversation;
import org.parley.crypto.api.Recipient;
import org.parley.identity.IdentityFingerprint;
import org.parley.identity.SignedKeyBundle;

/**
 * The users online besides the local one, each with its <b>verified</b> key bundle and the trust in
 * its identity key, backed by the {@link KnownContacts} remembered from earlier sessions for users who
 * are offline. Not thread-safe; confined to the client's event executor.
 *
 * <h3>Security guarantees</h3>
 * Only bundles whose signature verified are ever put here; a contact whose identity key differs from
 * the pinned one ({@link Contact.Trust#CHANGED}) receives nothing: {@link #recipients} refuses it for a
 * direct message and leaves it out of messages to everyone. Messages to everyone go to online users
 * only; a direct message to an offline contact is sealed for its remembered keys.
 */
final class Directory {

    /** One online user. */
    record Peer(Contact contact, SignedKeyBundle bundle) {

        byte[] identityKey() {
            return bundle.identityKey();
        }
    }

    private final Map<String, Peer> peers = new TreeMap<>();
    private final KnownContacts known;

    Directory(KnownContacts known) {
        this.known = known;
    }

    /** Adds or replaces {@code bundle.user()}; returns the peer it replaced. */
    Optional<Peer> put(SignedKeyBundle bundle, Contact.Trust trust) {
        Contact contact = new Contact(bundle.user(), IdentityFingerprint.of(bundle.identityKey()),
                List.copyOf(bundle.keys().keySet()), trust);
        return Optional.ofNullable(peers.put(bundle.user(), new Peer(contact, bundle)));
    }

    /** Changes the trust of an online user; returns the updated peer. */
    Optional<Peer> retrust(String user, Contact.Trust trust) {
        Peer p = peers.get(user);
        if (p == null) {
            return Optional.empty();
        }
        put(p.bundle(), trust);
        return Optional.of(peers.get(user));
    }

    Optional<Peer> remove(String user) {
        return Optional.ofNullable(peers.remove(user));
    }

    /** {@code user} if online. */
    Optional<Peer> get(String user) {
        return Optional.ofNullable(peers.get(user));
    }

    /** {@code user} if online, else as remembered from an earlier session. */
    Optional<Peer> find(String user) {
        Peer online = peers.get(user);
        return online != null ? Optional.of(online) : known.peer(user);
    }

    /** Online contacts sorted by name. */
    List<Contact> onlineContacts() {
        List<Contact> contacts = new ArrayList<>();
        peers.values().forEach(p -> contacts.add(p.contact()));
        return contacts;
    }

    /** Online contacts sorted by name, then the remembered offline ones sorted by name. */
    List<Contact> contacts() {
        List<Contact> contacts = onlineContacts();
        known.all().stream().filter(p -> !peers.containsKey(p.contact().user())).forEach(p -> contacts.add(p.contact()));
        return contacts;
    }

    void clear() {
        peers.clear();
    }

    /**
     * Who receives a message to {@code conversation} sealed with {@code schemeId}: the peer (online or
     * remembered), or every online user with an unchanged identity key who published a key for the
     * scheme.
     *
     * @throws ChatException if nobody can receive it; the message says why
     */
    List<Recipient> recipients(Conversation conversation, String schemeId) throws ChatException {
        List<Recipient> recipients = new ArrayList<>();
        if (conversation.isEveryone()) {
            for (Peer p : peers.values()) {
                byte[] key = p.bundle().keys().get(schemeId);
                if (key != null && p.contact().trust() != Contact.Trust.CHANGED) {
                    recipients.add(new Recipient(p.contact().user(), key));
                }
            }
            if (recipients.isEmpty()) {
                throw new ChatException("Nobody online can receive messages encrypted with '" + schemeId + "'.");
            }
            return recipients;
        }
        Peer peer = find(conversation.peer()).orElseThrow(() -> new ChatException(conversation.peer()
                + " is not online, and no verified key bundle of " + conversation.peer() + " is known here."));
        if (peer.contact().trust() == Contact.Trust.CHANGED) {
            throw new ChatException(conversation.peer() + "'s identity key changed. Compare safety numbers and accept "
                    + "the new key before sending to " + conversation.peer() + ".");
        }
        byte[] key = peer.bundle().keys().get(schemeId);
        if (key == null) {
            throw new ChatException(conversation.peer() + " cannot receive messages encrypted with '" + schemeId
                    + "' (no key published for it).");
        }
        recipients.add(new Recipient(conversation.peer(), key));
        return recipients;
    }
}
