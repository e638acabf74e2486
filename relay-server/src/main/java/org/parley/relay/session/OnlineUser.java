package org.parley.relay.session;

import io.netty.channel.Channel;
import java.util.Objects;
import org.parley.relay.protocol.UserKeys;

/**
 * A logged-in user and the connection they are logged in on.
 *
 * <p>Identity matters: the directory removes a user only if the very same instance is still
 * registered, so a late close of an old connection cannot log out a newer one with the same name.
 *
 * @param keys    the user name and published public keys
 * @param channel the WebSocket connection
 */
public record OnlineUser(UserKeys keys, Channel channel) {
    public OnlineUser {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(channel, "channel");
    }

    /** The user name. */
    public String name() {
        return keys.user();
    }

    // Records compare by value; two logins with equal keys on different channels are different users.
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
