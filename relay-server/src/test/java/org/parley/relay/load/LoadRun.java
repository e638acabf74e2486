package org.parley.relay.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.relay.TestIdentity;

/**
 * One load run: connect and log in {@code clients} users over TLS WebSockets on one Netty event loop
 * group, then send at a fixed rate (open loop: every message has an intended send time on a fixed
 * schedule and its latency is measured from that time, so a stalled generator or relay cannot hide
 * queueing) or keep a window of messages in flight (closed loop), and count deliveries.
 *
 * <p>The intended send time (ns, relative to the run's base) and the sender's index travel in the
 * message id, {@code m<ns>_<sender>_<seq>}; sender and receivers live in this process, so the
 * receiver computes {@code System.nanoTime() - intended} without clock skew.
 */
final class LoadRun implements AutoCloseable {
    /** A well-formed placeholder envelope signature: the relay forwards {@code sig} without verifying it. */
    private static final String SIG = Base64.getEncoder().encodeToString(new byte[64]);
    private static final int BODIES = 64;

    final LoadOptions options;
    final long base = System.nanoTime();
    volatile boolean stopping;
    // schedule, fixed before the pacers start (published by scheduling them)
    long sendStart;
    long measureStart;
    long sendEnd;
    /** Deliveries expected per message: 1 (direct) or everyone online but the sender. */
    int fanout = 1;

    private final ConcurrentLinkedQueue<Stats> allStats = new ConcurrentLinkedQueue<>();
    private final FastThreadLocal<Stats> localStats = new FastThreadLocal<>() {
        @Override
        protected Stats initialValue() {
            Stats s = new Stats();
            allStats.add(s);
            return s;
        }
    };
    private final byte[][] bodies = new byte[BODIES][];
    private final EventLoopGroup group;
    private final List<LoadClient> clients = new ArrayList<>();
    private final List<LoadClient> online = new ArrayList<>();
    private final List<Pacer> pacers = new ArrayList<>();
    /** Pacer index of each client index (who gets the completion of its messages). */
    private Pacer[] pacerOf = new Pacer[0];
    private final AtomicInteger loggedIn = new AtomicInteger();
    private CountDownLatch loginsDone;
    private Semaphore loginPermits;

    LoadRun(LoadOptions options) {
        this.options = options;
        this.group = new MultiThreadIoEventLoopGroup(options.threads, NioIoHandler.newFactory());
        Random random = new Random(options.seed);
        for (int i = 0; i < BODIES; i++) {
            byte[] raw = new byte[options.size / 4 * 3];
            random.nextBytes(raw);
            bodies[i] = Base64.getEncoder().encode(raw);
        }
    }

    Stats stats() {
        return localStats.get();
    }

    // ------------------------------------------------------------------ connect and log in

    LoadResult execute() throws Exception {
        LoadResult r = new LoadResult();
        r.options = options;
        long relayRss0 = ProcStats.statusKb(options.relayPids(), "VmRSS");
        long heap0 = options.mode == LoadOptions.Mode.IDLE && options.protocol == LoadOptions.Protocol.PARLEY
                ? ProcStats.heapUsedAfterGcKb(options.jcmd, options.relayPid) : -1;
        double relayCpuConnect0 = ProcStats.cpuSeconds(options.relayPids());
        long t0 = System.nanoTime();
        connectAll();
        r.connectSeconds = (System.nanoTime() - t0) / 1e9;
        r.relayCpuConnect = delta(relayCpuConnect0, ProcStats.cpuSeconds(options.relayPids()));
        r.loggedIn = online.size();
        log("logged in %d of %d in %.1f s (relay CPU %.1f s)", r.loggedIn, options.clients, r.connectSeconds,
                r.relayCpuConnect);
        if (options.mode == LoadOptions.Mode.IDLE) {
            Thread.sleep(options.hold.toMillis());
            r.relayRssBeforeKb = relayRss0;
            r.relayRssKb = ProcStats.statusKb(options.relayPids(), "VmRSS");
            r.relayHeapBeforeKb = heap0;
            if (heap0 >= 0) {
                r.relayHeapKb = ProcStats.heapUsedAfterGcKb(options.jcmd, options.relayPid);
            }
            r.relayHwmKb = ProcStats.statusKb(options.relayPids(), "VmHWM");
            r.stillOpen = countOpen();
            gather(r);
            return r;
        }
        if (online.size() < 2) {
            throw new IllegalStateException("fewer than two clients logged in");
        }
        traffic(r);
        return r;
    }

