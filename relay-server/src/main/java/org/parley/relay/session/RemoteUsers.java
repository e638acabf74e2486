package org.parley.relay.session;

import java.util.concurrent.CompletableFuture;

/**
 * The rest of a relay cluster as one node's {@link UserDirectory} and routing handlers see it: the
 * cluster-wide claim on a user name, and the way to reach users online on other nodes. {@link #NONE}
 * is the single relay (the default): nothing is remote, every claim succeeds locally.
 *
 * <p>Guarantees of a cluster implementation: a name is claimed on at most one node at a time
 * (atomically, in the shared store); a frame sent with {@link #toUser} reaches the node where the user
 * is online at the moment the shared store processes it, or nobody.
 *
 * <p>Threading: implementations are thread-safe. {@link #claim} and {@link #isOnlineElsewhere} may block
 * for one round trip to the shared store (they run at login only); every other method returns at once.
 */
public interface RemoteUsers {
    /** A relay alone. */
    RemoteUsers NONE = new RemoteUsers() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public boolean claim(OnlineUser user) {
            return true;
        }

        @Override
        public void release(OnlineUser user) {
        }

        @Override
        public boolean isOnlineElsewhere(String name) {
            return false;
        }

        @Override
        public void everyone(String from, byte[] deliver) {
        }

        @Override
        public CompletableFuture<Boolean> toUser(String name, byte[] frame) {
            return CompletableFuture.completedFuture(false);
        }
    };

    /** Whether this relay is part of a cluster. */
    boolean enabled();

    /**
     * Claims {@code user}'s name for this node, cluster-wide and atomically, and subscribes to frames
     * for it; announces the join to the other nodes.
     *
     * @return false if the name is online on some node
     * @throws ClusterUnavailableException if the shared store cannot be reached
     */
    boolean claim(OnlineUser user);

    /** Gives up the claim of {@code user} (if still this node's) and announces the leave; never blocks. */
    void release(OnlineUser user);

    /** Whether {@code name} is online on another node (asks the shared store). */
    boolean isOnlineElsewhere(String name);

    /** Sends an encoded {@code everyone} {@code deliver} from {@code from} to the users of every other node. */
    void everyone(String from, byte[] deliver);

    /**
     * Sends an encoded frame to {@code name} wherever in the cluster it is online; completes with whether
     * a node took it (false: nobody online under that name, or the store could not be reached).
     */
    CompletableFuture<Boolean> toUser(String name, byte[] frame);
}
