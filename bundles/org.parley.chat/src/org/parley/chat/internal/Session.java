package org.parley.chat.internal;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.parley.crypto.api.SchemeKeyPair;
import org.parley.identity.Identity;

/**
 * One login at one relay over one connection, from dialling to its end. A lost connection ends the
 * session; reconnecting starts a new one. Not thread-safe; confined to the client's event executor. A
 * session that has ended is never reused: events from its link are ignored.
 */
final class Session {

    final URI relay;
    final String user;
    final String helloId;
    final String authId;
    final CompletableFuture<Void> loggedIn;
    final Directory directory;
    /** Whether this session is an automatic login after a lost connection (not the user's connect). */
    final boolean resumed;
    /** The unlocked identity this session logs in with (with key pairs for every published scheme). */
    Identity identity;
    /** The key pairs published in this session's bundle, by scheme id. */
    Map<String, SchemeKeyPair> keys = Map.of();
    Optional<RelayLink> link = Optional.empty();
    boolean challenged;
    boolean welcomed;

    Session(URI relay, String user, String helloId, String authId, CompletableFuture<Void> loggedIn, boolean resumed,
            KnownContacts known) {
        this.directory = new Directory(known);
        this.relay = relay;
        this.resumed = resumed;
        this.user = user;
        this.helloId = helloId;
        this.authId = authId;
        this.loggedIn = loggedIn;
    }
}
