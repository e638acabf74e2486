package org.parley.chat;

/** State of the connection to the relay. */
public enum ConnectionState {
    DISCONNECTED, CONNECTING, CONNECTED, FAILED
}
