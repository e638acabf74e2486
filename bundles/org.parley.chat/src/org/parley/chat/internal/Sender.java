package org.parley.chat.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.Collectors;

import org.parley.chat.ChatException;
import org.parley.chat.ChatMessage;
import org.parley.chat.Conversation;
import org.parley.crypto.api.CryptoScheme;
import org.parley.crypto.api.Recipient;
import org.parley.crypto.api.SealRequest;
import org.parley.identity.ReplayGuard;
import org.parley.identity.SignedBytes;
import org.parley.protocol.Bytes;
import org.parley.protocol.Frame;

/**
 * Turns a text into a sealed, signed {@code send} frame: validates, chooses recipients (never a contact
 * whose identity key changed), seals once for all of them with the associated data of PROTOCOL.md §4.5
 * and signs the ENVELOPE bytes (§4.3) with the identity key.
 *
 * <h3>Security guarantees</h3>
 * Only allowed schemes are used. The plaintext bytes are wiped after sealing; only the sealed body
 * goes into the frame.
 */
final class Sender {

    /**
     * A message resent after a reconnect keeps its signature while its {@code cts} is younger than this;
     * an older one is signed again with the current time, so that the receivers' age limit
     * ({@link ReplayGuard#MAX_AGE}, PROTOCOL.md §4.4) counts from about when the relay stores it, as the
     * relay's store TTL does. A few minutes keep a quick resend byte-identical to the first copy.
     */
    static final Duration RESIGN_AFTER = Duration.ofMinutes(4);

    /** The longest message text, in UTF-8 bytes. */
    static final int MAX_TEXT_BYTES = 64 * 1024;

    /** A sealed message ready to send, and how it is shown locally. */
    record Outgoing(ChatMessage message, Frame.Send frame) {
    }

    private final SchemeRegistry schemes;
    private final AllowedSchemes allowed;
    private final SchemeStates states;
    private final Clock clock;

    Sender(SchemeRegistry schemes, AllowedSchemes allowed, SchemeStates states, Clock clock) {
        this.schemes = schemes;
        this.allowed = allowed;
        this.states = states;
        this.clock = clock;
    }

    /**
     * {@code frame} as it should be resent now: unchanged while its {@code cts} is fresh, so a receiver
     * that already has it sees the identical message; else with the current time as {@code cts} and a new
     * signature by the session's identity over the same id, recipients and sealed body (the associated
     * data of §4.5 does not cover {@code cts}, so the body stays valid). A receiver then still drops the
     * repeat by {@code (from, id)} if it saw the first copy within its window.
     */
    Frame.Send resign(Session s, Frame.Send frame) {
        long now = clock.millis();
        if (Math.abs(now - frame.cts()) <= RESIGN_AFTER.toMillis()) {
            return frame;
        }
        byte[] sig = s.identity.sign(SignedBytes.envelope(s.user, frame.id(), frame.scheme(), frame.everyone(),
                frame.to(), now, frame.body().toByteArray()));
        return new Frame.Send(frame.id(), frame.to(), frame.everyone(), frame.scheme(), frame.body(), now,
                Bytes.of(sig));
    }

    /** {@code text} sealed and signed as a new message with a fresh random id. */
    Outgoing seal(Session s, Conversation conversation, String text, String schemeId) throws ChatException {
        return seal(s, conversation, text, schemeId, UUID.randomUUID().toString(), OptionalLong.empty());
    }

    /**
     * {@code message} sealed and signed again for the conversation's recipients now, with its own id (so a
     * receiver that has the first copy drops this one by {@code (from, id)}) and its original time as shown
     * locally; {@code cts} is now. Used for a message a previous run left unsent and for "Send again".
     */
    Outgoing sealAgain(Session s, ChatMessage message) throws ChatException {
        return seal(s, message.conversation(), message.text(), message.schemeId(), message.id(),
                OptionalLong.of(message.timestamp()));
    }

    private Outgoing seal(Session s, Conversation conversation, String text, String schemeId, String id,
            OptionalLong shownTime) throws ChatException {
        CryptoScheme scheme = schemes.find(schemeId).orElseThrow(
                () -> new ChatException("The encryption scheme '" + schemeId + "' is not installed."));
        if (!allowed.allows(schemeId)) {
            throw new ChatException("The encryption scheme '" + schemeId + "' is not allowed in your preferences.");
        }
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
            byte[] body;
            try {
                body = scheme.seal(new SealRequest(plaintext, recipients, AssociatedData.of(id, s.user, schemeId)),
                        states.of(schemeId));
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new ChatException("The message could not be encrypted with '" + schemeId + "': "
                        + e.getMessage(), e);
            }
            List<String> to = recipients.stream().map(Recipient::user).collect(Collectors.toList());
            long cts = clock.millis();
            byte[] sig = s.identity.sign(SignedBytes.envelope(s.user, id, schemeId, conversation.isEveryone(), to, cts,
                    body));
            Frame.Send frame = new Frame.Send(id, to, conversation.isEveryone(), schemeId, Bytes.of(body), cts,
                    Bytes.of(sig));
            ChatMessage message = new ChatMessage(id, conversation, s.user, true, text, schemeId,
                    shownTime.orElse(cts), ChatMessage.Status.SENDING);
            return new Outgoing(message, frame);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }
}
