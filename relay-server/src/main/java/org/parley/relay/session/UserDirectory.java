package org.parley.relay.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.relay.protocol.PresenceFrame;
import org.parley.relay.protocol.UserBundle;

/**
 * Who is online, one connection per user name, and the presence announcements that go with it.
 *
 * <p>Why a lock: joins and leaves (rare) run under one monitor together with queueing their presence
 * frames, so every user sees joins and leaves of a name in the order they happened, and a newcomer is
 * never missed: it is either in another newcomer's {@code welcome} or announced to it. (A user can
 * appear both in {@code welcome} and in a {@code join}; clients treat {@code join} as an upsert.)
 * Lookups for routing (frequent) are lock-free.
 *
 * <p>Threading: thread-safe; called from every event loop. One instance per relay, never static.
 */
public final class UserDirectory {
    private final ConcurrentHashMap<String, OnlineUser> online = new ConcurrentHashMap<>();
    private final Broadcaster broadcaster;
    private final Object membership = new Object();

    public UserDirectory(Broadcaster broadcaster) {
        this.broadcaster = broadcaster;
    }

    /**
     * Registers {@code user} and announces it to everyone else.
     *
     * @return the other users online (for {@code welcome}), or empty if the name is already online
     */
    public Optional<List<UserBundle>> join(OnlineUser user) {
        synchronized (membership) {
            if (online.putIfAbsent(user.name(), user) != null) {
                return Optional.empty();
            }
            List<OnlineUser> others = othersThan(user);
            broadcaster.send(PresenceFrame.join(user.bundle()), others);
            List<UserBundle> bundles = new ArrayList<>(others.size());
            others.forEach(o -> bundles.add(o.bundle()));
            return Optional.of(bundles);
        }
    }

    /** Removes {@code user} if it is still the registered instance, and announces the leave. */
    public void leave(OnlineUser user) {
        synchronized (membership) {
            if (online.remove(user.name(), user)) {
                broadcaster.send(PresenceFrame.leave(user.name()), othersThan(user));
            }
        }
    }

    /** The user online under {@code name}, if any. */
    public Optional<OnlineUser> find(String name) {
        return Optional.ofNullable(online.get(name));
    }

    /** A live, weakly consistent, unmodifiable view of everyone online. */
    public Collection<OnlineUser> online() {
        return Collections.unmodifiableCollection(online.values());
    }

    private List<OnlineUser> othersThan(OnlineUser user) {
        List<OnlineUser> others = new ArrayList<>(online.size());
        for (OnlineUser o : online.values()) {
            if (o != user) {
                others.add(o);
            }
        }
        return others;
    }
}