    private void connectAll() throws Exception {
        SslContext ssl = options.url.getScheme().equals("wss")
                ? SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build()
                : null;
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 60_000);
        loginsDone = new CountDownLatch(options.clients);
        loginPermits = new Semaphore(options.connectConcurrency);
        long deadline = System.nanoTime() + options.connectTimeout.toNanos();
        int launched = 0;
        for (int i = 0; i < options.clients; i++) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !loginPermits.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                break;
            }
            String name = options.userPrefix + i;
            TestIdentity identity = options.protocol == LoadOptions.Protocol.PARLEY
                    ? TestIdentity.fromSeed(options.seed * 1_000_003L + i) : null;
            LoadClient client = new LoadClient(this, i, name, identity);
            java.net.URI url = options.urlFor(i);
            String host = url.getHost();
            int port = url.getPort() > 0 ? url.getPort() : 8765;
            clients.add(client);
            ChannelFuture f = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    if (ssl != null) {
                        SslHandler tls = ssl.newHandler(ch.alloc(), host, port);
                        tls.setHandshakeTimeoutMillis(120_000);
                        ch.pipeline().addLast(tls);
                    }
                    ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536),
                            new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                                    .webSocketUri(url)
                                    .maxFramePayloadLength(256 << 20)
                                    .handleCloseFrames(false)
                                    .dropPongFrames(true)
                                    .withUTF8Validator(false)
                                    .handshakeTimeoutMillis(120_000)
                                    .build()),
                            new WebSocketFrameAggregator(256 << 20), client);
                }
            }).connect(host, port);
            client.channel = f.channel();
            f.addListener(done -> {
                if (!done.isSuccess()) {
                    stats().error("connect-failed");
                    client.loginDone(false);
                }
            });
            launched++;
            if (!options.quiet && launched % 1000 == 0) {
                log("  %d connections launched, %d logged in", launched, loggedIn.get());
            }
        }
        for (int i = launched; i < options.clients; i++) {
            loginsDone.countDown();
        }
        long left = deadline - System.nanoTime();
        loginsDone.await(Math.max(left, 0) + TimeUnit.SECONDS.toNanos(5), TimeUnit.NANOSECONDS);
        // let every loop finish what it was doing, then read the login flags there
        for (LoadClient c : clients) {
            if (c.channel.eventLoop().submit(c::loggedIn).get()) {
                c.position = online.size();
                online.add(c);
            }
        }
    }

    void loginDone(LoadClient client, boolean ok) {
        if (ok) {
            loggedIn.incrementAndGet();
        }
        loginPermits.release();
        loginsDone.countDown();
    }

    private int countOpen() {
        int open = 0;
        for (LoadClient c : clients) {
            if (c.channel.isActive()) {
                open++;
            }
        }
        return open;
    }

    // ------------------------------------------------------------------ traffic

    private void traffic(LoadResult r) throws Exception {
        boolean fan = options.mode == LoadOptions.Mode.FANOUT;
        fanout = fan ? online.size() - 1 : 1;
        Map<EventExecutor, Pacer> byLoop = new IdentityHashMap<>();
        int index = 0;
        for (EventExecutor e : group) {
            Pacer p = new Pacer((EventLoop) e, index++);
            byLoop.put(e, p);
            pacers.add(p);
        }
        pacerOf = new Pacer[options.clients];
        for (LoadClient c : online) {
            Pacer p = byLoop.get(c.channel.eventLoop());
            pacerOf[c.index] = p;
            if (!fan || c == online.get(0)) {
                p.senders.add(c);
            }
        }
        int senders = fan ? 1 : online.size();
        int active = 0;
        for (Pacer p : pacers) {
            active += p.senders.isEmpty() ? 0 : 1;
        }
        long now = System.nanoTime();
        sendStart = now + TimeUnit.MILLISECONDS.toNanos(200);
        measureStart = sendStart + options.warmup.toNanos();
        sendEnd = measureStart + options.duration.toNanos();
        for (Pacer p : pacers) {
            if (p.senders.isEmpty()) {
                continue;
            }
            double share = options.rate * p.senders.size() / senders;
            p.interval = share > 0 ? 1e9 / share : 0;
            p.windowShare = Math.max(1, options.window / active);
            p.nextIntended = sendStart;
            p.future = p.loop.scheduleAtFixedRate(p, sendStart - now, 1_000_000, TimeUnit.NANOSECONDS);
        }
        sleepUntil(measureStart);
        double relayCpu0 = ProcStats.cpuSeconds(options.relayPids());
        double otherCpu0 = options.otherPids.length == 0 ? -1 : ProcStats.cpuSeconds(options.otherPids);
        double toolCpu0 = ProcStats.cpuSeconds(ProcessHandle.current().pid());
        sleepUntil(sendEnd);
        double relayCpu1 = ProcStats.cpuSeconds(options.relayPids());
        double otherCpu1 = options.otherPids.length == 0 ? -1 : ProcStats.cpuSeconds(options.otherPids);
        double toolCpu1 = ProcStats.cpuSeconds(ProcessHandle.current().pid());
        r.relayRssKb = ProcStats.statusKb(options.relayPids(), "VmRSS");
        r.relayHwmKb = ProcStats.statusKb(options.relayPids(), "VmHWM");
        r.relayCpu = delta(relayCpu0, relayCpu1);
        r.toolCpu = delta(toolCpu0, toolCpu1);
        r.otherCpu = delta(otherCpu0, otherCpu1);
        long drainEnd = sendEnd + options.drain.toNanos();
        // leave early once everything sent in the window has arrived
        while (System.nanoTime() < drainEnd) {
            Thread.sleep(100);
            long expected = 0;
            long got = 0;
            for (Stats s : allStats) {
                expected += s.sentTotal;
                got += s.deliveriesTotal;
            }
            if (got >= expected * (long) fanout) {
                break;
            }
        }
        for (Pacer p : pacers) {
            if (p.future != null) {
                p.future.cancel(false);
            }
        }
        r.seconds = options.duration.toNanos() / 1e9;
        r.fanout = fanout;
        r.stillOpen = countOpen();
        gather(r);
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
        }
    }

    private static double delta(double a, double b) {
        return a < 0 || b < 0 ? -1 : b - a;
    }

    /** Called on the receiver's event loop for each deliver frame; {@code [is, ie)} is the id. */
    void delivered(ChannelHandlerContext ctx, LoadClient receiver, ByteBuf b, int is, int ie, Stats stats) {
        long now = System.nanoTime();
        // m<ns>_<sender>_<seq>
        int p = is + 1;
        long offset = 0;
        byte c;
        while (p < ie && (c = b.getByte(p)) != '_') {
            offset = offset * 10 + (c - '0');
            p++;
        }
        int sender = 0;
        p++;
        while (p < ie && (c = b.getByte(p)) != '_') {
            sender = sender * 10 + (c - '0');
            p++;
        }
        long intended = base + offset;
        stats.deliveriesTotal++;
        if (now >= measureStart && now < sendEnd) {
            stats.receivedInWindow++;
        }
        if (intended >= measureStart && intended < sendEnd) {
            stats.deliveredOfWindow++;
            stats.latency.recordMicros((now - intended) / 1000);
        }
        Pacer owner = sender < pacerOf.length ? pacerOf[sender] : null;
        if (owner != null) {
            owner.completed.incrementAndGet();
        }
        if (options.ack) {
            ByteBuf ack = ctx.alloc().buffer(96 + ie - is);
            ack.writeCharSequence("{\"type\":\"ack\",\"v\":2,\"ref\":\"", StandardCharsets.US_ASCII);
            ack.writeBytes(b, is, ie - is);
            ack.writeCharSequence("\",\"from\":\"" + options.userPrefix + sender + "\"}", StandardCharsets.US_ASCII);
            ctx.write(new TextWebSocketFrame(ack), ctx.voidPromise());
        }
    }

    /** Sends on one event loop for the clients registered there; runs every millisecond. */
    final class Pacer implements Runnable {
        final EventLoop loop;
        final int index;
        final List<LoadClient> senders = new ArrayList<>();
        final AtomicLong completed = new AtomicLong();
        final SplittableRandom random;
        final List<LoadClient> written = new ArrayList<>();
        double interval;
        long windowShare;
        long nextIntended;
        long sent;
        long seq;
        ScheduledFuture<?> future;

        Pacer(EventLoop loop, int index) {
            this.loop = loop;
            this.index = index;
            this.random = new SplittableRandom(options.seed * 31 + index);
        }

        @Override
        public void run() {
            long now = System.nanoTime();
            Stats stats = stats();
            if (options.rate > 0) {
                double next = nextIntended;
                while (nextIntended <= now && nextIntended < sendEnd) {
                    if (sent * fanout - completed.get() > options.maxOutstanding) {
                        stats.skipped++;
                    } else {
                        send(nextIntended, now, stats);
                    }
                    next += interval;
                    nextIntended = (long) next;
                }
            } else if (now < sendEnd) {
                long allowed = windowShare + completed.get() / fanout - sent;
                for (long i = 0; i < allowed; i++) {
                    send(now, now, stats);
                }
            }
            for (LoadClient c : written) {
                c.dirty = false;
                c.channel.flush();
            }
            written.clear();
        }

        private void send(long intended, long now, Stats stats) {
            LoadClient from = senders.get(senders.size() == 1 ? 0 : random.nextInt(senders.size()));
            if (!from.channel.isActive()) {
                stats.skipped++;
                return;
            }
            String to = null;
            if (options.mode == LoadOptions.Mode.DIRECT) {
                int r = random.nextInt(online.size() - 1);
                to = online.get(r >= from.position ? r + 1 : r).name;
            }
            byte[] body = bodies[random.nextInt(BODIES)];
            ByteBuf buf = from.channel.alloc().buffer(body.length + 256);
            String id = "m" + (intended - base) + "_" + from.index + "_" + (seq++);
            if (options.protocol == LoadOptions.Protocol.PARLEY) {
                buf.writeCharSequence("{\"type\":\"send\",\"v\":2,\"id\":\"" + id
                        + (to == null ? "\",\"to\":[],\"everyone\":true" : "\",\"to\":[\"" + to + "\"],\"everyone\":false")
                        + ",\"scheme\":\"rsa-oaep-aes-gcm\",\"body\":\"", StandardCharsets.US_ASCII);
                buf.writeBytes(body);
                buf.writeCharSequence("\",\"cts\":" + System.currentTimeMillis() + ",\"sig\":\"" + SIG + "\"}",
                        StandardCharsets.US_ASCII);
            } else {
                buf.writeCharSequence("{\"type\":\"send\",\"id\":\"" + id
                        + (to == null ? "\",\"everyone\":true" : "\",\"to\":\"" + to + "\"")
                        + ",\"body\":\"", StandardCharsets.US_ASCII);
                buf.writeBytes(body);
                buf.writeCharSequence("\"}", StandardCharsets.US_ASCII);
            }
            from.channel.write(new TextWebSocketFrame(buf), from.channel.voidPromise());
            if (!from.dirty) {
                from.dirty = true;
                written.add(from);
            }
            sent++;
            stats.sentTotal++;
            if (intended >= measureStart && intended < sendEnd) {
                stats.sentInWindow++;
            }
            stats.maxLagNanos = Math.max(stats.maxLagNanos, now - intended);
        }
    }

    // ------------------------------------------------------------------ statistics

    /** Counters of one event loop thread (or the main thread), merged after the run. */
    static final class Stats {
        final Histogram latency = new Histogram();
        long sentTotal;
        long sentInWindow;
        long skipped;
        long deliveriesTotal;
        long receivedInWindow;
        long deliveredOfWindow;
        long maxLagNanos;
        final Map<String, long[]> errors = new HashMap<>();
        final Map<String, long[]> frames = new HashMap<>();

        void error(String code) {
            synchronized (errors) {
                errors.computeIfAbsent(code, k -> new long[1])[0]++;
            }
        }

        void frame(String type) {
            frames.computeIfAbsent(type, k -> new long[1])[0]++;
        }
    }

    private void gather(LoadResult r) throws Exception {
        // a task on every loop: everything the loops recorded before it is visible afterwards
        for (EventExecutor e : group) {
            e.submit(() -> { }).get(30, TimeUnit.SECONDS);
        }
        Histogram h = new Histogram();
        Map<String, Long> errors = new TreeMap<>();
        Map<String, Long> frames = new TreeMap<>();
        for (Stats s : allStats) {
            h.add(s.latency);
            r.sentInWindow += s.sentInWindow;
            r.sentTotal += s.sentTotal;
            r.skipped += s.skipped;
            r.deliveriesTotal += s.deliveriesTotal;
            r.receivedInWindow += s.receivedInWindow;
            r.deliveredOfWindow += s.deliveredOfWindow;
            r.maxLagMicros = Math.max(r.maxLagMicros, s.maxLagNanos / 1000);
            synchronized (s.errors) {
                s.errors.forEach((k, v) -> errors.merge(k, v[0], Long::sum));
            }
            s.frames.forEach((k, v) -> frames.merge(k, v[0], Long::sum));
        }
        r.latency = h;
        r.errors = errors;
        r.frames = frames;
    }

    private void log(String format, Object... args) {
        if (!options.quiet) {
            System.out.printf(format + "%n", args);
        }
    }

    // ------------------------------------------------------------------ JSON scanning

    /**
     * Finds {@code "key": "value"} at or after {@code from} and returns the value's bounds as
     * {@code start << 32 | end}, or -1. Tolerates spaces around the colon (Python's json.dumps).
     */
    static long stringField(ByteBuf b, byte[] quotedKey, int from) {
        int end = b.writerIndex();
        int i = indexOf(b, quotedKey, from, end);
        if (i < 0) {
            return -1;
        }
        int p = i + quotedKey.length;
        while (p < end && b.getByte(p) == ' ') {
            p++;
        }
        if (p >= end || b.getByte(p) != ':') {
            return -1;
        }
        p++;
        while (p < end && b.getByte(p) == ' ') {
            p++;
        }
        if (p >= end || b.getByte(p) != '"') {
            return -1;
        }
        int s = ++p;
        while (p < end && b.getByte(p) != '"') {
            p++;
        }
        return ((long) s << 32) | p;
    }

    private static int indexOf(ByteBuf b, byte[] pat, int from, int end) {
        byte first = pat[0];
        outer:
        for (int i = from; i <= end - pat.length; i++) {
            if (b.getByte(i) != first) {
                continue;
            }
            for (int j = 1; j < pat.length; j++) {
                if (b.getByte(i + j) != pat[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        stopping = true;
        for (LoadClient c : clients) {
            if (c.channel != null) {
                c.channel.close();
            }
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
