package org.parley.chat;

/** A chat operation failed; the message is written for the user and never contains secrets. */
public class ChatException extends Exception {

    private static final long serialVersionUID = 1L;

    public ChatException(String message) {
        super(message);
    }

    public ChatException(String message, Throwable cause) {
        super(message, cause);
    }
}
