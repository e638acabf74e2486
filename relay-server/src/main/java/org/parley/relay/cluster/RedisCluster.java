package org.parley.relay.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.parley.relay.session.ClusterUnavailableException;
import org.parley.relay.session.OnlineUser;
import org.parley.relay.session.RemoteUsers;
import org.parley.relay.session.UserDirectory;
import org.parley.relay.session.UserDirectory.RemoteUser;

/**
 * One relay node's membership in a relay cluster that shares one Redis deployment (Lettuce client).
 * Redis holds everything shared; each node holds only its own connections:
 * <ul>
 *   <li>{@code parley:users} (hash: name → "base64 identity key, first-seen ms"): the user registry
 *       ({@link RedisUserRegistry}; bound with HSETNX, so one key wins cluster-wide);</li>
 *   <li>{@code parley:online} (hash: name → "node session\nbundle"): who is online where, claimed with
 *       HSETNX (so a name is online on one node at most: {@code name-taken} elsewhere), with
 *       {@code parley:node:ID:users} (set) listing each node's claims;</li>
 *   <li>{@code parley:node:ID} (string with a TTL of {@code --cluster-node-timeout}): the node's
 *       heartbeat, refreshed every third of that; {@code parley:nodes} (set) the known nodes. A node
 *       whose heartbeat expired is dead: the first survivor to notice frees its names (one atomic script,
 *       which also announces a leave for each);</li>
 *   <li>per recipient, {@code parley:{user}:inbox} (stream) and {@code parley:{user}:idx} (hash
 *       "from id" → entry): the offline queue ({@link RedisMessageStore});</li>
 *   <li>pub/sub channels: {@code parley:presence} (join/leave of every node), {@code parley:everyone}
 *       ("everyone" messages), and {@code parley:u:NAME}, subscribed by the node where NAME is online,
 *       carrying ready-to-write frames (deliver, receipt) for that user.</li>
 * </ul>
 * Why per-user channels: the publisher need not know where a user is, and PUBLISH answers how many nodes
 * took the frame, so {@code sent} tells online from queued exactly, and a user who moves to another node
 * cannot be missed (the new node subscribes before it reads the user's inbox, and a message is stored
 * before it is published; see {@link org.parley.relay.handler.ClusterDirectMessageHandler}).
 *
 * <p>Failure handling: a node that loses its pub/sub connection closes its users' connections (1011), so
 * they reconnect (to any node) and get their inbox replayed; a node that finds it was declared dead
 * does the same. Releases that fail while Redis is unreachable are retried with each heartbeat.
 *
 * <p>Threading: thread-safe. Commands are pipelined on one connection (Lettuce's own I/O threads);
 * presence events are applied on one thread, {@code parley-cluster-events}, in the order Redis published
 * them; timers run on {@code parley-cluster-timer}. Only login-time calls block (one round trip).
 */
