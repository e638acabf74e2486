package org.parley.relay;

/**
 * The relay could not start: the port is in use, a certificate is unreadable or does not match its
 * key, the data directory cannot be written, … The message is one clear sentence for operators.
 */
public final class RelayStartException extends Exception {
    public RelayStartException(String message, Throwable cause) {
        super(message, cause);
    }

    public RelayStartException(String message) {
        super(message);
    }
}
