package org.parley.ui.parts;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.parley.chat.ChatEvent;
import org.parley.chat.ChatListener;
import org.parley.chat.ChatMessage;
import org.parley.chat.ChatService;
import org.parley.chat.ChatSnapshot;
import org.parley.chat.ConnectionState;
import org.parley.chat.Contact;
import org.parley.chat.Conversation;
import org.parley.crypto.api.SchemeInfo;

/** A chat service that records what the UI asks of it and lets the test play relay events. */
final class FakeChatService implements ChatService {

    record Sent(Conversation conversation, String text, String schemeId) {
    }

    final List<Sent> sent = new ArrayList<>();
    final List<Contact> contacts = new ArrayList<>();
    private final List<ChatListener> listeners = new CopyOnWriteArrayList<>();
    ConnectionState state = ConnectionState.CONNECTED;

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
    public ChatSnapshot snapshot() {
        return new ChatSnapshot(state, Optional.of("wss://localhost:8765/"), Optional.of("alice"),
                Optional.of("ab".repeat(32)), contacts);
    }

    @Override
    public List<SchemeInfo> schemes() {
        return List.of(new SchemeInfo("rsa-oaep-aes-gcm", "RSA-OAEP + AES-256-GCM"),
                new SchemeInfo("rsa-oaep-chunked", "RSA-2048 OAEP (chunked)"));
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
        Contact contact = new Contact(user, "1234 5678", List.of("rsa-oaep-aes-gcm"));
        contacts.add(contact);
        fire(new ChatEvent.PresenceChanged(contact, true));
    }
}
