package org.parley.ui;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.parley.chat.ChatListener;
import org.parley.chat.ChatMessage;
import org.parley.chat.ChatService;
import org.parley.chat.ChatSnapshot;
import org.parley.chat.ConnectionState;
import org.parley.chat.Conversation;
import org.parley.crypto.api.SchemeInfo;

/** A chat service that only knows two schemes and records the allowed ones; for the preference tests. */
public final class FakeSchemes implements ChatService {

    public final Set<String> allowed = new LinkedHashSet<>();

    @Override
    public CompletableFuture<Void> connect(URI relay, String user) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void disconnect() {
    }

    @Override
    public CompletableFuture<ChatMessage> send(Conversation conversation, String text, String schemeId) {
        return CompletableFuture.failedFuture(new IllegalStateException("not connected"));
    }

    @Override
    public CompletableFuture<ChatMessage> resend(ChatMessage message) {
        return CompletableFuture.failedFuture(new IllegalStateException("not connected"));
    }

    @Override
    public ChatSnapshot snapshot() {
        return new ChatSnapshot(ConnectionState.DISCONNECTED, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of());
    }

    @Override
    public List<SchemeInfo> schemes() {
        return List.of(new SchemeInfo("a-scheme", "Scheme A"), new SchemeInfo("b-scheme", "Scheme B"));
    }

    @Override
    public void setAllowedSchemes(Set<String> schemeIds) {
        allowed.clear();
        allowed.addAll(schemeIds);
    }

    @Override
    public void addListener(ChatListener listener) {
    }

    @Override
    public void removeListener(ChatListener listener) {
    }
}
