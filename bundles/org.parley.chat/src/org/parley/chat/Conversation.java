package org.parley.chat;

import java.util.Objects;

/**
 * A conversation: either with everyone online, or with one peer.
 *
 * @param peer the other user's name, or {@link #EVERYONE_KEY} for the everyone conversation
 */
public record Conversation(String peer) {

    /** The key of the everyone conversation; not a valid user name, so it cannot collide. */
    public static final String EVERYONE_KEY = "*";

    private static final Conversation EVERYONE = new Conversation(EVERYONE_KEY);

    public Conversation {
        Objects.requireNonNull(peer, "peer");
    }

    public static Conversation everyone() {
        return EVERYONE;
    }

    public static Conversation with(String user) {
        return new Conversation(user);
    }

    public boolean isEveryone() {
        return EVERYONE_KEY.equals(peer);
    }

    /** "Everyone" or the peer's name. */
    public String title() {
        return isEveryone() ? "Everyone" : peer;
    }
}
