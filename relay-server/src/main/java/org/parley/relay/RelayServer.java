package org.parley.relay;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.parley.relay.auth.Authenticator;
import org.parley.relay.cluster.ClusterStartException;
import org.parley.relay.cluster.RedisCluster;
import org.parley.relay.cluster.RedisMessageStore;
import org.parley.relay.cluster.RedisUserRegistry;
import org.parley.relay.session.RemoteUsers;
import org.parley.relay.metrics.RelayMetrics;
import org.parley.relay.store.MessageStore;
import org.parley.relay.store.MvStoreMessageStore;
import org.parley.relay.store.StoreException;
import org.parley.relay.protocol.FrameWriter;
import org.parley.relay.registry.MvStoreUserRegistry;
import org.parley.relay.registry.RegistryException;
import org.parley.relay.registry.UserRegistry;
import org.parley.relay.session.Broadcaster;
import org.parley.relay.session.OnlineUser;
import org.parley.relay.session.UserDirectory;
import org.parley.relay.tls.CertificateSetupException;
import org.parley.relay.tls.DataDirectories;
import org.parley.relay.tls.PemCredentials;
import org.parley.relay.tls.SelfSignedCertificateStore;
import org.parley.relay.tls.ServerSslContexts;
import org.parley.relay.tls.TlsCredentials;

/**
 * A running Parley relay: a TLS WebSocket server on one port that routes ciphertext between
 * logged-in users (PROTOCOL.md §3). Lifecycle only; the pipeline is composed by
 * {@link RelayChannelInitializer}, and the command line lives in {@link RelayMain}.
 *
 * <h2>Public API for in-process use (tests, embedding)</h2>
 * <pre>{@code
 * RelayConfig config = RelayConfig.builder(dataDir).host("127.0.0.1").port(0).build();
 * List<String> seen = new CopyOnWriteArrayList<>();
 * try (RelayServer relay = RelayServer.start(config, seen::add)) {
 *     int port = relay.port();                          // the bound port (also for port 0)
 *     String pin = relay.certificateFingerprint();      // lower-case hex SHA-256 of the DER cert
 *     X509Certificate cert = relay.certificate().get(); // trust exactly this in a test client
 *     // connect to wss://127.0.0.1:port/ ... every inbound text message lands in "seen"
 * }
 * }</pre>
 * <ul>
 *   <li>{@link #start(RelayConfig)} / {@link #start(RelayConfig, InboundFrameListener)}: binds and
 *       returns once the relay accepts connections; throws {@link RelayStartException} otherwise.</li>
 *   <li>{@link #port()}, {@link #listeningUri()}, {@link #certificateFingerprint()},
 *       {@link #certificate()}, {@link #dataDir()}: facts about the running relay.</li>
 *   <li>{@link #close()}: closes every connection (WebSocket close 1001) and the port, and releases
 *       all threads; idempotent. {@link #awaitClose()} blocks until then.</li>
 * </ul>
 * The only files the relay writes are in the data directory: the user registry
 * {@value org.parley.relay.registry.MvStoreUserRegistry#FILE_NAME} (names bound to identity keys), the
 * message store {@value org.parley.relay.store.MvStoreMessageStore#FILE_NAME} (offline queue; both locked
 * while the relay runs, so one data directory serves one relay), and {@code relay-cert.pem} /
 * {@code relay-key.pem} when no {@code --cert/--key} are configured. With {@code --metrics-port} a second,
 * plain-HTTP admin port serves {@code /metrics} and {@code /healthz} ({@link #metricsUri()}).
 *
 * <p>With {@link RelayConfig#cluster()} set, the relay is one node of a relay cluster
 * ({@link org.parley.relay.cluster.RedisCluster}): registry, presence, offline queue and routing to other
 * nodes live in the shared Redis, the MVStore files are not opened, and {@link #clusterNodeId()} names the
 * node. {@link #simulateCrash()} stops a node as if its process died (for failure tests in one JVM).
 *
 * <p>Threading: all methods are thread-safe. Each instance owns its event loops, directory of online
 * users and user registry; several relays can run in one JVM (each with its own data directory).
 */
