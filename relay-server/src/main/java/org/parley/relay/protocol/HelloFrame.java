package org.parley.relay.protocol;

/**
 * {@code hello}: log in as {@code user} with a key bundle; answered by {@code challenge}.
 *
 * @param id     frame id, echoed as {@code ref} in the answer; validated id syntax
 * @param user   the requested user name; validated user-name syntax
 * @param bundle the user's key bundle; validated format, signature not yet checked
 */
public record HelloFrame(String id, String user, KeyBundle bundle) implements InboundFrame {
}
