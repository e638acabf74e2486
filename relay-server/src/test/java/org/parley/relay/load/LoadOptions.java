package org.parley.relay.load;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/** Settings of one load run; {@link #parse} reads them from {@code --name value} arguments. */
public final class LoadOptions {
    public enum Protocol { PARLEY, REFERENCE }

    public enum Mode { DIRECT, FANOUT, IDLE }

    public URI url = URI.create("wss://127.0.0.1:8765/");
    /** All relay URLs (several nodes of a cluster); client i connects to {@code urls[i % size]}. */
    public java.util.List<URI> urls = java.util.List.of();
    public Protocol protocol = Protocol.PARLEY;
    public Mode mode = Mode.DIRECT;
    public int clients = 100;
    /** Messages per second in total (open loop); 0 = closed loop with {@link #window}. */
    public double rate = 1000;
    /** Closed loop: messages in flight (sent, not yet delivered to every recipient) overall. */
    public int window = 200;
    /** Length of {@code body} in characters (base64 of random bytes). */
    public int size = 1024;
    public Duration warmup = Duration.ofSeconds(5);
    public Duration duration = Duration.ofSeconds(10);
    /** After the last send: time to wait for deliveries still in flight. */
    public Duration drain = Duration.ofSeconds(3);
    /** Idle mode: how long to hold the connections before measuring. */
    public Duration hold = Duration.ofSeconds(5);
    /** Whole connect-and-login phase; whoever is not logged in by then is left out. */
    public Duration connectTimeout = Duration.ofSeconds(300);
    public int threads = 2;
    public int connectConcurrency = 32;
    public boolean ack;
    /** Parley login with {@code "presence":false}: no online list, no presence frames (cheap logins). */
    public boolean noPresence;
    /** Relay certificate fingerprint for AUTH; null = taken from each TLS session ("" for ws://). */
    public String fingerprint;
    public long relayPid = -1;
    /** Relay processes whose CPU and RSS are summed (several cluster nodes); default {@link #relayPid}. */
    public long[] relayPidList = new long[0];
    /** Other processes (e.g. Redis) whose CPU is reported separately. */
    public long[] otherPids = new long[0];
    public String jcmd = "jcmd";
    public String userPrefix = "load";
    public long seed = 1;
    /** Generator guard: stop sending while this many messages are outstanding (counted as skipped). */
    public long maxOutstanding = 500_000;
    public boolean quiet;

    public static LoadOptions parse(String[] args) {
        LoadOptions o = new LoadOptions();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v;
            int eq = a.indexOf('=');
            if (a.equals("--ack") || a.equals("--no-presence") || a.equals("--quiet") || a.equals("--help")) {
                v = "true";
            } else if (eq > 0) {
                v = a.substring(eq + 1);
                a = a.substring(0, eq);
            } else if (i + 1 < args.length) {
                v = args[++i];
            } else {
                throw new IllegalArgumentException("missing value for " + a);
            }
            switch (a) {
                case "--url" -> {
                    o.urls = java.util.Arrays.stream(v.split(",")).map(String::trim).map(URI::create).toList();
                    o.url = o.urls.get(0);
                }
                case "--protocol" -> o.protocol = Protocol.valueOf(v.toUpperCase(Locale.ROOT));
                case "--mode" -> o.mode = Mode.valueOf(v.toUpperCase(Locale.ROOT));
                case "--clients" -> o.clients = Integer.parseInt(v);
                case "--rate" -> o.rate = Double.parseDouble(v);
                case "--window" -> o.window = Integer.parseInt(v);
                case "--size" -> o.size = Integer.parseInt(v);
                case "--warmup" -> o.warmup = duration(v);
                case "--duration" -> o.duration = duration(v);
                case "--drain" -> o.drain = duration(v);
                case "--hold" -> o.hold = duration(v);
                case "--connect-timeout" -> o.connectTimeout = duration(v);
                case "--threads" -> o.threads = Integer.parseInt(v);
                case "--connect-concurrency" -> o.connectConcurrency = Integer.parseInt(v);
                case "--ack" -> o.ack = Boolean.parseBoolean(v);
                case "--no-presence" -> o.noPresence = Boolean.parseBoolean(v);
                case "--fingerprint" -> o.fingerprint = v;
                case "--relay-pid" -> {
                    o.relayPidList = pids(v);
                    o.relayPid = o.relayPidList[0];
                }
                case "--other-pid" -> o.otherPids = pids(v);
                case "--jcmd" -> o.jcmd = v;
                case "--user-prefix" -> o.userPrefix = v;
                case "--seed" -> o.seed = Long.parseLong(v);
                case "--max-outstanding" -> o.maxOutstanding = Long.parseLong(v);
                case "--quiet" -> o.quiet = Boolean.parseBoolean(v);
                case "--help" -> throw new IllegalArgumentException("help");
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (o.clients < (o.mode == Mode.IDLE ? 1 : 2)) {
            throw new IllegalArgumentException("--clients must be at least 2 (1 in idle mode)");
        }
        if (o.size < 4 || o.size % 4 != 0) {
            throw new IllegalArgumentException("--size must be a positive multiple of 4 (base64)");
        }
        return o;
    }

    private static long[] pids(String v) {
        return java.util.Arrays.stream(v.split(",")).map(String::trim).mapToLong(Long::parseLong).toArray();
    }

    /** The URL client {@code i} connects to. */
    public URI urlFor(int i) {
        return urls.isEmpty() ? url : urls.get(i % urls.size());
    }

    /** The relay processes to measure. */
    public long[] relayPids() {
        return relayPidList.length > 0 ? relayPidList : new long[] {relayPid};
    }

    static Duration duration(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        if (s.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
        }
        if (s.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 1000));
        }
        if (s.endsWith("m")) {
            return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)) * 60);
        }
        return Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000));
    }

    static final String USAGE = """
            LoadTool: load generator for the Parley relay (protocol v2) and the Python reference relay.
              --url wss://127.0.0.1:8765/   relay URL (ws:// for plaintext); several, comma-separated, spread
                                            the clients round-robin over the nodes of a cluster
              --protocol parley|reference   v2 login (hello/challenge/auth) or the reference relay's register
              --mode direct|fanout|idle     random pairs, one sender to everyone, or hold connections
              --clients N                   connections/users (default 100)
              --rate R                      messages/s in total, open loop (0 = closed loop with --window)
              --window W                    closed loop: messages in flight overall (default 200)
              --size B                      body length in characters (base64, multiple of 4; default 1024)
              --warmup 5s --duration 10s --drain 3s --hold 5s --connect-timeout 300s
              --threads T                   client event loop threads (default 2)
              --connect-concurrency C       logins in progress at once (default 32)
              --ack                         answer every deliver with an ack frame (store-and-forward relays)
              --relay-pid PID[,PID...]      report the relay's CPU-seconds and RSS from /proc (and heap via jcmd;
                                            several nodes: CPU and RSS summed, heap of the first)
              --other-pid PID[,PID...]      CPU-seconds of other processes in the window (e.g. redis-server)
              --jcmd PATH                   jcmd to use for the relay's heap (default jcmd)
              --no-presence                 log in with "presence":false (no online list or presence frames),
                                            as bots and headless senders may; a login costs only its join announcement
              --fingerprint HEX             relay certificate fingerprint (default: from each TLS session)
              --user-prefix P --seed S      user names P0..P(N-1); identities are derived from S (reusable)
              --max-outstanding M           generator guard (default 500000)
              --quiet                       only the RESULT line
            """;
}
