package org.parley.chat.internal;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.parley.chat.ChatMessage;
import org.parley.crypto.api.SchemeKeyPair;

/**
 * One login at one relay, from {@code connect} to its end. Not thread-safe; confined to the client's
 * event executor. A session that has ended is never reused: events from its link are ignored.
 */
final class Session {

    final URI relay;
    final String user;
    final String helloId;
    final CompletableFuture<Void> loggedIn;
    final Directory directory = new Directory();
    /** Outgoing messages waiting for {@code sent} or {@code error}, by message id. */
    final Map<String, ChatMessage> pending = new HashMap<>();
    Map<String, SchemeKeyPair> keys = Map.of();
    Optional<RelayLink> link = Optional.empty();
    boolean welcomed;

    Session(URI relay, String user, String helloId, CompletableFuture<Void> loggedIn) {
        this.relay = relay;
        this.user = user;
        this.helloId = helloId;
        this.loggedIn = loggedIn;
    }
}
