package org.parley.relay;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;

/**
 * The command line: the only place that reads arguments, the environment or system properties.
 * {@link #run(String...)} returns the exit code instead of exiting, so tests can call it:
 * 0 after a clean stop, 2 for bad arguments (one line on stderr, no stack trace), 1 if the relay
 * cannot start (port in use, unreadable certificate, …).
 *
 * <p>On start it prints, for scripts to parse:
 * <pre>
 * Parley relay listening on wss://HOST:PORT/
 * Parley relay metrics on http://HOST:PORT/metrics      (only with --metrics-port)
 * Certificate SHA-256: 64 lower-case hex digits
 * </pre>
 *
 * <p>Threading: {@link #run} blocks the calling thread until {@link #requestStop()} is called (from
 * any thread; {@link #main} does it on SIGTERM/SIGINT).
 */
@Command(name = "parley-relay", mixinStandardHelpOptions = true, versionProvider = RelayMain.Version.class,
        showDefaultValues = true, sortOptions = false, usageHelpAutoWidth = true,
        description = "Parley relay: routes end-to-end-encrypted messages over TLS WebSockets. It cannot read them.")
public final class RelayMain implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "0.0.0.0", paramLabel = "ADDRESS", description = "Address to listen on.")
    String host;

    @Option(names = "--port", defaultValue = "" + RelayConfig.DEFAULT_PORT, paramLabel = "PORT",
            description = "TCP port to listen on; 0 picks a free port.")
    int port;

    @Option(names = "--cert", paramLabel = "FILE",
            description = "PEM certificate chain (leaf first). Default: a self-signed certificate kept in the data directory.")
    Path cert;

    @Option(names = "--key", paramLabel = "FILE", description = "PEM private key for --cert (PKCS#8 or traditional, unencrypted).")
    Path key;

    @Option(names = "--data-dir", defaultValue = "${sys:user.home}/.parley-relay", paramLabel = "DIR",
            description = "Directory for the self-signed certificate, the user registry and the message store (created if missing).")
    Path dataDir;

    @Option(names = "--max-frame-bytes", defaultValue = "" + RelayConfig.DEFAULT_MAX_FRAME_BYTES, paramLabel = "BYTES",
            description = "Largest accepted message; larger ones get a too-large error, and over 4x this the "
                    + "connection is closed with 1009.")
    int maxFrameBytes;

    @Option(names = "--max-recipients", defaultValue = "" + RelayConfig.DEFAULT_MAX_RECIPIENTS, paramLabel = "N",
            description = "Most recipients in one send.")
    int maxRecipients;

    @Option(names = "--handshake-timeout", defaultValue = "10s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Time a new connection has to log in, hello and auth (e.g. 500ms, 10s, 2m).")
    Duration handshakeTimeout;

    @Option(names = "--idle-timeout", defaultValue = "60s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Silence before the relay pings; as long again without an answer closes the connection.")
    Duration idleTimeout;

    @Option(names = "--rate-limit", defaultValue = "" + RelayConfig.DEFAULT_RATE_LIMIT, paramLabel = "N",
            description = "Messages per second one connection may send on average; more get a rate-limited error.")
    int rateLimit;

    @Option(names = "--rate-burst", defaultValue = "" + RelayConfig.DEFAULT_RATE_BURST, paramLabel = "N",
            description = "Messages one connection may send at once; a connection refused 10x this many times "
                    + "faster than the rate refills is closed with 1008.")
    int rateBurst;

    @Option(names = "--max-connections-per-address", defaultValue = "" + RelayConfig.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
            paramLabel = "N", description = "Open connections allowed from one IP address; more are closed before TLS.")
    int maxConnectionsPerAddress;

    @Option(names = "--max-queued-per-user", defaultValue = "" + RelayConfig.DEFAULT_MAX_QUEUED_PER_USER,
            paramLabel = "N", description = "Stored, unacknowledged messages per recipient; more are refused with queue-full.")
    int maxQueuedPerUser;

    @Option(names = "--queue-ttl", defaultValue = "7d", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long a stored message waits for its recipient's ack before it is dropped (e.g. 12h, 7d).")
    Duration queueTtl;

    @Option(names = "--commit-interval", defaultValue = "2ms", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "The message store syncs to disk at most once per interval, so a burst shares one sync "
                    + "(0ms-100ms; 0ms = a sync as soon as a message waits). 'sent' waits for that sync.")
    Duration commitInterval;

    @Option(names = "--write-behind", defaultValue = "1s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "A message whose recipients are all online waits this long in memory for their acks; "
                    + "if all ack in time it is never written to disk, else it is written and synced "
                    + "(0ms-10s; 0ms = write every message at once). 'sent' waits for the acks or the sync. "
                    + "Embedded store only (not with --cluster).")
    Duration writeBehind;

    @Option(names = "--io-threads", paramLabel = "N",
            description = "Event-loop threads serving connections (1-1024). Default: half the CPUs, at least 1 "
                    + "(${DEFAULT-VALUE} here); fewer loops share more work per TLS record and write.")
    int ioThreads = RelayConfig.DEFAULT_IO_THREADS;

    @Option(names = "--metrics-port", defaultValue = "0", paramLabel = "PORT",
            description = "Admin HTTP port serving /metrics (Prometheus) and /healthz; 0 = off.")
    int metricsPort;

    @Option(names = "--metrics-host", defaultValue = RelayConfig.DEFAULT_METRICS_HOST, paramLabel = "ADDRESS",
            description = "Address of the admin HTTP port.")
    String metricsHost;

    @Option(names = "--tls-engine", defaultValue = "auto", paramLabel = "auto|openssl|jdk",
            converter = TlsEngineConverter.class,
            description = "TLS implementation: openssl (bundled BoringSSL, fastest), jdk, or auto (openssl when its "
                    + "native library loads on this platform, else jdk). Default: ${DEFAULT-VALUE}.")
    RelayConfig.TlsEngine tlsEngine;

    @Option(names = "--cluster", paramLabel = "redis://HOST:PORT",
            description = "Run as one node of a relay cluster sharing this Redis (users, presence, offline queue, "
                    + "routing). Default: a relay alone with its own files in the data directory.")
    String cluster;

    @Option(names = "--node-id", paramLabel = "ID",
            description = "This node's id in the cluster (A-Z a-z 0-9 . _ -, at most 64). Default: host name and random hex.")
    String nodeId;

    @Option(names = "--cluster-node-timeout", defaultValue = "10s", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "A node silent this long is declared dead by the others, which free its users' names.")
    Duration clusterNodeTimeout;

    @Option(names = "--insecure-plaintext", description = "INSECURE: serve ws:// without TLS, for local testing only.")
    boolean insecurePlaintext;

    private final PrintStream out;
    private final PrintStream err;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    /** A command line that prints to {@code out} and {@code err}. */
    public RelayMain(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Entry point of {@code java -jar parley-relay.jar}. */
    public static void main(String[] args) {
        if (System.getProperty("java.util.logging.config.file") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %3$s: %5$s%6$s%n");
        }
        RelayMain main = new RelayMain(System.out, System.err);
        StopSignals.install(main::requestStop);
        Runtime.getRuntime().addShutdownHook(new Thread(main::stopAndWait, "parley-relay-shutdown"));
        System.exit(main.run(args));
    }

    /** Parses {@code args}, runs the relay until {@link #requestStop()}, and returns the exit code. */
    public int run(String... args) {
        CommandLine cli = new CommandLine(this)
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .setParameterExceptionHandler((e, a) -> badArguments(e.getMessage()))
                .setExecutionExceptionHandler((e, c, p) -> {
                    err.println("parley-relay: failed: " + e.getMessage());
                    return 1;
                });
        try {
            return cli.execute(args);
        } finally {
            stopped.countDown();
        }
    }

    /** Asks a running {@link #run} to stop the relay and return 0. Safe from any thread, idempotent. */
    public void requestStop() {
        stopRequested.countDown();
    }

    @Override
    public Integer call() {
        RelayConfig config;
        try {
            config = new RelayConfig(host, port, Optional.ofNullable(cert), Optional.ofNullable(key), dataDir,
                    maxFrameBytes, maxRecipients, handshakeTimeout, idleTimeout, insecurePlaintext, rateLimit, rateBurst,
                    maxConnectionsPerAddress, maxQueuedPerUser, queueTtl, metricsHost, metricsPort, tlsEngine,
                    Optional.ofNullable(cluster), Optional.ofNullable(nodeId), clusterNodeTimeout, commitInterval, writeBehind, ioThreads);
        } catch (IllegalArgumentException e) {
            return badArguments(e.getMessage());
        }
        if (insecurePlaintext) {
            err.println("WARNING: --insecure-plaintext: messages, keys and user names travel UNENCRYPTED as ws://. "
                    + "Use only for local testing.");
        }
        try (RelayServer relay = RelayServer.start(config)) {
            out.println("Parley relay listening on " + relay.listeningUri() + relay.tlsEngineName().map(e -> " (TLS: " + e + ")").orElse(""));
            relay.metricsUri().ifPresent(uri -> out.println("Parley relay metrics on " + uri));
            relay.clusterNodeId().ifPresent(id -> out.println("Parley relay cluster node " + id + " on "
                    + relay.clusterUri().orElse("")));
            relay.certificate().ifPresent(c -> {
                out.println("Certificate SHA-256: " + relay.certificateFingerprint());
                out.println("Certificate SHA-256 (colons): " + colons(relay.certificateFingerprint()));
            });
            awaitStopRequest();
            out.println("Parley relay stopping");
        } catch (RelayStartException e) {
            err.println("parley-relay: cannot start: " + e.getMessage());
            return 1;
        }
        return 0;
    }

    private void awaitStopRequest() {
        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // an interrupt is a stop request as well
        }
    }

    private int badArguments(String message) {
        err.println("parley-relay: " + message + " (see --help)");
        return 2;
    }

    private void stopAndWait() {
        requestStop();
        try {
            stopped.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String colons(String hex) {
        return hex.toUpperCase(java.util.Locale.ROOT).replaceAll("(..)(?!$)", "$1:");
    }

    /** Reads the version Maven wrote into {@code parley-relay-version.properties}. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = RelayMain.class.getResourceAsStream("/parley-relay-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"parley-relay " + p.getProperty("version", "unknown"),
                    "Java " + Runtime.version() + ", Netty 4.2"};
        }
    }

    /** Case-insensitive {@link RelayConfig.TlsEngine} names, with the valid ones listed on error. */
    static final class TlsEngineConverter implements CommandLine.ITypeConverter<RelayConfig.TlsEngine> {
        @Override
        public RelayConfig.TlsEngine convert(String value) {
            try {
                return RelayConfig.TlsEngine.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a TLS engine: use auto, openssl or jdk");
            }
        }
    }
}
