package org.parley.relay.registry;

/** The user registry could not be opened or could not record a binding durably. */
public final class RegistryException extends Exception {
    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
