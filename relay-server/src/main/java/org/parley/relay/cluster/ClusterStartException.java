package org.parley.relay.cluster;

/** The relay cannot join its cluster (Redis unreachable, bad node id); the message is one line for users. */
public final class ClusterStartException extends Exception {
    private static final long serialVersionUID = 1L;

    public ClusterStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
