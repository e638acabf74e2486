package org.parley.chat;

/**
 * State of the connection to the relay. RECONNECTING: the connection was lost (or its heartbeat went
 * unanswered) and the client retries with exponential backoff; the event's detail says when.
 */
public enum ConnectionState {
    DISCONNECTED, CONNECTING, CONNECTED, RECONNECTING, FAILED
}
