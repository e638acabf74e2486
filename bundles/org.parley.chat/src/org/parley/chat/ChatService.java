package org.parley.chat;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.parley.crypto.api.SchemeInfo;

/**
 * The client's view of Parley: one connection to a relay as one user, the directory of known
 * contacts (online now, or offline with key bundles remembered from earlier sessions), and end-to-end
 * encrypted conversations.
 *
 * <h3>Security guarantees</h3>
 * Plaintext never leaves this service unencrypted: {@link #send} seals the text with the chosen
 * scheme for the recipients' published keys before anything is written to the network.
 *
 * <h3>Threading</h3>
 * All methods are thread-safe and non-blocking; work happens on background threads and results arrive
 * through the returned futures and through {@link ChatListener}s, never on the caller's thread.
 */
public interface ChatService {

    /**
     * Generates the local keys (if not yet done), connects to {@code relay} and logs in as
     * {@code user}. Completes when the relay has welcomed the user; completes exceptionally with a
     * {@link ChatException} whose message is fit to show a user.
     */
    CompletableFuture<Void> connect(URI relay, String user);

    /** Closes the connection, if any. */
    void disconnect();

    /**
     * Encrypts {@code text} with the scheme {@code schemeId} for the conversation's recipients and
     * sends it. The returned message (state {@link ChatMessage.Status#SENDING}) is also announced to
     * listeners; its later states arrive as {@link ChatEvent.MessageStatusChanged} events.
     *
     * @throws ChatException (in the future) if not connected, the scheme is unknown, nobody can receive
     *     the message, or the text is too long
     */
    CompletableFuture<ChatMessage> send(Conversation conversation, String text, String schemeId);

    /**
     * Sends one of the local user's messages again (after it FAILED, or one a previous run left unsent):
     * sealed anew for the conversation's recipients now, with its original id, scheme and shown time. A
     * receiver that already has the first copy drops the repeat by sender and id, so nobody sees it twice.
     * The message goes back to {@link ChatMessage.Status#SENDING}
     * ({@link ChatEvent.MessageStatusChanged}) and on as after {@link #send}. If it cannot be sealed any more
     * (scheme removed or disallowed, nobody left who can receive it) it is marked FAILED with the reason.
     * A message still waiting for the relay is left as it is and returned.
     *
     * @throws ChatException (in the future) if not connected, the message is not the local user's, or too
     *     many messages are waiting for the relay
     */
    CompletableFuture<ChatMessage> resend(ChatMessage message);

    /** A snapshot of the current connection and directory. */
    ChatSnapshot snapshot();

    /** The schemes available for sending right now (installed and allowed), default first. */
    List<SchemeInfo> schemes();

    /**
     * Every installed scheme, allowed or not, default first (for the allowed-schemes preference).
     * Implementations with a notion of "installed" beyond {@link #schemes()} override this.
     */
    default List<SchemeInfo> installedSchemes() {
        return schemes();
    }

    /**
     * Restricts the schemes this client accepts and sends with (a preference; default: every installed
     * scheme). A message in any other scheme is refused with a notice, so a relay cannot downgrade a
     * conversation. Ids of schemes not installed are kept for when they are.
     *
     * @throws IllegalArgumentException if {@code schemeIds} is empty
     */
    void setAllowedSchemes(java.util.Set<String> schemeIds);

    void addListener(ChatListener listener);

    void removeListener(ChatListener listener);
}
