package org.parley.chat.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Optional;

import org.parley.chat.ChatEvent;
import org.parley.chat.ChatMessage;
import org.parley.chat.Conversation;
import org.parley.crypto.api.CryptoScheme;
import org.parley.crypto.api.OpenRequest;
import org.parley.crypto.api.SchemeKeyPair;
import org.parley.protocol.Frame;

/**
 * Handles the relay's {@code presence}, {@code deliver} and {@code sent} frames of a logged-in
 * session. Confined to the client's event executor.
 *
 * <h3>Security guarantees</h3>
 * A message is shown only after its scheme opened it with the associated data rebuilt from the
 * relay-stamped sender; failures become notices that state the reason, never the ciphertext.
 */
final class Receiver {

    private static final int SEEN_CAPACITY = 10_000;

    private final SchemeRegistry schemes;
    private final SchemeStates states;
    private final Listeners listeners;
    private final SeenMessages seen = new SeenMessages(SEEN_CAPACITY);

    Receiver(SchemeRegistry schemes, SchemeStates states, Listeners listeners) {
        this.schemes = schemes;
        this.states = states;
        this.listeners = listeners;
    }

    void presence(Session s, Frame.Presence p) {
        if (p.user().equals(s.user)) {
            return;
        }
        Conversation direct = Conversation.with(p.user());
        if (p.event() == org.parley.protocol.PresenceEvent.JOIN) {
            Optional<Directory.Peer> before = s.directory.put(p.user(), p.keys());
            Directory.Peer now = s.directory.get(p.user()).orElseThrow();
            listeners.emit(new ChatEvent.PresenceChanged(now.contact(), true));
            if (before.isEmpty()) {
                listeners.notice(Conversation.everyone(), p.user() + " joined");
                listeners.notice(direct, p.user() + " joined");
            } else if (!before.get().contact().fingerprint().equals(now.contact().fingerprint())) {
                String text = p.user() + "'s keys changed; new fingerprint " + now.contact().fingerprint();
                listeners.notice(Conversation.everyone(), text);
                listeners.notice(direct, text);
            }
        } else {
            s.directory.remove(p.user()).ifPresent(gone -> {
                listeners.emit(new ChatEvent.PresenceChanged(gone.contact(), false));
                listeners.notice(Conversation.everyone(), p.user() + " left");
                listeners.notice(direct, p.user() + " left");
            });
        }
    }

    void deliver(Session s, Frame.Deliver d) {
        Conversation conversation = d.everyone() ? Conversation.everyone() : Conversation.with(d.from());
        if (seen.contains(d.from(), d.id())) {
            return;
        }
        Optional<CryptoScheme> scheme = schemes.find(d.scheme());
        if (scheme.isEmpty()) {
            listeners.notice(conversation, d.from() + " sent a message encrypted with '" + d.scheme()
                    + "', which is not installed here");
            return;
        }
        SchemeKeyPair keyPair = s.keys.get(d.scheme());
        if (keyPair == null) {
            listeners.notice(conversation, d.from() + " sent a message encrypted with '" + d.scheme()
                    + "', which had no key here when you connected; reconnect to receive such messages");
            return;
        }
        byte[] plaintext;
        try {
            plaintext = scheme.get().open(new OpenRequest(d.body().toByteArray(), d.from(), keyPair,
                    AssociatedData.of(d.id(), d.from(), d.scheme())), states.of(d.scheme()));
        } catch (GeneralSecurityException | RuntimeException e) {
            listeners.notice(conversation, "A message from " + d.from() + " could not be opened with '" + d.scheme()
                    + "': " + reason(e));
            return;
        }
        Optional<String> text = utf8(plaintext);
        Arrays.fill(plaintext, (byte) 0);
        if (text.isEmpty()) {
            listeners.notice(conversation, "A message from " + d.from() + " is not valid UTF-8 text and was dropped");
            return;
        }
        seen.add(d.from(), d.id());
        listeners.emit(new ChatEvent.MessageAdded(new ChatMessage(d.id(), conversation, d.from(), false, text.get(),
                d.scheme(), d.ts(), ChatMessage.Status.RECEIVED)));
    }

    void sent(Session s, Frame.Sent sent) {
        ChatMessage message = s.pending.remove(sent.ref());
        if (message == null) {
            return;
        }
        String detail = sent.recipients().isEmpty() ? "nobody was online to receive it"
                : "handed to " + String.join(", ", sent.recipients());
        listeners.emit(new ChatEvent.MessageStatusChanged(message.conversation(), message.id(),
                ChatMessage.Status.SENT, detail));
    }

    /** Marks a pending message FAILED; returns false if {@code id} is not pending. */
    boolean failed(Session s, String id, String detail) {
        ChatMessage message = s.pending.remove(id);
        if (message == null) {
            return false;
        }
        listeners.emit(new ChatEvent.MessageStatusChanged(message.conversation(), id, ChatMessage.Status.FAILED,
                detail));
        return true;
    }

    private static String reason(Exception e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
