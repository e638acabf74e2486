package org.parley.relay.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.relay.registry.RegisteredUser;
import org.parley.relay.registry.RegistryException;
import org.parley.relay.registry.UserRegistry;
import org.parley.relay.session.ClusterUnavailableException;

/**
 * The {@link UserRegistry} of a relay cluster: Redis hash {@value #USERS}, name → "base64 SPKI DER,
 * first-seen ms". A name is bound with HSETNX, so of two first logins with different keys on two
 * nodes exactly one wins everywhere. Durable as far as the Redis deployment is (see README: AOF with
 * {@code appendfsync always} for the same guarantee as the embedded registry).
 *
 * <p>Bindings are permanent (there is no unbind), so a binding once read is cached in memory for good:
 * routing a message to a known name costs no Redis round trip. An operator who deletes a binding in
 * Redis must restart the nodes.
 *
 * <p>Threading: thread-safe. {@link #find} and {@link #bind} (login) and {@link #isRegistered} for a name
 * not cached block for one Redis round trip.
 */
public final class RedisUserRegistry implements UserRegistry {
    static final String USERS = "parley:users";

    private final RedisCluster cluster;
    private final ConcurrentHashMap<String, RegisteredUser> cache = new ConcurrentHashMap<>();

    public RedisUserRegistry(RedisCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public Optional<RegisteredUser> find(String user) {
        RegisteredUser known = cache.get(user);
        if (known != null) {
            return Optional.of(known);
        }
        byte[] value = cluster.await(cluster.commands().hget(USERS, user));
        if (value == null) {
            return Optional.empty();
        }
        RegisteredUser found = parse(user, value);
        cache.put(user, found);
        return Optional.of(found);
    }

    @Override
    public boolean isRegistered(String user) {
        return cache.containsKey(user) || find(user).isPresent();
    }

    @Override
    public RegisteredUser bind(String user, byte[] identityKey, long nowMillis) throws RegistryException {
        byte[] value = (Base64.getEncoder().encodeToString(identityKey) + "," + nowMillis).getBytes(StandardCharsets.US_ASCII);
        try {
            if (cluster.await(cluster.commands().hsetnx(USERS, user, value))) {
                RegisteredUser bound = new RegisteredUser(user, identityKey, nowMillis);
                cache.put(user, bound);
                return bound;
            }
            cache.remove(user);
            return find(user).orElseThrow(() -> new RegistryException("the registration of " + user
                    + " vanished from Redis", null));
        } catch (ClusterUnavailableException e) {
            throw new RegistryException("cannot store the registration of " + user + ": " + e.getMessage(), e);
        }
    }

    private static RegisteredUser parse(String user, byte[] value) {
        String v = new String(value, StandardCharsets.US_ASCII);
        int comma = v.indexOf(',');
        long firstSeen = 0;
        try {
            firstSeen = comma < 0 ? 0 : Long.parseLong(v.substring(comma + 1));
        } catch (NumberFormatException e) {
            // an unreadable date does not unbind the name
        }
        return new RegisteredUser(user, Base64.getDecoder().decode(comma < 0 ? v : v.substring(0, comma)), firstSeen);
    }

    @Override
    public void close() {
        // the connection belongs to the cluster
    }
}
