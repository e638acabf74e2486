package org.parley.relay.protocol;

import java.util.Map;
import java.util.Optional;

/**
 * {@code presence}: a user joined (with keys) or left (without).
 *
 * @param joined {@code true} for {@code "event":"join"}, {@code false} for {@code "leave"}
 * @param user   the user name
 * @param keys   the user's keys for a join; empty for a leave
 */
public record PresenceFrame(boolean joined, String user, Optional<Map<String, String>> keys)
        implements OutboundFrame {

    /** A {@code join} event. */
    public static PresenceFrame join(UserKeys user) {
        return new PresenceFrame(true, user.user(), Optional.of(user.keys()));
    }

    /** A {@code leave} event. */
    public static PresenceFrame leave(String user) {
        return new PresenceFrame(false, user, Optional.empty());
    }
}
