package org.parley.relay.limit;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open connections per remote address, with a fixed limit. An address is the full IP address (an IPv6
 * /128); entries disappear when their count drops to zero, so the map holds only live addresses.
 *
 * <p>Threading: thread-safe; one instance per relay, used from every event loop.
 */
public final class ConnectionCounter {
    private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();
    private final int limit;

    public ConnectionCounter(int limit) {
        this.limit = limit;
    }

    /** Counts a new connection from {@code address}; false (and nothing counted) if it is at the limit. */
    public boolean tryAcquire(InetAddress address) {
        boolean[] acquired = new boolean[1];
        open.compute(address, (a, n) -> {
            int count = n == null ? 0 : n;
            acquired[0] = count < limit;
            return acquired[0] ? count + 1 : n;
        });
        return acquired[0];
    }

    /** Uncounts a connection that {@link #tryAcquire} counted. */
    public void release(InetAddress address) {
        open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }

    /** Open connections from {@code address}. */
    public int count(InetAddress address) {
        return open.getOrDefault(address, 0);
    }
}