public final class RedisCluster implements RemoteUsers, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RedisCluster.class.getName());
    static final String ONLINE = "parley:online";
    static final String NODES = "parley:nodes";
    static final String PRESENCE = "parley:presence";
    static final String EVERYONE = "parley:everyone";
    static final String USER_CHANNEL = "parley:u:";
    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final String nodeId;
    private final Duration nodeTimeout;
    private final Duration commandTimeout;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, byte[]> connection;
    private final RedisAsyncCommands<String, byte[]> redis;
    private final StatefulRedisPubSubConnection<String, byte[]> pubsub;
    private final Map<String, String> shas = new ConcurrentHashMap<>();
    private final ExecutorService events;
    private final ScheduledExecutorService timer;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentLinkedQueue<String[]> failedReleases = new ConcurrentLinkedQueue<>();
    /** The value of this node's claim per local user (so that a release removes only its own claim). */
    private final ConcurrentHashMap<OnlineUser, String> claims = new ConcurrentHashMap<>();
    private final AtomicLong depth = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile UserDirectory directory;
    private volatile boolean registered;

    private RedisCluster(String uri, String nodeId, Duration nodeTimeout) {
        this.nodeId = nodeId;
        this.nodeTimeout = nodeTimeout;
        RedisURI redisUri = RedisURI.create(uri);
        this.commandTimeout = Duration.ofSeconds(5);
        redisUri.setTimeout(commandTimeout);
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
        this.client = RedisClient.create(resources, redisUri);
        // Commands fail at once while disconnected instead of piling up: a sender then gets close 1011
        // and resends after reconnecting, rather than waiting for a sent that may never come.
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(1 << 20)
                .build());
        StatefulRedisConnection<String, byte[]> c = null;
        StatefulRedisPubSubConnection<String, byte[]> p = null;
        try {
            c = client.connect(CODEC);
            p = client.connectPubSub(CODEC);
        } catch (RuntimeException e) {
            if (c != null) {
                c.close();
            }
            shutdownClient();
            throw e;
        }
        this.connection = c;
        this.redis = c.async();
        this.pubsub = p;
        this.events = Executors.newSingleThreadExecutor(r -> daemon(r, "parley-cluster-events"));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "parley-cluster-timer"));
    }

    /**
     * Connects to the cluster's Redis at {@code uri} ({@code redis://} or {@code rediss://}, optionally
     * with a password and database) as node {@code nodeId}.
     *
     * @throws ClusterStartException with a one-line reason if Redis cannot be reached
     */
    public static RedisCluster connect(String uri, String nodeId, Duration nodeTimeout) throws ClusterStartException {
        if (!NODE_ID.matcher(nodeId).matches()) {
            throw new ClusterStartException("node id must be 1-64 of A-Z a-z 0-9 . _ -, got '" + nodeId + "'", null);
        }
        try {
            RedisCluster cluster = new RedisCluster(uri, nodeId, nodeTimeout);
            cluster.loadScripts();
            return cluster;
        } catch (RuntimeException e) {
            throw new ClusterStartException("cannot connect to Redis at " + redacted(uri) + ": " + rootMessage(e), e);
        }
    }

    /** A node id unique enough for a default: the host name and 6 random bytes. */
    public static String generateNodeId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9.-]", "");
        } catch (java.io.IOException e) {
            host = "relay";
        }
        byte[] r = new byte[6];
        new SecureRandom().nextBytes(r);
        host = host.isEmpty() ? "relay" : host.substring(0, Math.min(host.length(), 40));
        return host + "-" + HexFormat.of().formatHex(r);
    }

    /** This node's id. */
    public String nodeId() {
        return nodeId;
    }

    /**
     * Joins the cluster with {@code directory}: frees stale claims of an earlier run under the same node
     * id, subscribes to presence and "everyone", mirrors the users online elsewhere, and starts the
     * heartbeat and the dead-node check.
     */
    public void attach(UserDirectory directory, Runnable purge, Duration purgeEvery) throws ClusterStartException {
        this.directory = directory;
        try {
            pubsub.addListener(new Listener());
            pubsub.addListener(new ConnectionWatch());
            await(script(Scripts.REAP, ScriptOutputType.INTEGER, new String[] {ONLINE, nodeUsers(nodeId), NODES,
                    heartbeat(nodeId)}, nodeId, PRESENCE, "force"));
            heartbeatNow();
            await(pubsub.async().subscribe(PRESENCE, EVERYONE));
            resync();
        } catch (ClusterUnavailableException e) {
            throw new ClusterStartException("cannot join the cluster: " + e.getMessage(), e);
        }
        long beat = Math.max(100, nodeTimeout.toMillis() / 3);
        timer.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
        long reap = Math.max(100, nodeTimeout.toMillis() / 2);
        timer.scheduleWithFixedDelay(this::reapDeadNodes, reap, reap, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(() -> {
            try {
                purge.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "event=cluster-purge-failed error={0}", rootMessage(e));
            }
        }, purgeEvery.toMillis(), purgeEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---- RemoteUsers ----

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public boolean claim(OnlineUser user) {
        String value = nodeId + " " + Long.toHexString(random.nextLong()) + "\n" + BundleCodec.encode(user.bundle());
        byte[] join = ("J " + nodeId + "\n" + BundleCodec.encode(user.bundle())).getBytes(StandardCharsets.UTF_8);
        long claimed = await(script(Scripts.CLAIM, ScriptOutputType.INTEGER,
                new String[] {ONLINE, nodeUsers(nodeId)}, user.name(), value, join, PRESENCE));
        if (claimed == 0) {
            // Online elsewhere; if that node is dead but not yet reaped, free its names and try once more.
            Optional<String> owner = ownerNode(user.name());
            if (owner.isEmpty() || owner.get().equals(nodeId) || !reap(owner.get())) {
                return false;
            }
            claimed = await(script(Scripts.CLAIM, ScriptOutputType.INTEGER,
                    new String[] {ONLINE, nodeUsers(nodeId)}, user.name(), value, join, PRESENCE));
            if (claimed == 0) {
                return false;
            }
        }
        claims.put(user, value);
        try {
            // Before welcome and the inbox replay: a message stored after that replay read the inbox is
            // published after it, so this subscription receives it.
            await(pubsub.async().subscribe(USER_CHANNEL + user.name()));
        } catch (ClusterUnavailableException e) {
            release(user);
            throw e;
        }
        return true;
    }

    @Override
    public void release(OnlineUser user) {
        String value = claims.remove(user);
        if (value == null || closed.get()) {
            return; // after close() the node's remaining names are freed at once; after abandon() by the survivors
        }
        pubsub.async().unsubscribe(USER_CHANNEL + user.name());
        String[] release = {user.name(), value};
        runRelease(release);
    }

    private void runRelease(String[] release) {
        byte[] leave = ("L " + nodeId + " " + release[0]).getBytes(StandardCharsets.UTF_8);
        script(Scripts.RELEASE, ScriptOutputType.INTEGER, new String[] {ONLINE, nodeUsers(nodeId)},
                release[0], release[1], leave, PRESENCE).whenComplete((r, e) -> {
                    if (e != null && !closed.get()) {
                        failedReleases.add(release); // retried by the heartbeat
                    }
                });
    }

    @Override
    public boolean isOnlineElsewhere(String name) {
        Optional<String> owner = ownerNode(name);
        if (owner.isEmpty() || owner.get().equals(nodeId)) {
            return false;
        }
        return !reap(owner.get()); // a dead node's users are not online
    }

    @Override
    public void everyone(String from, byte[] deliver) {
        byte[] head = (nodeId + " " + from + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[head.length + deliver.length];
        System.arraycopy(head, 0, message, 0, head.length);
        System.arraycopy(deliver, 0, message, head.length, deliver.length);
        redis.publish(EVERYONE, message);
    }

    @Override
    public CompletableFuture<Boolean> toUser(String name, byte[] frame) {
        return redis.publish(USER_CHANNEL + name, frame).toCompletableFuture()
                .handle((receivers, error) -> error == null && receivers != null && receivers > 0);
    }

    // ---- for the registry and the store ----

    RedisAsyncCommands<String, byte[]> commands() {
        return redis;
    }

    /** Waits for {@code future} up to the command timeout; any failure becomes {@link ClusterUnavailableException}. */
    <T> T await(java.util.concurrent.CompletionStage<T> future) {
        try {
            return future.toCompletableFuture().get(commandTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterUnavailableException("interrupted", e);
        } catch (ExecutionException e) {
            throw new ClusterUnavailableException(rootMessage(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new ClusterUnavailableException("Redis did not answer in time", e);
        }
    }

    /** Runs a script by its SHA, loading it again if Redis forgot it (restart, SCRIPT FLUSH). */
    <T> CompletableFuture<T> script(String script, ScriptOutputType type, String[] keys, Object... args) {
        byte[][] values = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            values[i] = args[i] instanceof byte[] b ? b : String.valueOf(args[i]).getBytes(StandardCharsets.UTF_8);
        }
        String sha = shas.get(script);
        CompletableFuture<T> first = sha == null
                ? CompletableFuture.failedFuture(new RedisNoScriptException("not loaded"))
                : redis.<T>evalsha(sha, type, keys, values).toCompletableFuture();
        return first.exceptionallyCompose(e -> {
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof RedisNoScriptException) {
                return redis.<T>eval(script, type, keys, values).toCompletableFuture();
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    /** Copies stored for all recipients (refreshed with each heartbeat). */
    long depth() {
        return depth.get();
    }

    // ---- internals ----

    private void loadScripts() {
        for (String s : List.of(Scripts.CLAIM, Scripts.RELEASE, Scripts.REAP, Scripts.STORE, Scripts.ACK, Scripts.TRIM)) {
            shas.put(s, await(redis.scriptLoad(s)));
        }
    }

    private Optional<String> ownerNode(String name) {
        byte[] value = await(redis.hget(ONLINE, name));
        if (value == null) {
            return Optional.empty();
        }
        String v = new String(value, 0, Math.min(value.length, 200), StandardCharsets.UTF_8);
        int space = v.indexOf(' ');
        return Optional.of(space < 0 ? v : v.substring(0, space));
    }

    /** Frees the names of {@code node} if its heartbeat expired; whether it was dead. */
    private boolean reap(String node) {
        long freed = await(script(Scripts.REAP, ScriptOutputType.INTEGER,
                new String[] {ONLINE, nodeUsers(node), NODES, heartbeat(node)}, node, PRESENCE, "check"));
        if (freed >= 0) {
            LOG.log(Level.WARNING, "event=cluster-node-dead node={0} names-freed={1}", node, freed);
        }
        return freed >= 0;
    }

    private void heartbeatNow() {
        if (closed.get()) {
            return;
        }
        await(redis.set(heartbeat(nodeId), Long.toString(System.currentTimeMillis()).getBytes(StandardCharsets.US_ASCII),
                SetArgs.Builder.px(nodeTimeout.toMillis())));
        long added = await(redis.sadd(NODES, nodeId.getBytes(StandardCharsets.UTF_8)));
        if (added == 1 && registered) {
            // Another node declared this one dead (it missed heartbeats) and freed its names: its users
            // must log in again, or two nodes could think they hold one name.
            LOG.log(Level.WARNING, "event=cluster-declared-dead node={0} action=close-users", nodeId);
            claims.clear();
            closeLocalUsers("relay node was declared dead; reconnect");
        }
        registered = true;
        byte[] d = await(redis.get("parley:depth"));
        depth.set(d == null ? 0 : Long.parseLong(new String(d, StandardCharsets.US_ASCII)));
    }

    private void heartbeat() {
        try {
            heartbeatNow();
            for (int n = failedReleases.size(); n > 0; n--) {
                String[] r = failedReleases.poll();
                if (r != null) {
                    runRelease(r);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "event=cluster-heartbeat-failed error={0}", rootMessage(e));
        }
    }

    private void reapDeadNodes() {
        try {
            for (byte[] node : await(redis.smembers(NODES))) {
                String id = new String(node, StandardCharsets.UTF_8);
                if (!id.equals(nodeId) && await(redis.exists(heartbeat(id))) == 0) {
                    reap(id);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "event=cluster-reap-failed error={0}", rootMessage(e));
        }
    }

    /** Replaces the mirror of remote users with what Redis says now. */
    private void resync() {
        Map<String, byte[]> all = await(redis.hgetall(ONLINE));
        Map<String, RemoteUser> remote = new HashMap<>();
        for (Map.Entry<String, byte[]> e : all.entrySet()) {
            String v = new String(e.getValue(), StandardCharsets.UTF_8);
            int space = v.indexOf(' ');
            int nl = v.indexOf('\n');
            if (space < 0 || nl < 0) {
                continue;
            }
            String node = v.substring(0, space);
            if (!node.equals(nodeId)) {
                BundleCodec.decode(v.substring(nl + 1)).ifPresent(b -> remote.put(e.getKey(), new RemoteUser(node, b)));
            }
        }
        events.execute(() -> directory.remoteSnapshot(remote));
    }

    private void closeLocalUsers(String reason) {
        UserDirectory d = directory;
        if (d == null) {
            return;
        }
        for (OnlineUser u : new ArrayList<>(d.online())) {
            u.channel().writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.INTERNAL_SERVER_ERROR, reason))
                    .addListener(f -> u.channel().close());
        }
    }

    private void onMessage(String channel, byte[] message) {
        UserDirectory d = directory;
        if (d == null || closed.get()) {
            return;
        }
        if (channel.startsWith(USER_CHANNEL)) {
            // A frame for a user of this node: written from this (Lettuce) thread, no lock needed.
            d.find(channel.substring(USER_CHANNEL.length())).ifPresent(u ->
                    u.channel().writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(message))));
        } else if (channel.equals(EVERYONE)) {
            int nl = indexOf(message, (byte) '\n');
            String[] head = new String(message, 0, Math.max(nl, 0), StandardCharsets.UTF_8).split(" ", 2);
            if (nl < 0 || head.length != 2 || head[0].equals(nodeId)) {
                return; // its own node delivered it already
            }
            for (OnlineUser u : d.online()) {
                if (!u.name().equals(head[1])) {
                    u.channel().writeAndFlush(new TextWebSocketFrame(
                            Unpooled.wrappedBuffer(message, nl + 1, message.length - nl - 1)));
                }
            }
        } else if (channel.equals(PRESENCE)) {
            String text = new String(message, StandardCharsets.UTF_8);
            events.execute(() -> presence(d, text));
        }
    }

    private void presence(UserDirectory d, String text) {
        if (text.startsWith("J ")) {
            int nl = text.indexOf('\n');
            String node = nl < 0 ? "" : text.substring(2, nl);
            if (nl > 0 && !node.equals(nodeId)) {
                BundleCodec.decode(text.substring(nl + 1)).ifPresent(b -> d.remoteJoined(node, b));
            }
        } else if (text.startsWith("L ")) {
            String[] parts = text.split(" ");
            if (parts.length == 3 && !parts[1].equals(nodeId)) {
                d.remoteLeft(parts[1], parts[2]);
            }
        }
    }

    private final class Listener extends RedisPubSubAdapter<String, byte[]> {
        @Override
        public void message(String channel, byte[] message) {
            onMessage(channel, message);
        }
    }

    /** The pub/sub connection carries every live frame: while it is down, users would miss messages. */
    private final class ConnectionWatch implements RedisConnectionStateListener {
        private volatile boolean lost;

        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            if (closed.get()) {
                return;
            }
            lost = true;
            LOG.log(Level.WARNING, "event=cluster-subscription-lost node={0} action=close-users", nodeId);
            closeLocalUsers("relay cluster unavailable");
        }

        @Override
        public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
            if (lost && !closed.get()) {
                lost = false;
                LOG.log(Level.INFO, "event=cluster-subscription-restored node={0}", nodeId);
                timer.execute(() -> {
                    try {
                        resync();
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "event=cluster-resync-failed error={0}", rootMessage(e));
                    }
                });
            }
        }
    }

    /**
     * Leaves the cluster: frees this node's remaining names (announcing the leaves), deletes the
     * heartbeat, and closes the connections. Call after the local users were disconnected. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopTimer(); // no heartbeat may re-register the node after it left
        try {
            await(script(Scripts.REAP, ScriptOutputType.INTEGER, new String[] {ONLINE, nodeUsers(nodeId), NODES,
                    heartbeat(nodeId)}, nodeId, PRESENCE, "force"));
            await(redis.del(heartbeat(nodeId)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "event=cluster-leave-failed error={0}", rootMessage(e));
        }
        events.shutdown();
        try {
            events.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pubsub.close();
        connection.close();
        shutdownClient();
    }

    /**
     * Stops talking to Redis without leaving the cluster: no clean-up, as if the process died (for tests
     * of node failure in one JVM). Its names stay claimed until the survivors find its heartbeat expired.
     */
    public void abandon() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        timer.shutdownNow();
        events.shutdownNow();
        pubsub.close();
        connection.close();
        shutdownClient();
    }

    private void stopTimer() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(commandTimeout.toMillis() * 3 + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void shutdownClient() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    static String nodeUsers(String node) {
        return "parley:node:" + node + ":users";
    }

    static String heartbeat(String node) {
        return "parley:node:" + node;
    }

    private static int indexOf(byte[] a, byte b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The URI without a password, for messages. */
    public static String redacted(String uri) {
        try {
            URI u = URI.create(uri);
            return u.getUserInfo() == null ? uri : uri.replace(u.getRawUserInfo() + "@", "***@");
        } catch (IllegalArgumentException e) {
            return "(invalid URI)";
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
