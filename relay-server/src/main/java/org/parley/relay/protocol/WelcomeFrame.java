package org.parley.relay.protocol;

import java.util.List;

/**
 * {@code welcome}: the login was accepted.
 *
 * @param ref   the {@code auth}'s id
 * @param user  the logged-in user name
 * @param users everyone else online with their bundles
 */
public record WelcomeFrame(String ref, String user, List<UserBundle> users) implements OutboundFrame {
    public WelcomeFrame {
        users = List.copyOf(users);
    }
}
