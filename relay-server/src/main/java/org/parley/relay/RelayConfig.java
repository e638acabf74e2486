package org.parley.relay;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the relay needs to start, validated on construction: a {@code RelayConfig} that exists
 * is a configuration the relay can try to run. Build one with {@link #builder(Path)}; only
 * {@link RelayMain} turns command-line arguments into one.
 *
 * @param host              address to bind; {@code 0.0.0.0} for all IPv4 interfaces
 * @param port              TCP port, 0–65535; 0 picks a free ephemeral port
 * @param certFile          PEM certificate chain (leaf first); present exactly when {@code keyFile} is
 * @param keyFile           PEM private key (PKCS#8 or traditional), unencrypted
 * @param dataDir           where the self-signed certificate, the user registry and the message store are kept (created if missing)
 * @param maxFrameBytes     largest accepted message, {@value #MIN_FRAME_BYTES}–{@value #MAX_FRAME_BYTES}
 * @param maxRecipients     most entries in a {@code send}'s {@code to}, 1–{@value #MAX_RECIPIENTS}
 * @param handshakeTimeout  time from accept to a successful login ({@code hello} and {@code auth}), 100 ms – 1 h
 * @param idleTimeout       reader-idle time before a ping (and again before closing), 100 ms – 1 h
 * @param insecurePlaintext serve {@code ws://} without TLS; for local testing only
 * @param rateLimit         messages per second one connection may send on average, 1–{@value #MAX_RATE}
 * @param rateBurst         messages one connection may send at once (token bucket size), 1–{@value #MAX_RATE}
 * @param maxConnectionsPerAddress open connections allowed from one IP address, 1–{@value #MAX_CONNECTIONS_PER_ADDRESS}
 * @param maxQueuedPerUser  stored (unacknowledged) messages per recipient, 1–{@value #MAX_QUEUED_PER_USER}
 * @param queueTtl          how long a stored message is kept unacknowledged, 100 ms – 365 days
 * @param metricsHost       address of the admin HTTP port ({@code /metrics}, {@code /healthz})
 * @param metricsPort       admin HTTP port, 0 = no admin port; must differ from {@code port}
 * @param tlsEngine         which TLS implementation terminates connections (see {@link TlsEngine})
 * @param cluster           {@code redis://…} (or {@code rediss://…}) of the Redis shared by the nodes of a
 *                          relay cluster; empty = a relay alone with its embedded stores (the default)
 * @param nodeId            this node's id in the cluster ({@code [A-Za-z0-9._-]{1,64}}); empty = generated
 * @param clusterNodeTimeout how long a node may miss heartbeats before the others declare it dead, 1 s – 10 min
 * @param commitInterval    the embedded message store syncs at most once per interval (0 – 100 ms): the
 *                          messages of a burst share one sync, and {@code sent} may wait up to this long
 * @param ioThreads         event-loop threads serving connections (1 – 1024)
 * @param writeBehind       how long the embedded message store may hold a message to online recipients in
 *                          memory waiting for their acks before writing it (0 – 10 s; 0 = write every
 *                          message at once); {@code sent} waits for the acks or the write
 */
public record RelayConfig(String host, int port, Optional<Path> certFile, Optional<Path> keyFile, Path dataDir,
        int maxFrameBytes, int maxRecipients, Duration handshakeTimeout, Duration idleTimeout,
        boolean insecurePlaintext, int rateLimit, int rateBurst, int maxConnectionsPerAddress, int maxQueuedPerUser,
        Duration queueTtl, String metricsHost, int metricsPort, TlsEngine tlsEngine, Optional<String> cluster,
        Optional<String> nodeId, Duration clusterNodeTimeout, Duration commitInterval, Duration writeBehind, int ioThreads) {

    /**
     * The TLS implementation. OpenSSL (BoringSSL, shipped in the relay jar for linux-x86_64) costs far
     * less CPU per record than the JDK's engine; {@code AUTO} takes it when its native library loads and
     * falls back to the JDK otherwise, so the relay runs everywhere.
     */
    public enum TlsEngine {
        AUTO, OPENSSL, JDK
    }

    public static final int DEFAULT_PORT = 8765;
    public static final int DEFAULT_MAX_FRAME_BYTES = 1 << 20;
    public static final int DEFAULT_MAX_RECIPIENTS = 256;
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_RATE_LIMIT = 50;
    public static final int DEFAULT_RATE_BURST = 100;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 32;
    public static final int DEFAULT_MAX_QUEUED_PER_USER = 1000;
    public static final Duration DEFAULT_QUEUE_TTL = Duration.ofDays(7);
    /**
     * Why 2 ms: at a few thousand messages per second a sync per arriving message cost the relay a third
     * of a core (each MVStore commit rewrites its chunk metadata); 2 ms cut that about threefold on this
     * project's benchmark machine and is far below what a user can see between "sending" and "sent".
     */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(2);
    public static final Duration MAX_COMMIT_INTERVAL = Duration.ofMillis(100);
    /**
     * Why 1 s: a recipient's client acks a delivery one network round trip after the relay writes it, well
     * under a second on the links a desktop messenger runs on, so messages between online users are acked
     * before they would be written and never touch the disk (no append, no sync, no delete). Not shorter,
     * because a written message costs the relay more than a held one (append, sync, a header update on ack,
     * a separate {@code sent}): when a load spike delays acks beyond the hold time, the relay starts
     * writing and gets slower still. With 250 ms, 3 of 5 open-loop runs at 6,000 msgs/s (JDK 17) on the
     * benchmark machine tipped over into seconds of latency; with 1 s and 2 s none of 9 did
     * (docs/BENCHMARKS.md, session 4). The cost: a sender sees "sending" up to this long when an online recipient does not ack.
     */
    public static final Duration DEFAULT_WRITE_BEHIND = Duration.ofSeconds(1);
    public static final Duration MAX_WRITE_BEHIND = Duration.ofSeconds(10);
    /**
     * Why half the CPUs (at least one), not Netty's twice the CPUs: routing a frame is a few microseconds of
     * work, while handing a write to another event loop costs a task, a wake-up and a flush of its own.
     * The fewer loops, the more often sender and recipient share one and the more frames share one TLS
     * record and one write(2); the other half of the CPUs is left to the kernel's network stack (40 %
     * of the relay's CPU time on the benchmark machine), GC and the store's threads. Measured on 2 cores
     * (docs/BENCHMARKS.md, session 4): 1 loop ≈ 13,000 msgs/s at 70–84 relay CPU-s per million messages,
     * 2 loops ≈ 10,600 at 110–124, 4 loops ≈ 7,900 at 159–178.
     */
    public static final int DEFAULT_IO_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    public static final int MAX_IO_THREADS = 1024;
    public static final String DEFAULT_METRICS_HOST = "127.0.0.1";
    public static final Duration DEFAULT_CLUSTER_NODE_TIMEOUT = Duration.ofSeconds(10);
    public static final int MAX_QUEUED_PER_USER = 1_000_000;
    private static final Duration MAX_QUEUE_TTL = Duration.ofDays(365);
    public static final int MAX_RATE = 1_000_000;
    public static final int MAX_CONNECTIONS_PER_ADDRESS = 1_000_000;
    public static final int MIN_FRAME_BYTES = 1024;
    /** So that the WebSocket layer's 4 × limit still fits an {@code int}. */
    public static final int MAX_FRAME_BYTES = 64 << 20;
    public static final int MAX_RECIPIENTS = 100_000;
    private static final Duration MIN_TIMEOUT = Duration.ofMillis(100);
    private static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    public RelayConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tlsEngine, "tlsEngine");
        Objects.requireNonNull(certFile, "certFile");
        Objects.requireNonNull(keyFile, "keyFile");
        Objects.requireNonNull(dataDir, "dataDir");
        require(!host.isBlank(), "host must not be empty");
        require(port >= 0 && port <= 65535, "port must be between 0 and 65535, got " + port);
        require(certFile.isPresent() == keyFile.isPresent(), "--cert and --key must be given together");
        require(!(insecurePlaintext && certFile.isPresent()), "--insecure-plaintext cannot be combined with --cert/--key");
        require(maxFrameBytes >= MIN_FRAME_BYTES && maxFrameBytes <= MAX_FRAME_BYTES,
                "max frame bytes must be between " + MIN_FRAME_BYTES + " and " + MAX_FRAME_BYTES + ", got " + maxFrameBytes);
        require(maxRecipients >= 1 && maxRecipients <= MAX_RECIPIENTS,
                "max recipients must be between 1 and " + MAX_RECIPIENTS + ", got " + maxRecipients);
        requireTimeout(handshakeTimeout, "handshake timeout");
        requireTimeout(idleTimeout, "idle timeout");
        require(rateLimit >= 1 && rateLimit <= MAX_RATE,
                "rate limit must be between 1 and " + MAX_RATE + " messages/s, got " + rateLimit);
        require(rateBurst >= 1 && rateBurst <= MAX_RATE,
                "rate burst must be between 1 and " + MAX_RATE + ", got " + rateBurst);
        require(maxConnectionsPerAddress >= 1 && maxConnectionsPerAddress <= MAX_CONNECTIONS_PER_ADDRESS,
                "max connections per address must be between 1 and " + MAX_CONNECTIONS_PER_ADDRESS + ", got "
                        + maxConnectionsPerAddress);
        require(maxQueuedPerUser >= 1 && maxQueuedPerUser <= MAX_QUEUED_PER_USER,
                "max queued per user must be between 1 and " + MAX_QUEUED_PER_USER + ", got " + maxQueuedPerUser);
        Objects.requireNonNull(commitInterval, "commitInterval");
        require(!commitInterval.isNegative() && commitInterval.compareTo(MAX_COMMIT_INTERVAL) <= 0,
                "commit interval must be between 0ms and 100ms, got " + commitInterval);
        Objects.requireNonNull(writeBehind, "writeBehind");
        require(!writeBehind.isNegative() && writeBehind.compareTo(MAX_WRITE_BEHIND) <= 0,
                "write-behind must be between 0ms and 10s, got " + writeBehind);
        require(ioThreads >= 1 && ioThreads <= MAX_IO_THREADS,
                "io threads must be between 1 and " + MAX_IO_THREADS + ", got " + ioThreads);
        Objects.requireNonNull(queueTtl, "queueTtl");
        require(queueTtl.compareTo(MIN_TIMEOUT) >= 0 && queueTtl.compareTo(MAX_QUEUE_TTL) <= 0,
                "queue TTL must be between 100ms and 365d, got " + queueTtl);
        Objects.requireNonNull(metricsHost, "metricsHost");
        require(!metricsHost.isBlank(), "metrics host must not be empty");
        require(metricsPort >= 0 && metricsPort <= 65535, "metrics port must be between 0 and 65535, got " + metricsPort);
        require(metricsPort == 0 || metricsPort != port, "metrics port must differ from the relay port");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(clusterNodeTimeout, "clusterNodeTimeout");
        cluster.ifPresent(uri -> require(validRedisUri(uri),
                "--cluster must be a redis:// or rediss:// URI with a host, e.g. redis://127.0.0.1:6379"));
        nodeId.ifPresent(id -> require(id.matches("[A-Za-z0-9._-]{1,64}"),
                "--node-id must be 1-64 of the characters A-Z a-z 0-9 . _ -"));
        require(nodeId.isEmpty() || cluster.isPresent(), "--node-id needs --cluster");
        require(clusterNodeTimeout.compareTo(Duration.ofSeconds(1)) >= 0
                && clusterNodeTimeout.compareTo(Duration.ofMinutes(10)) <= 0,
                "cluster node timeout must be between 1s and 10m, got " + clusterNodeTimeout);
    }

    private static boolean validRedisUri(String uri) {
        try {
            java.net.URI u = new java.net.URI(uri);
            return ("redis".equals(u.getScheme()) || "rediss".equals(u.getScheme())) && u.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** A builder with every default, keeping state in {@code dataDir}. */
    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /** The largest WebSocket message the transport layer accepts before closing with 1009. */
    public int maxWebSocketMessageBytes() {
        return 4 * maxFrameBytes;
    }

    private static void requireTimeout(Duration timeout, String what) {
        Objects.requireNonNull(timeout, what);
        require(timeout.compareTo(MIN_TIMEOUT) >= 0 && timeout.compareTo(MAX_TIMEOUT) <= 0,
                what + " must be between 100ms and 1h, got " + timeout);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Mutable builder; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private String host = "0.0.0.0";
        private int port = DEFAULT_PORT;
        private Optional<Path> certFile = Optional.empty();
        private Optional<Path> keyFile = Optional.empty();
        private Path dataDir;
        private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
        private int maxRecipients = DEFAULT_MAX_RECIPIENTS;
        private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private boolean insecurePlaintext;
        private int rateLimit = DEFAULT_RATE_LIMIT;
        private int rateBurst = DEFAULT_RATE_BURST;
        private int maxConnectionsPerAddress = DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
        private int maxQueuedPerUser = DEFAULT_MAX_QUEUED_PER_USER;
        private Duration queueTtl = DEFAULT_QUEUE_TTL;
        private String metricsHost = DEFAULT_METRICS_HOST;
        private int metricsPort;
        private TlsEngine tlsEngine = TlsEngine.AUTO;
        private Optional<String> cluster = Optional.empty();
        private Optional<String> nodeId = Optional.empty();
        private Duration clusterNodeTimeout = DEFAULT_CLUSTER_NODE_TIMEOUT;
        private Duration commitInterval = DEFAULT_COMMIT_INTERVAL;
        private Duration writeBehind = DEFAULT_WRITE_BEHIND;
        private int ioThreads = DEFAULT_IO_THREADS;

        private Builder(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        }

        public Builder host(String value) { host = value; return this; }
        public Builder port(int value) { port = value; return this; }
        public Builder pemFiles(Path cert, Path key) { certFile = Optional.of(cert); keyFile = Optional.of(key); return this; }
        public Builder certFile(Optional<Path> value) { certFile = value; return this; }
        public Builder keyFile(Optional<Path> value) { keyFile = value; return this; }
        public Builder dataDir(Path value) { dataDir = value; return this; }
        public Builder maxFrameBytes(int value) { maxFrameBytes = value; return this; }
        public Builder maxRecipients(int value) { maxRecipients = value; return this; }
        public Builder handshakeTimeout(Duration value) { handshakeTimeout = value; return this; }
        public Builder idleTimeout(Duration value) { idleTimeout = value; return this; }
        public Builder insecurePlaintext(boolean value) { insecurePlaintext = value; return this; }
        public Builder rateLimit(int value) { rateLimit = value; return this; }
        public Builder rateBurst(int value) { rateBurst = value; return this; }
        public Builder maxConnectionsPerAddress(int value) { maxConnectionsPerAddress = value; return this; }
        public Builder maxQueuedPerUser(int value) { maxQueuedPerUser = value; return this; }
        public Builder queueTtl(Duration value) { queueTtl = value; return this; }
        public Builder metricsHost(String value) { metricsHost = value; return this; }
        public Builder metricsPort(int value) { metricsPort = value; return this; }
        public Builder tlsEngine(TlsEngine value) { tlsEngine = value; return this; }
        public Builder cluster(String redisUri) { cluster = Optional.of(redisUri); return this; }
        public Builder nodeId(String value) { nodeId = Optional.of(value); return this; }
        public Builder clusterNodeTimeout(Duration value) { clusterNodeTimeout = value; return this; }
        public Builder commitInterval(Duration value) { commitInterval = value; return this; }
        public Builder writeBehind(Duration value) { writeBehind = value; return this; }
        public Builder ioThreads(int value) { ioThreads = value; return this; }

        /** @throws IllegalArgumentException naming the first invalid setting */
        public RelayConfig build() {
            return new RelayConfig(host, port, certFile, keyFile, dataDir, maxFrameBytes, maxRecipients,
                    handshakeTimeout, idleTimeout, insecurePlaintext, rateLimit, rateBurst, maxConnectionsPerAddress,
                    maxQueuedPerUser, queueTtl, metricsHost, metricsPort, tlsEngine, cluster, nodeId, clusterNodeTimeout,
                    commitInterval, writeBehind, ioThreads);
        }
    }
}
