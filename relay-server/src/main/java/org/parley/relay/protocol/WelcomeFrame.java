package org.parley.relay.protocol;

import java.util.List;

/**
 * {@code welcome}: the login was accepted.
 *
 * @param ref   the {@code hello}'s id
 * @param user  the logged-in user name
 * @param users everyone else online with their keys
 */
public record WelcomeFrame(String ref, String user, List<UserKeys> users) implements OutboundFrame {
    public WelcomeFrame {
        users = List.copyOf(users);
    }
}
