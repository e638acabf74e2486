package org.parley.relay.store;

/** The message store cannot be opened. Its message never quotes message content. */
public final class StoreException extends Exception {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
