package org.parley.ui.parts;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.parley.chat.ChatEvent;
import org.parley.chat.ChatException;
import org.parley.chat.IdentityService;
import org.parley.chat.IdentityStatus;
import org.parley.chat.TrustService;
import org.parley.chat.ChatListener;
import org.parley.chat.ChatMessage;
import org.parley.chat.ChatService;
import org.parley.chat.ChatSnapshot;
import org.parley.chat.ConnectionState;
import org.parley.chat.Contact;
import org.parley.chat.Conversation;
import org.parley.crypto.api.SchemeInfo;

/** A chat service that records what the UI asks of it and lets the test play relay events. */
final class FakeChatService implements ChatService, IdentityService, TrustService {

    record Sent(Conversation conversation, String text, String schemeId) {
    }

    final List<Sent> sent = new ArrayList<>();
    final List<ChatMessage> resent = new ArrayList<>();
    final List<Contact> contacts = new ArrayList<>();
    private final List<ChatListener> listeners = new CopyOnWriteArrayList<>();
    ConnectionState state = ConnectionState.CONNECTED;
    final Set<String> allowed = new LinkedHashSet<>();
    final List<String> accepted = new ArrayList<>();

    @Override
    public CompletableFuture<Void> connect(URI relay, String user) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void disconnect() {
        state = ConnectionState.DISCONNECTED;
    }

    @Override
    public CompletableFuture<ChatMessage> send(Conversation conversation, String text, String schemeId) {
        sent.add(new Sent(conversation, text, schemeId));
        ChatMessage message = new ChatMessage("m" + sent.size(), conversation, "alice", true, text, schemeId,
                System.currentTimeMillis(), ChatMessage.Status.SENDING);
        fire(new ChatEvent.MessageAdded(message));
        return CompletableFuture.completedFuture(message);
    }

    @Override
    public CompletableFuture<ChatMessage> resend(ChatMessage message) {
        resent.add(message);
        fire(new ChatEvent.MessageStatusChanged(message.conversation(), message.id(), ChatMessage.Status.SENDING,
                "sending again"));
        return CompletableFuture.completedFuture(message.withStatus(ChatMessage.Status.SENDING));
    }

    @Override
    public ChatSnapshot snapshot() {
        return new ChatSnapshot(state, Optional.of("wss://localhost:8765/"), Optional.of("alice"),
                Optional.of("ab".repeat(32)), Optional.of("TLSv1.3"), contacts);
    }

    @Override
    public List<SchemeInfo> schemes() {
        return List.of(new SchemeInfo("rsa-oaep-aes-gcm", "RSA-OAEP + AES-256-GCM"),
                new SchemeInfo("rsa-oaep-chunked", "RSA-2048 OAEP (chunked)"));
    }

    @Override
    public List<SchemeInfo> installedSchemes() {
        return schemes();
    }

    @Override
    public void setAllowedSchemes(Set<String> schemeIds) {
        allowed.clear();
        allowed.addAll(schemeIds);
    }

    @Override
    public IdentityStatus identityStatus() {
        return new IdentityStatus(State.UNLOCKED, Optional.of("alice"), Optional.of("abcd ".repeat(16).strip()));
    }

    @Override
    public CompletableFuture<Void> createIdentity(String user, char[] passphrase) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> unlockIdentity(char[] passphrase) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> exportIdentity(Path file) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> importIdentity(Path file, char[] passphrase) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void acceptIdentityKey(String user) throws ChatException {
        accepted.add(user);
    }

    @Override
    public void setVerified(String user, boolean verified) {
        // not needed by the tests
    }

    @Override
    public Optional<String> safetyNumber(String user) {
        return Optional.of("12345".repeat(12));
    }

    @Override
    public void addListener(ChatListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(ChatListener listener) {
        listeners.remove(listener);
    }

    void fire(ChatEvent event) {
        listeners.forEach(l -> l.onEvent(event));
    }

    void join(String user) {
        join(new Contact(user, "1234 5678", List.of("rsa-oaep-aes-gcm"), Contact.Trust.TRUSTED));
    }

    /** {@code user} goes offline and stays known: listed after the online contacts, as the real service does. */
    void leave(String user) {
        Contact gone = contacts.stream().filter(c -> c.user().equals(user)).findFirst().orElseThrow().withOnline(false);
        contacts.remove(contacts.indexOf(gone.withOnline(true)));
        contacts.add(gone);
        fire(new ChatEvent.PresenceChanged(gone, false));
    }

    void join(Contact contact) {
        contacts.removeIf(c -> c.user().equals(contact.user()));
        contacts.add(contact);
        fire(new ChatEvent.PresenceChanged(contact, true));
    }
}
