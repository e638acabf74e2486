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
import org.parley.chat.Contact;
import org.parley.chat.Conversation;
import org.parley.crypto.api.CryptoScheme;
import org.parley.crypto.api.OpenRequest;
import org.parley.crypto.api.SchemeKeyPair;
import org.parley.identity.Ed25519;
import org.parley.identity.ReplayGuard;
import org.parley.identity.SignedBytes;
import org.parley.protocol.Frame;

/**
 * Opens the relay's {@code deliver} frames with the receiver checks of PROTOCOL.md §4.4, in order:
 * verified bundle of {@code from} (online now, or remembered for a sender who is offline, so that
 * stored messages open), envelope signature, allowed scheme, time ({@code cts} at most 5 minutes ahead
 * and 7 days behind), replay (a seen-set kept for 7 days across restarts), and opening with the
 * associated data of §4.5. Confined to the client's event executor.
 *
 * <h3>Security guarantees</h3>
 * A message is shown only after every check passed; each failure becomes a notice that states the
 * reason, never the ciphertext or any plaintext.
 */
final class Receiver {

    private final SchemeRegistry schemes;
    private final AllowedSchemes allowed;
    private final SchemeStates states;
    private final Listeners listeners;
    private final ReplayGuard replay;

    Receiver(SchemeRegistry schemes, AllowedSchemes allowed, SchemeStates states, Listeners listeners,
            ReplayGuard replay) {
        this.schemes = schemes;
        this.allowed = allowed;
        this.states = states;
        this.listeners = listeners;
        this.replay = replay;
    }

    /**
     * What became of a delivery. Almost everything that {@link #deliver} decides is final (a refusal is
     * for good, and a repeat was already handled): {@link #PROCESSED}, the caller acks it.
     * {@link #RETRY_LATER} is for a check that failed for a passing reason: the replay journal could not
     * be written (fail closed); the relay then delivers the message again on the next login.
     */
    enum Disposition {
        PROCESSED, RETRY_LATER
    }

    /** Runs the checks of PROTOCOL.md §4.4 and shows the message or a notice. */
    Disposition deliver(Session s, Frame.Deliver d) {
        Conversation conversation = d.everyone() ? Conversation.everyone() : Conversation.with(d.from());
        String refused = "A message from " + d.from() + " was refused: ";
        Optional<Directory.Peer> peer = s.directory.find(d.from());
        if (peer.isEmpty()) { // 1
            listeners.notice(conversation, refused + d.from() + " has no verified key bundle here");
            return Disposition.PROCESSED;
        }
        if (peer.get().contact().trust() == Contact.Trust.CHANGED) {
            listeners.notice(conversation, "A message from " + d.from() + " is held: " + d.from()
                    + "'s identity key changed — accept the new key to receive messages from " + d.from());
            return Disposition.PROCESSED;
        }
        byte[] body = d.body().toByteArray();
        try { // 2
            Ed25519.verify(peer.get().identityKey(), SignedBytes.envelope(d.from(), d.id(), d.scheme(), d.everyone(),
                    d.to(), d.cts(), body), d.sig().toByteArray());
        } catch (GeneralSecurityException e) {
            listeners.notice(conversation, refused + "its signature does not verify (forged or modified)");
            return Disposition.PROCESSED;
        }
        Optional<CryptoScheme> scheme = schemes.find(d.scheme());
        if (!allowed.allows(d.scheme())) { // 3
            listeners.notice(conversation, refused + "it is encrypted with '" + d.scheme() + "', which you do not allow");
            return Disposition.PROCESSED;
        }
        if (scheme.isEmpty()) {
            listeners.notice(conversation, refused + "it is encrypted with '" + d.scheme() + "', "
                    + MissingSchemes.advice(d.scheme()));
            return Disposition.PROCESSED;
        }
        ReplayGuard.Verdict verdict = replay.check(d.from(), d.id(), d.cts());
        if (verdict == ReplayGuard.Verdict.OUTSIDE_WINDOW) { // 4
            listeners.notice(conversation, refused + "its time is more than 5 minutes ahead or more than 7 days "
                    + "old (an old message replayed, or a clock is wrong)");
            return Disposition.PROCESSED;
        }
        if (verdict == ReplayGuard.Verdict.UNAVAILABLE) {
            listeners.notice(conversation, "A message from " + d.from() + " is held: the replay journal in the data "
                    + "directory cannot be read or written; it will be delivered again after you reconnect");
            return Disposition.RETRY_LATER;
        }
        if (verdict != ReplayGuard.Verdict.ACCEPTED) { // 5
            listeners.notice(conversation, verdict == ReplayGuard.Verdict.REPLAYED
                    ? "A repeated message from " + d.from() + " was dropped (replay or duplicate)"
                    : refused + "too many messages from " + d.from() + " within 7 days");
            return Disposition.PROCESSED;
        }
        open(s, d, conversation, scheme.get(), body); // 6
        return Disposition.PROCESSED;
    }

    private void open(Session s, Frame.Deliver d, Conversation conversation, CryptoScheme scheme, byte[] body) {
        SchemeKeyPair keyPair = s.keys.get(d.scheme());
        if (keyPair == null) {
            listeners.notice(conversation, d.from() + " sent a message encrypted with '" + d.scheme()
                    + "', which had no key here when you connected; reconnect to receive such messages");
            return;
        }
        byte[] plaintext;
        try {
            plaintext = scheme.open(new OpenRequest(body, d.from(), keyPair,
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
        listeners.emit(new ChatEvent.MessageAdded(new ChatMessage(d.id(), conversation, d.from(), false, text.get(),
                d.scheme(), d.ts(), ChatMessage.Status.RECEIVED)));
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
