package org.parley.relay.protocol;

import java.util.Optional;

/**
 * {@code presence}: a user joined (with their bundle) or left (without).
 *
 * @param joined {@code true} for {@code "event":"join"}, {@code false} for {@code "leave"}
 * @param user   the user name
 * @param bundle the user's bundle for a join; empty for a leave
 */
public record PresenceFrame(boolean joined, String user, Optional<KeyBundle> bundle) implements OutboundFrame {

    /** A {@code join} event. */
    public static PresenceFrame join(UserBundle user) {
        return new PresenceFrame(true, user.user(), Optional.of(user.bundle()));
    }

    /** A {@code leave} event. */
    public static PresenceFrame leave(String user) {
        return new PresenceFrame(false, user, Optional.empty());
    }
}
