package org.parley.relay.session;

import io.netty.channel.Channel;
import java.util.Objects;
import org.parley.relay.protocol.UserBundle;

/**
 * A logged-in user and the connection they are logged in on.
 *
 * <p>Identity matters: the directory removes a user only if the very same instance is still
 * registered, so a late close of an old connection cannot log out a newer one with the same name.
 *
 * @param bundle  the user name and the key bundle verified at login
 * @param channel the WebSocket connection
 * @param presence whether this session gets the online list ({@code welcome}'s users, {@code presence}
 *                 frames); others see it online either way
 */
public record OnlineUser(UserBundle bundle, Channel channel, boolean presence) {
    public OnlineUser {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(channel, "channel");
    }

    /** A session that gets the online list. */
    public OnlineUser(UserBundle bundle, Channel channel) {
        this(bundle, channel, true);
    }

    /** The user name. */
    public String name() {
        return bundle.user();
    }

    // Records compare by value; two logins with equal bundles on different channels are different users.
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