public final class RelayServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RelayServer.class.getName());

    private final RelayConfig config;
    private final Optional<TlsCredentials> credentials;
    private final Optional<SslProvider> tlsProvider;
    private final EventLoopGroup bossGroup;
    private final MultiThreadIoEventLoopGroup workerGroup;
    private final ChannelGroup allChannels;
    private final UserDirectory directory;
    private final UserRegistry registry;
    private final MessageStore store;
    private final Optional<RedisCluster> cluster;
    private final RelayMetrics metrics = new RelayMetrics();
    private final Channel serverChannel;
    private final Optional<Channel> adminChannel;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);

    private RelayServer(RelayConfig config, Optional<InboundFrameListener> listener) throws RelayStartException {
        this.config = config;
        this.credentials = loadCredentials(config);
        this.tlsProvider = credentials.isPresent() ? Optional.of(tlsProvider(config.tlsEngine())) : Optional.empty();
        Optional<SslContext> ssl = sslContext(credentials, tlsProvider);
        this.cluster = connectCluster(config);
        if (cluster.isPresent()) {
            RedisCluster c = cluster.get();
            this.registry = new RedisUserRegistry(c);
            this.store = new RedisMessageStore(c, config.maxQueuedPerUser(), config.queueTtl(), Clock.systemUTC());
        } else {
            this.registry = openRegistry(config);
            this.store = openStore(config, registry, metrics);
        }
        Authenticator authenticator = new Authenticator(registry, new SecureRandom(),
                credentials.map(TlsCredentials::fingerprint).orElse(""), Clock.systemUTC());
        FrameWriter writer = new FrameWriter();
        Broadcaster broadcaster = new Broadcaster(writer, ByteBufAllocator.DEFAULT, metrics);
        this.directory = new UserDirectory(broadcaster, cluster.<RemoteUsers>map(c -> c).orElse(RemoteUsers.NONE));
        if (cluster.isPresent()) {
            RedisMessageStore redisStore = (RedisMessageStore) store;
            long purge = Math.min(600_000, Math.max(1_000, config.queueTtl().toMillis() / 10));
            try {
                cluster.get().attach(directory, redisStore::purgeExpired, java.time.Duration.ofMillis(purge));
            } catch (ClusterStartException e) {
                cluster.get().close();
                throw new RelayStartException(e.getMessage(), e);
            }
        }
        this.allChannels = new DefaultChannelGroup("parley-relay", GlobalEventExecutor.INSTANCE);
        metrics.gauge("parley_connections", "Open client connections (TCP).", allChannels::size);
        metrics.gauge("parley_users_online", "Users logged in.", () -> directory.online().size());
        metrics.gauge("parley_stored_messages", "Stored copies awaiting their recipient's ack (queue depth).",
                store::depth);
        IoHandlerFactory io = NioIoHandler.newFactory();
        Class<? extends ServerChannel> serverChannelType = NioServerSocketChannel.class;
        this.bossGroup = new MultiThreadIoEventLoopGroup(1, io);
        this.workerGroup = new MultiThreadIoEventLoopGroup(config.ioThreads(), io);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(serverChannelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new RelayChannelInitializer(config, ssl, directory, broadcaster, writer,
                        Clock.systemUTC(), listener, allChannels, authenticator, registry, store, metrics));
        Channel bound = null;
        try {
            bound = bind(bootstrap, config.host(), config.port());
            this.adminChannel = config.metricsPort() == 0 ? Optional.empty() : Optional.of(bind(new ServerBootstrap()
                    .group(bossGroup, workerGroup)
                    .channel(serverChannelType)
                    .childHandler(new AdminChannelInitializer(metrics)), config.metricsHost(), config.metricsPort()));
        } catch (RelayStartException e) {
            if (bound != null) {
                bound.close().syncUninterruptibly();
            }
            shutdownEventLoops();
            store.close();
            registry.close();
            cluster.ifPresent(RedisCluster::close);
            throw e;
        }
        this.serverChannel = bound;
        LOG.log(Level.INFO, "event=listening uri={0} metrics={1} tls={2} io-threads={3}", listeningUri(),
                metricsUri().orElse("off"), tlsEngineName().orElse("off"), ioThreads());
    }

    private static Channel bind(ServerBootstrap bootstrap, String host, int port) throws RelayStartException {
        try {
            return bootstrap.bind(host, port).syncUninterruptibly().channel();
        } catch (Exception e) {
            throw new RelayStartException("cannot listen on " + host + ":" + port + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    /** Starts a relay; returns once it accepts connections. */
    public static RelayServer start(RelayConfig config) throws RelayStartException {
        return new RelayServer(config, Optional.empty());
    }

    /**
     * Starts a relay that shows every inbound text message to {@code listener} (test hook; see
     * {@link InboundFrameListener} for its threading rules).
     */
    public static RelayServer start(RelayConfig config, InboundFrameListener listener) throws RelayStartException {
        return new RelayServer(config, Optional.of(listener));
    }

    /** The bound TCP port (the real one if the configuration asked for port 0). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** {@code wss://HOST:PORT/} (or {@code ws://} with --insecure-plaintext), HOST as configured. */
    public String listeningUri() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return (credentials.isPresent() ? "wss://" : "ws://") + host + ":" + port() + "/";
    }

    /**
     * Lower-case hex SHA-256 over the DER of the served certificate (PROTOCOL.md §1).
     *
     * @throws IllegalStateException if the relay runs with {@code --insecure-plaintext}
     */
    public String certificateFingerprint() {
        return credentials.orElseThrow(() -> new IllegalStateException("plaintext relay has no certificate"))
                .fingerprint();
    }

    /** The served (leaf) certificate; empty with {@code --insecure-plaintext}. */
    public Optional<X509Certificate> certificate() {
        return credentials.map(TlsCredentials::leaf);
    }

    /** How many event loops serve the connections ({@code --io-threads}). */
    public int ioThreads() {
        return workerGroup.executorCount();
    }

    /** {@code http://HOST:PORT/metrics} of the admin port, if {@code --metrics-port} is set. */
    public Optional<String> metricsUri() {
        return adminChannel.map(ch -> {
            String host = config.metricsHost().contains(":") ? "[" + config.metricsHost() + "]" : config.metricsHost();
            return "http://" + host + ":" + ((InetSocketAddress) ch.localAddress()).getPort() + "/metrics";
        });
    }

    /** The data directory in use. */
    public Path dataDir() {
        return config.dataDir();
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    /** Closes all connections and the port and stops all threads. Idempotent; blocks until done. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            awaitClosedUninterruptibly();
            return;
        }
        try {
            serverChannel.close().syncUninterruptibly();
            adminChannel.ifPresent(ch -> ch.close().syncUninterruptibly());
            for (OnlineUser user : directory.online()) {
                user.channel().writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE,
                        "relay shutting down"));
            }
            allChannels.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            store.close(); // commits and syncs whatever is pending, while the event loops still run
            shutdownEventLoops();
            registry.close();
            cluster.ifPresent(RedisCluster::close); // frees names still claimed, deletes the heartbeat
            LOG.log(Level.INFO, "event=stopped");
        } finally {
            closed.countDown();
        }
    }

    /**
     * Test hook for cluster failure tests: stops as if the process died. The cluster is abandoned
     * without leaving it (names stay claimed until the other nodes find the heartbeat expired), and every
     * connection is dropped without a WebSocket close. Afterwards the relay is closed.
     */
    public void simulateCrash() {
        if (!closing.compareAndSet(false, true)) {
            awaitClosedUninterruptibly();
            return;
        }
        try {
            cluster.ifPresent(RedisCluster::abandon);
            serverChannel.close().syncUninterruptibly();
            adminChannel.ifPresent(ch -> ch.close().syncUninterruptibly());
            allChannels.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            store.close();
            shutdownEventLoops();
            registry.close();
            LOG.log(Level.INFO, "event=crashed-for-test");
        } finally {
            closed.countDown();
        }
    }

    /** This node's id in its relay cluster; empty for a relay alone. */
    public Optional<String> clusterNodeId() {
        return cluster.map(RedisCluster::nodeId);
    }

    /** The cluster's Redis URI (without a password); empty for a relay alone. */
    public Optional<String> clusterUri() {
        return config.cluster().map(RedisCluster::redacted);
    }

    private static Optional<RedisCluster> connectCluster(RelayConfig config) throws RelayStartException {
        if (config.cluster().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(RedisCluster.connect(config.cluster().get(),
                    config.nodeId().orElseGet(RedisCluster::generateNodeId), config.clusterNodeTimeout()));
        } catch (ClusterStartException e) {
            throw new RelayStartException(e.getMessage(), e);
        }
    }

    private void awaitClosedUninterruptibly() {
        boolean interrupted = false;
        while (closed.getCount() > 0) {
            try {
                closed.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void shutdownEventLoops() {
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        bossGroup.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        workerGroup.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private static Optional<TlsCredentials> loadCredentials(RelayConfig config) throws RelayStartException {
        try {
            DataDirectories.create(config.dataDir());
        } catch (IOException e) {
            throw new RelayStartException("cannot create data directory " + config.dataDir() + ": " + e.getMessage(), e);
        }
        try {
            if (config.insecurePlaintext()) {
                LOG.log(Level.WARNING, "event=insecure-plaintext INSECURE: serving plaintext ws:// without TLS (--insecure-plaintext)");
                return Optional.empty();
            }
            if (config.certFile().isPresent()) {
                return Optional.of(PemCredentials.load(config.certFile().get(), config.keyFile().orElseThrow()));
            }
            return Optional.of(SelfSignedCertificateStore.loadOrCreate(config.dataDir()));
        } catch (CertificateSetupException e) {
            throw new RelayStartException(e.getMessage(), e);
        }
    }

    private static UserRegistry openRegistry(RelayConfig config) throws RelayStartException {
        try {
            return MvStoreUserRegistry.open(config.dataDir());
        } catch (RegistryException e) {
            throw new RelayStartException(e.getMessage(), e);
        }
    }

    private static MessageStore openStore(RelayConfig config, UserRegistry registry, RelayMetrics metrics)
            throws RelayStartException {
        try {
            return MvStoreMessageStore.open(config.dataDir(), config.maxQueuedPerUser(), config.queueTtl(),
                    Clock.systemUTC(), metrics, config.commitInterval(), config.writeBehind());
        } catch (StoreException e) {
            registry.close();
            throw new RelayStartException(e.getMessage(), e);
        }
    }

    private static SslProvider tlsProvider(RelayConfig.TlsEngine engine) throws RelayStartException {
        try {
            return ServerSslContexts.provider(engine);
        } catch (CertificateSetupException e) {
            throw new RelayStartException(e.getMessage(), e);
        }
    }

    private static Optional<SslContext> sslContext(Optional<TlsCredentials> credentials, Optional<SslProvider> provider)
            throws RelayStartException {
        try {
            return credentials.isPresent()
                    ? Optional.of(ServerSslContexts.forServer(credentials.get(), provider.orElseThrow()))
                    : Optional.empty();
        } catch (CertificateSetupException e) {
            throw new RelayStartException(e.getMessage(), e);
        }
    }

    /** The TLS engine in use ({@code OpenSSL} or {@code JDK}); empty without TLS. */
    public Optional<String> tlsEngineName() {
        return tlsProvider.map(p -> p == SslProvider.OPENSSL ? "OpenSSL " + OpenSsl.versionString() : "JDK");
    }
}
