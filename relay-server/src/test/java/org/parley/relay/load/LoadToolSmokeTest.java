package org.parley.relay.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.parley.relay.RelayConfig;
import org.parley.relay.RelayServer;

/**
 * Keeps the load generator from rotting: a few seconds of real v2 logins and traffic against an
 * in-process relay. The benchmarks themselves are not tests (docs/BENCHMARKS.md).
 */
@Timeout(60)
class LoadToolSmokeTest {
    @TempDir
    Path dataDir;
    private RelayServer relay;

    @BeforeEach
    void startRelay() throws Exception {
        relay = RelayServer.start(RelayConfig.builder(dataDir).host("127.0.0.1").port(0)
                .rateLimit(1_000_000).rateBurst(1_000_000).maxConnectionsPerAddress(1_000)
                // every message written at once, so its `sent` arrives within the short run even though these
                // clients do not ack (with write-behind, `sent` would wait for the hold time)
                .writeBehind(Duration.ZERO).build());
    }

    @AfterEach
    void stopRelay() {
        relay.close();
    }

    private LoadOptions options(LoadOptions.Mode mode, double rate) {
        LoadOptions o = new LoadOptions();
        o.url = URI.create("wss://127.0.0.1:" + relay.port() + "/");
        o.mode = mode;
        o.clients = 20;
        o.rate = rate;
        o.warmup = Duration.ofMillis(300);
        o.duration = Duration.ofSeconds(2);
        o.drain = Duration.ofSeconds(5);
        o.relayPid = ProcessHandle.current().pid();
        o.quiet = true;
        return o;
    }

    @Test
    void directMessagesAreDeliveredAndTimed() throws Exception {
        LoadResult r = LoadTool.run(options(LoadOptions.Mode.DIRECT, 200));

        assertEquals(20, r.loggedIn, r::toString);
        assertTrue(r.sentInWindow >= 300, r::toString); // ~400 at 200/s for 2 s
        assertEquals(0, r.lost(), r::toString);
        assertEquals(r.sentInWindow, r.latency.count(), r::toString);
        assertTrue(r.deliveredPerSecond() > 100, r::toString);
        assertTrue(r.p50Micros() > 0 && r.p99Micros() >= r.p50Micros() && r.p999Micros() >= r.p99Micros(), r::toString);
        assertEquals(Map.of(), r.errors, r::toString);
        assertTrue(r.frames.getOrDefault("sent", 0L) >= r.sentInWindow, r::toString);
        assertTrue(r.relayCpu > 0 && r.relayRssKb > 0, r::toString);
        assertTrue(r.resultLine().startsWith("RESULT protocol=parley mode=direct"), r.resultLine());
    }

    @Test
    void fanOutReachesEveryoneElse() throws Exception {
        LoadResult r = LoadTool.run(options(LoadOptions.Mode.FANOUT, 20));

        assertEquals(19, r.fanout, r::toString);
        assertEquals(r.sentInWindow * 19, r.deliveredOfWindow, r::toString);
        assertTrue(r.p99Micros() > 0, r::toString);
        assertEquals(Map.of(), r.errors, r::toString);
    }

    @Test
    void closedLoopKeepsItsWindowAndIdleModeHolds() throws Exception {
        LoadOptions closed = options(LoadOptions.Mode.DIRECT, 0);
        closed.window = 20;
        LoadResult r = LoadTool.run(closed);
        assertTrue(r.receivedInWindow > 0 && r.lost() == 0, r::toString);

        LoadOptions idle = options(LoadOptions.Mode.IDLE, 0);
        idle.userPrefix = "idle";
        idle.hold = Duration.ofMillis(200);
        idle.jcmd = ""; // the relay is this JVM: no jcmd
        LoadResult i = LoadTool.run(idle);
        assertEquals(20, i.stillOpen, i::toString);
        assertTrue(i.relayRssKb > 0, i::toString);
        assertTrue(i.frames.getOrDefault("presence", 0L) > 0, "with the online list, joins are announced: " + i);

        idle.userPrefix = "quiet";
        idle.noPresence = true;
        LoadResult q = LoadTool.run(idle);
        assertEquals(20, q.stillOpen, q::toString);
        assertEquals(0L, q.frames.getOrDefault("presence", 0L), "--no-presence sessions get no presence: " + q);
    }

    @Test
    void ackFramesAreCountedAsErrorsByARelayWithoutAck() throws Exception {
        // until the relay has store-and-forward, "ack" is an unknown type: the flag must still work
        LoadOptions o = options(LoadOptions.Mode.DIRECT, 50);
        o.ack = true;
        o.duration = Duration.ofSeconds(1);
        LoadResult r = LoadTool.run(o);
        assertEquals(0, r.lost(), r::toString);
        long acks = r.deliveriesTotal;
        long refused = r.errors.getOrDefault("unknown-type", 0L);
        assertTrue(refused <= acks, r::toString); // error answers may still be in flight at the end
    }
}
