package org.parley.relay.session;

/** The cluster's shared store (Redis) could not be reached or answered with an error. */
public final class ClusterUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ClusterUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
