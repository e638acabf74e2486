package org.parley.chat.internal.history;

import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.parley.chat.ChatEvent;
import org.parley.chat.ChatMessage;
import org.parley.chat.Conversation;
import org.parley.chat.HistoryEntry;
import org.parley.identity.Ed25519;
import org.parley.identity.Identity;

/** Identities, messages and waiting, for the history tests. */
final class HistoryFixtures {

    static final Conversation EVERYONE = Conversation.everyone();
    static final Conversation BOB = Conversation.with("bob");
    static final Conversation CAROL = Conversation.with("carol");

    private HistoryFixtures() {
    }

    static Identity identity(String user) {
        return new Identity(user, 0, Ed25519.generate(), new TreeMap<>());
    }

    static ChatMessage outgoing(Conversation c, String id, String text, long timestamp) {
        return new ChatMessage(id, c, "alice", true, text, "hybrid", timestamp, ChatMessage.Status.SENDING);
    }

    static ChatMessage incoming(Conversation c, String sender, String id, String text, long timestamp) {
        return new ChatMessage(id, c, sender, false, text, "hybrid", timestamp, ChatMessage.Status.RECEIVED);
    }

    static ChatEvent added(ChatMessage m) {
        return new ChatEvent.MessageAdded(m);
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    /** The failure of {@code future}, which must fail. */
    static Throwable failure(CompletableFuture<?> future) {
        try {
            future.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a failure");
    }

    static List<String> texts(List<HistoryEntry> entries) {
        return entries.stream().map(HistoryEntry::text).toList();
    }
}
