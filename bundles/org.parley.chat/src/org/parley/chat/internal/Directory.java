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
import org.parley.protocol.Bytes;

/**
 * The users online besides the local one, with the keys they published. Not thread-safe; confined to
 * the client's event executor.
 */
final class Directory {

    /** One online user. */
    record Peer(Contact contact, Map<String, Bytes> keys) {
    }

    private final Map<String, Peer> peers = new TreeMap<>();

    /** Adds or replaces {@code user}; returns the peer it replaced. */
    Optional<Peer> put(String user, Map<String, Bytes> keys) {
        Contact contact = new Contact(user, ContactFingerprint.of(keys), List.copyOf(keys.keySet()));
        return Optional.ofNullable(peers.put(user, new Peer(contact, Map.copyOf(keys))));
    }

    Optional<Peer> remove(String user) {
        return Optional.ofNullable(peers.remove(user));
    }

    Optional<Peer> get(String user) {
        return Optional.ofNullable(peers.get(user));
    }

    /** Online contacts sorted by name. */
    List<Contact> contacts() {
        List<Contact> contacts = new ArrayList<>();
        peers.values().forEach(p -> contacts.add(p.contact()));
        return contacts;
    }

    void clear() {
        peers.clear();
    }

    /**
     * Who receives a message to {@code conversation} sealed with {@code schemeId}: the peer, or every
     * online user who published a key for the scheme.
     *
     * @throws ChatException if nobody can receive it; the message says why
     */
    List<Recipient> recipients(Conversation conversation, String schemeId) throws ChatException {
        List<Recipient> recipients = new ArrayList<>();
        if (conversation.isEveryone()) {
            for (Peer p : peers.values()) {
                Bytes key = p.keys().get(schemeId);
                if (key != null) {
                    recipients.add(new Recipient(p.contact().user(), key.toByteArray()));
                }
            }
            if (recipients.isEmpty()) {
                throw new ChatException("Nobody online can receive messages encrypted with '" + schemeId + "'.");
            }
            return recipients;
        }
        Peer peer = peers.get(conversation.peer());
        if (peer == null) {
            throw new ChatException(conversation.peer() + " is not online.");
        }
        Bytes key = peer.keys().get(schemeId);
        if (key == null) {
            throw new ChatException(conversation.peer() + " cannot receive messages encrypted with '" + schemeId
                    + "' (no key published for it).");
        }
        recipients.add(new Recipient(conversation.peer(), key.toByteArray()));
        return recipients;
    }
}
