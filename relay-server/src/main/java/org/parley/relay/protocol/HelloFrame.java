package org.parley.relay.protocol;

/**
 * {@code hello}: log in as {@code user} with a key bundle; answered by {@code challenge}.
 *
 * @param id     frame id, echoed as {@code ref} in the answer; validated id syntax
 * @param user   the requested user name; validated user-name syntax
 * @param bundle the user's key bundle; validated format, signature not yet checked
 * @param presence whether the session wants the online list: {@code false} (a {@code "presence":false}
 *               in the hello) gets an empty {@code users} in {@code welcome} and no {@code presence}
 *               frames, so its login costs the relay O(sessions that want the list) instead of O(users online)
 */
public record HelloFrame(String id, String user, KeyBundle bundle, boolean presence) implements InboundFrame {
    /** A hello that wants the online list, as every desktop client's does. */
    public HelloFrame(String id, String user, KeyBundle bundle) {
        this(id, user, bundle, true);
    }
}
