package org.parley.identity;

import java.io.IOException;

/** A file is not a Parley identity file this version can read, or it is damaged. */
public class InvalidIdentityFileException extends IOException {

    private static final long serialVersionUID = 1L;

    public InvalidIdentityFileException(String message) {
        super(message);
    }

    public InvalidIdentityFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
