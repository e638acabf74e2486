package org.parley.chat.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.parley.chat.ChatException;
import org.parley.chat.ChatMessage;
import org.parley.chat.Conversation;
import org.parley.crypto.api.CryptoScheme;
import org.parley.crypto.api.Recipient;
import org.parley.crypto.api.SealRequest;
import org.parley.protocol.Bytes;
import org.parley.protocol.Frame;

/**
 * Turns a text into a sealed {@code send} frame: validates, chooses recipients, seals once for all of
 * them with the associated data of PROTOCOL.md §4.
 *
 * <h3>Security guarantees</h3>
 * The plaintext bytes are wiped after sealing; only the sealed body goes into the frame.
 */
final class Sender {

    /** The longest message text, in UTF-8 bytes. */
    static final int MAX_TEXT_BYTES = 64 * 1024;

    /** A sealed message ready to send, and how it is shown locally. */
    record Outgoing(ChatMessage message, Frame.Send frame) {
    }

    private final SchemeRegistry schemes;
    private final SchemeStates states;

    Sender(SchemeRegistry schemes, SchemeStates states) {
        this.schemes = schemes;
        this.states = states;
    }

    Outgoing seal(Session s, Conversation conversation, String text, String schemeId) throws ChatException {
        CryptoScheme scheme = schemes.find(schemeId).orElseThrow(
                () -> new ChatException("The encryption scheme '" + schemeId + "' is not installed."));
        byte[] plaintext = text.getBytes(StandardCharsets.UTF_8);
        try {
            if (plaintext.length > MAX_TEXT_BYTES) {
                throw new ChatException("The message is too long: " + plaintext.length + " bytes, at most "
                        + MAX_TEXT_BYTES + " are allowed.");
            }
            if (!conversation.isEveryone() && conversation.peer().equals(s.user)) {
                throw new ChatException("You cannot send a message to yourself.");
            }
            List<Recipient> recipients = s.directory.recipients(conversation, schemeId);
            String id = UUID.randomUUID().toString();
            byte[] body;
            try {
                body = scheme.seal(new SealRequest(plaintext, recipients, AssociatedData.of(id, s.user, schemeId)),
                        states.of(schemeId));
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new ChatException("The message could not be encrypted with '" + schemeId + "': "
                        + e.getMessage(), e);
            }
            List<String> to = recipients.stream().map(Recipient::user).collect(Collectors.toList());
            Frame.Send frame = new Frame.Send(id, to, conversation.isEveryone(), schemeId, Bytes.of(body));
            ChatMessage message = new ChatMessage(id, conversation, s.user, true, text, schemeId,
                    System.currentTimeMillis(), ChatMessage.Status.SENDING);
            return new Outgoing(message, frame);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }
}
