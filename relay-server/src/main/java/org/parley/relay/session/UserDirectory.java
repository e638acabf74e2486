package org.parley.relay.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * <p>Sessions that log in with {@code "presence":false} ({@link OnlineUser#presence()}) are announced
 * like everyone else but get no online list themselves: their {@code welcome} lists nobody and no
 * {@code presence} frame is written to them (they are not in the presence audience, so a join or leave
 * costs O(sessions with presence), not O(sessions)). A login without presence therefore costs the relay
 * O(sessions with presence); one with presence O(users online) (its {@code welcome} and its join).
 *
 * <p>In a cluster ({@link RemoteUsers#enabled()}) the directory also mirrors the users online on the
 * other nodes, fed by the cluster's presence events ({@link #remoteJoined}, {@link #remoteLeft},
 * {@link #remoteSnapshot}) under the same monitor, so the rule above holds across nodes: a name is
 * claimed cluster-wide before it joins here, and {@code welcome} lists local and remote users.
 *
 * <p>Threading: thread-safe; called from every event loop and the cluster's event thread. One instance
 * per relay, never static.
 */
public final class UserDirectory {
    private final ConcurrentHashMap<String, OnlineUser> online = new ConcurrentHashMap<>();
    /** The local sessions that get presence frames; changed only under {@link #membership}. */
    private final Set<OnlineUser> audience = new HashSet<>();
    /** Users online on other nodes: name → (node, bundle). Empty for a relay alone. */
    private final ConcurrentHashMap<String, RemoteUser> remoteOnline = new ConcurrentHashMap<>();
    private final Broadcaster broadcaster;
    private final RemoteUsers remote;
    private final Object membership = new Object();

    /** A user online on another node of the cluster. */
    public record RemoteUser(String node, UserBundle bundle) {
    }

    /** The directory of a relay alone. */
    public UserDirectory(Broadcaster broadcaster) {
        this(broadcaster, RemoteUsers.NONE);
    }

    /** The directory of one node of a cluster (or of a relay alone with {@link RemoteUsers#NONE}). */
    public UserDirectory(Broadcaster broadcaster, RemoteUsers remote) {
        this.broadcaster = broadcaster;
        this.remote = remote;
    }

    /** The rest of the cluster ({@link RemoteUsers#NONE} for a relay alone). */
    public RemoteUsers remote() {
        return remote;
    }

    /**
     * Registers {@code user} and announces it to everyone else. In a cluster, first claims the name on
     * the shared store (one blocking round trip).
     *
     * @return the other users online (for {@code welcome}), or empty if the name is already online
     * @throws ClusterUnavailableException if the cluster's store cannot be reached
     */
    public Optional<List<UserBundle>> join(OnlineUser user) {
        if (remote.enabled()) {
            if (online.containsKey(user.name()) || !remote.claim(user)) {
                return Optional.empty();
            }
        }
        synchronized (membership) {
            if (online.putIfAbsent(user.name(), user) != null) {
                if (remote.enabled()) {
                    remote.release(user);
                }
                return Optional.empty();
            }
            if (user.presence()) {
                audience.add(user);
            }
            broadcaster.send(PresenceFrame.join(user.bundle()), audienceExcept(user));
            if (!user.presence()) {
                return Optional.of(List.of());
            }
            List<UserBundle> bundles = new ArrayList<>(online.size() + remoteOnline.size());
            for (OnlineUser o : online.values()) {
                if (o != user) {
                    bundles.add(o.bundle());
                }
            }
            for (RemoteUser r : remoteOnline.values()) {
                if (!r.bundle().user().equals(user.name())) {
                    bundles.add(r.bundle());
                }
            }
            return Optional.of(bundles);
        }
    }

    /** Removes {@code user} if it is still the registered instance, and announces the leave. */
    public void leave(OnlineUser user) {
        boolean left;
        synchronized (membership) {
            left = online.remove(user.name(), user);
            audience.remove(user);
            if (left) {
                broadcaster.send(PresenceFrame.leave(user.name()), audienceExcept(user));
            }
        }
        if (left && remote.enabled()) {
            remote.release(user);
        }
    }

    /** The user online under {@code name} on this relay, if any. */
    public Optional<OnlineUser> find(String name) {
        return Optional.ofNullable(online.get(name));
    }

    /**
     * Whether {@code name} is online on this relay or, in a cluster, on any node (asks the shared store:
     * may block for one round trip).
     */
    public boolean isOnline(String name) {
        return online.containsKey(name) || remote.enabled() && remote.isOnlineElsewhere(name);
    }

    /** A live, weakly consistent, unmodifiable view of everyone online on this relay. */
    public Collection<OnlineUser> online() {
        return Collections.unmodifiableCollection(online.values());
    }

    /** The names online on other nodes as this node last heard (weakly consistent); empty for a relay alone. */
    public Collection<String> remoteNames() {
        return Collections.unmodifiableSet(remoteOnline.keySet());
    }

    /** A user joined on another node: remembered, and announced to the users of this node. */
    public void remoteJoined(String node, UserBundle bundle) {
        synchronized (membership) {
            if (online.containsKey(bundle.user())) {
                return; // stale: the name is claimed here now, so that node's session is over
            }
            remoteOnline.put(bundle.user(), new RemoteUser(node, bundle));
            broadcaster.send(PresenceFrame.join(bundle), audienceExcept(null));
        }
    }

    /** A user left another node (or that node died): forgotten, and the leave announced here. */
    public void remoteLeft(String node, String name) {
        synchronized (membership) {
            RemoteUser known = remoteOnline.get(name);
            if (known == null || !known.node().equals(node)) {
                return; // stale: not (or no longer) online there as far as this node knows
            }
            remoteOnline.remove(name, known);
            if (!online.containsKey(name)) {
                broadcaster.send(PresenceFrame.leave(name), audienceExcept(null));
            }
        }
    }

    /**
     * Replaces the mirror of remote users with {@code snapshot} (name → user, as read from the shared
     * store), announcing the differences to the users of this node: after a lost subscription, events
     * may have been missed.
     */
    public void remoteSnapshot(Map<String, RemoteUser> snapshot) {
        synchronized (membership) {
            Map<String, RemoteUser> before = new HashMap<>(remoteOnline);
            for (Map.Entry<String, RemoteUser> e : before.entrySet()) {
                RemoteUser now = snapshot.get(e.getKey());
                if (now == null || !now.node().equals(e.getValue().node())) {
                    remoteOnline.remove(e.getKey());
                    if (now == null && !online.containsKey(e.getKey())) {
                        broadcaster.send(PresenceFrame.leave(e.getKey()), audienceExcept(null));
                    }
                }
            }
            for (Map.Entry<String, RemoteUser> e : snapshot.entrySet()) {
                if (online.containsKey(e.getKey())) {
                    continue;
                }
                RemoteUser was = before.get(e.getKey());
                remoteOnline.put(e.getKey(), e.getValue());
                if (was == null || !was.node().equals(e.getValue().node())) {
                    broadcaster.send(PresenceFrame.join(e.getValue().bundle()), audienceExcept(null));
                }
            }
        }
    }

    /** The local sessions that get presence frames, but {@code user} (null: all of them). */
    private List<OnlineUser> audienceExcept(OnlineUser user) {
        List<OnlineUser> others = new ArrayList<>(audience.size());
        for (OnlineUser o : audience) {
            if (o != user) {
                others.add(o);
            }
        }
        return others;
    }
}
