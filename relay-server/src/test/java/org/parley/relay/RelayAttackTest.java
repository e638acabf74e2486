package org.parley.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attacks on a real TLS relay on 127.0.0.1; each test fails if the defence it names is removed. */
class RelayAttackTest extends AbstractLeakDetectionTest {
    private static final int RATE = 20;
    private static final int BURST = 10;
    private static final AtomicInteger NAMES = new AtomicInteger();

    @TempDir
    static Path dataDir;
    private static RelayServer relay;
    private static HttpClient http;
    private static URI uri;

    @BeforeAll
    static void start() throws Exception {
        relay = RelayServer.start(RelayConfig.builder(dataDir).host("127.0.0.1").port(0).rateLimit(RATE).rateBurst(BURST)
                .handshakeTimeout(Duration.ofSeconds(2)).build());
        http = TestClient.trusting(relay.certificate().orElseThrow());
        uri = URI.create("wss://127.0.0.1:" + relay.port() + "/");
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    private static String name(String base) {
        return base + NAMES.incrementAndGet();
    }

    private static TestClient connect() throws Exception {
        return TestClient.connect(http, uri, relay.certificateFingerprint());
    }

    private static void assertError(Map<String, Object> frame, String code, String ref) {
        assertEquals("error", frame.get("type"), () -> "got " + frame);
        assertEquals(code, frame.get("code"));
        assertEquals(ref, frame.get("ref"));
    }

    @Test
    void aSecondClientCannotTakeARegisteredNameWithItsOwnKey() throws Exception {
        String alice = name("alice");
        TestIdentity aliceKey = TestIdentity.generate();
        try (TestClient first = connect()) {
            first.hello(alice, aliceKey);
        }
        try (TestClient mallory = connect()) {
            mallory.send(mallory.identity().hello("h1", alice));
            assertError(mallory.next(), "name-registered", "h1");
            mallory.hello(name("mallory")); // the connection lives on
        }
        try (TestClient back = connect()) {
            back.hello(alice, aliceKey); // the owner still gets in (the first connection's close may lag)
        }
    }

    @Test
    void aWrongAuthSignatureFailsAndCloses() throws Exception {
        String user = name("alice");
        try (TestClient client = connect()) {
            Map<String, Object> challenge = client.sendHello(user);
            String forged = TestIdentity.generate().answer(user, (String) challenge.get("nonce"), relay.certificateFingerprint());
            client.send(TestIdentity.auth("a1", forged));
            assertError(client.next(), "auth-failed", "a1");
            assertEquals(1008, client.closeCode());
        }
    }

    @Test
    void aBundleWithABadSignatureIsRefused() throws Exception {
        try (TestClient client = connect()) {
            TestIdentity id = client.identity();
            String forOther = id.hello("h2", "someone-else").replace("\"user\":\"someone-else\"", "\"user\":\"" + name("eve") + "\"");
            client.send(forOther);
            assertError(client.next(), "bad-bundle", "h2");
        }
    }

    @Test
    void anAuthSignatureFromAnotherSessionCannotBeReplayed() throws Exception {
        String user = name("alice");
        TestIdentity id = TestIdentity.generate();
        try (TestClient victim = connect(); TestClient attacker = connect()) {
            victim.send(id.hello("h3", user));
            String recorded = id.answer(user, (String) victim.next().get("nonce"), relay.certificateFingerprint());
            attacker.send(id.hello("h4", user)); // the public bundle, replayed
            assertEquals("challenge", attacker.next().get("type"));
            attacker.send(TestIdentity.auth("a4", recorded));
            assertError(attacker.next(), "auth-failed", "a4");
            assertEquals(1008, attacker.closeCode());
        }
    }

    @Test
    void anAuthSignedForAnotherRelayCertificateFails() throws Exception {
        try (TestClient client = TestClient.connect(http, uri, "00".repeat(32))) {
            assertThrows(AssertionError.class, () -> client.hello(name("alice")));
            assertEquals(1008, client.closeCode());
        }
    }

    @Test
    void helloWithoutAuthRunsIntoTheHandshakeTimeout() throws Exception {
        try (TestClient client = connect()) {
            client.sendHello(name("slow"));
            assertEquals(1008, client.closeCode());
        }
    }

    @Test
    void aFloodIsRateLimitedThenClosed() throws Exception {
        String a = name("flood");
        try (TestClient flooder = connect()) {
            flooder.hello(a);
            int frames = BURST * (2 + 10) + 50;
            for (int i = 0; i < frames; i++) {
                flooder.send("garbage"); // not even JSON, and it counts too
            }
            assertEquals("bad-json", flooder.next().get("code"));
            Map<String, Object> m = flooder.next();
            while ("bad-json".equals(m.get("code"))) {
                m = flooder.next();
            }
            assertEquals("rate-limited", m.get("code"));
            assertEquals(1008, flooder.closeCode());
        }
    }

    @Test
    void aRateLimitedConnectionRecovers() throws Exception {
        String a = name("eager");
        String b = name("bob");
        try (TestClient eager = connect(); TestClient bob = connect()) {
            eager.hello(a);
            bob.hello(b);
            for (int i = 0; i < BURST + 5; i++) {
                eager.send(RelayIntegrationTest.send("r" + i, "\"" + b + "\"", ""));
            }
            int limited = 0;
            for (int i = 0; i < BURST + 5; i++) {
                Map<String, Object> m = eager.nextNonPresence();
                if ("error".equals(m.get("type"))) {
                    assertEquals("rate-limited", m.get("code"));
                    assertTrue(((String) m.get("ref")).startsWith("r"));
                    limited++;
                }
            }
            assertTrue(limited >= 4, "at most burst + refill passed, got " + limited + " refusals");
            Thread.sleep(1000 / RATE * 2);
            eager.send(RelayIntegrationTest.send("later", "\"" + b + "\"", ""));
            assertEquals("sent", eager.nextNonPresence().get("type"));
        }
    }

    @Test
    void connectionsOverThePerAddressLimitAreClosedBeforeTls(@TempDir Path otherDir) throws Exception {
        try (RelayServer limited = RelayServer.start(RelayConfig.builder(otherDir).host("127.0.0.1").port(0)
                .maxConnectionsPerAddress(3).build())) {
            HttpClient client = TestClient.trusting(limited.certificate().orElseThrow());
            URI u = URI.create("wss://127.0.0.1:" + limited.port() + "/");
            List<TestClient> open = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                open.add(TestClient.connect(client, u, limited.certificateFingerprint()));
                names.add(name("c"));
                open.get(i).hello(names.get(i));
            }
            assertEquals(-1, readUntilClosed(limited.port()), "the 4th connection is closed without a TLS byte");
            assertThrows(Exception.class, () -> TestClient.connect(client, u, limited.certificateFingerprint()));

            open.get(0).send(RelayIntegrationTest.send("still", "\"" + names.get(1) + "\"", ""));
            assertEquals("sent", open.get(0).nextNonPresence().get("type"), "the three stay up");
            open.remove(2).close();
            TestClient again = null;
            for (int attempt = 0; again == null && attempt < 50; attempt++) { // the slot is freed asynchronously
                try {
                    again = TestClient.connect(client, u, limited.certificateFingerprint());
                } catch (Exception e) {
                    Thread.sleep(100);
                }
            }
            open.add(again);
            again.hello(name("c"));
            open.forEach(TestClient::close);
        }
    }

    /** Connects with plain TCP, sends nothing, and returns the first read's result (-1 = closed). */
    private static int readUntilClosed(int port) throws Exception {
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress("127.0.0.1", port));
            raw.setSoTimeout(5_000);
            InputStream in = raw.getInputStream();
            return in.read();
        }
    }
}
