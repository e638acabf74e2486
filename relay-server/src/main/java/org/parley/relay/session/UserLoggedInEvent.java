package org.parley.relay.session;

/**
 * Fired through the whole pipeline (from its head) once a {@code hello} was accepted, so that every
 * handler that cares (login timeout, presence, routing) learns who is on this connection.
 *
 * <p>Threading: fired and consumed on the channel's event loop.
 *
 * @param user the user now logged in on this channel
 */
public record UserLoggedInEvent(OnlineUser user) {
}
