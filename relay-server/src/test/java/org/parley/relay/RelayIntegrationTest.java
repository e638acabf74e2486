package org.parley.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay over real TLS on 127.0.0.1, driven by java.net.http WebSocket clients. */
class RelayIntegrationTest extends AbstractLeakDetectionTest {
    private static final int MAX_FRAME = 4096;
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final List<String> TAPPED = new CopyOnWriteArrayList<>();

    @TempDir
    static Path dataDir;
    private static RelayServer relay;
    private static HttpClient http;
    private static URI uri;

    @BeforeAll
    static void start() throws Exception {
        relay = RelayServer.start(RelayConfig.builder(dataDir).host("127.0.0.1").port(0).maxFrameBytes(MAX_FRAME)
                .maxRecipients(3).handshakeTimeout(Duration.ofSeconds(2)).idleTimeout(Duration.ofMillis(300))
                .build(), TAPPED::add);
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

    private static TestClient loggedIn(String user) throws Exception {
        TestClient client = TestClient.connect(http, uri);
        client.hello(user);
        return client;
    }

    static String send(String id, String to, String extra) {
        return "{\"type\":\"send\",\"v\":2,\"id\":\"" + id + "\",\"to\":[" + to + "],\"scheme\":\"rsa-oaep-aes-gcm\","
                + "\"body\":\"Y2lwaGVydGV4dA==\",\"cts\":1795000000100,\"sig\":\"" + TestClient.SIG + "\"" + extra + "}";
    }

    @Test
    void directMessageReachesTheRecipientAndTheSenderGetsSent() throws Exception {
        String a = name("alice");
        String b = name("bob");
        try (TestClient alice = loggedIn(a); TestClient bob = loggedIn(b)) {
            String json = send("m1", "\"" + b + "\"", "");
            alice.send(json);
            Map<String, Object> deliver = bob.nextNonPresence();
            assertEquals("deliver", deliver.get("type"));
            assertEquals(a, deliver.get("from"));
            assertEquals("Y2lwaGVydGV4dA==", deliver.get("body"));
            assertEquals(List.of(b), deliver.get("to"));
            assertEquals(1795000000100L, deliver.get("cts"), "cts is forwarded untouched");
            assertEquals(TestClient.SIG, deliver.get("sig"), "sig is forwarded untouched");
            Map<String, Object> sent = alice.nextNonPresence();
            assertEquals(Map.of("type", "sent", "v", 2L, "ref", "m1", "ts", deliver.get("ts"), "recipients", List.of(b),
                    "queued", List.of(), "refused", List.of()), sent);
            assertTrue(TAPPED.contains(json), "the test hook sees every inbound text message");
        }
    }

    @Test
    void everyoneReachesAllOthersButNotTheSender() throws Exception {
        String a = name("alice");
        String b = name("bob");
        String c = name("carol");
        try (TestClient alice = loggedIn(a); TestClient bob = loggedIn(b); TestClient carol = loggedIn(c)) {
            alice.send(send("e1", "\"" + b + "\"", ",\"everyone\":true"));
            assertEquals(a, bob.nextNonPresence().get("from"));
            assertEquals(a, carol.nextNonPresence().get("from"));
            Map<String, Object> sent = alice.nextNonPresence();
            assertEquals("sent", sent.get("type"));
            assertTrue(Set.copyOf((List<?>) sent.get("recipients")).containsAll(Set.of(b, c)));
            assertFalse(((List<?>) sent.get("recipients")).contains(a));
            alice.expectNoDelivery(300);
        }
    }

    @Test
    void othersSeeJoinAndLeave() throws Exception {
        String a = name("alice");
        String b = name("bob");
        try (TestClient alice = loggedIn(a)) {
            TestClient bob = TestClient.connect(http, uri);
            Map<String, Object> welcome = bob.hello(b);
            assertTrue(((List<?>) welcome.get("users")).contains(
                    Json.object("{\"user\":\"" + a + "\",\"bundle\":" + TestIdentity.json(alice.identity().bundle(a)) + "}")));
            assertEquals(Json.object("{\"type\":\"presence\",\"v\":2,\"event\":\"join\",\"user\":\"" + b + "\",\"bundle\":"
                    + TestIdentity.json(bob.identity().bundle(b)) + "}"), nextAbout(alice, b));
            bob.close();
            assertEquals(Map.of("type", "presence", "v", 2L, "event", "leave", "user", b), nextAbout(alice, b));
        }
    }

    @Test
    void aSessionWithoutPresenceIsAnnouncedButGetsNoOnlineList() throws Exception {
        String a = name("alice");
        String q = name("quiet");
        String c = name("carol");
        try (TestClient alice = loggedIn(a); TestClient quiet = TestClient.connect(http, uri)) {
            Map<String, Object> welcome = quiet.hello(q, quiet.identity(), false);
            assertEquals(List.of(), welcome.get("users"), "no online list for a presence:false session");
            assertEquals("join", nextAbout(alice, q).get("event"), "others still see it join");
            try (TestClient carol = loggedIn(c)) {
                assertEquals("join", nextAbout(alice, c).get("event"));
            }
            assertEquals("leave", nextAbout(alice, c).get("event"));
            alice.send(send("q1", "\"" + q + "\"", ""));
            Map<String, Object> deliver = quiet.next();
            assertEquals("deliver", deliver.get("type"), () -> "messages still arrive; got " + deliver);
            assertEquals(a, deliver.get("from"));
            assertNull(quiet.poll(300), "no presence frame (carol's join and leave) reached the quiet session");
        }
    }

    private static Map<String, Object> nextAbout(TestClient client, String user) throws InterruptedException {
        Map<String, Object> m = client.next();
        while (!user.equals(m.get("user"))) {
            m = client.next();
        }
        return m;
    }

    @Test
    void aFromInClientJsonIsIgnored() throws Exception {
        String a = name("alice");
        String b = name("bob");
        try (TestClient alice = loggedIn(a); TestClient bob = loggedIn(b)) {
            alice.send(send("s1", "\"" + b + "\"", ",\"from\":\"mallory\""));
            assertEquals(a, bob.nextNonPresence().get("from"));
        }
    }

    @Test
    void refusedFramesGetErrorsAndTheConnectionLivesOn() throws Exception {
        String a = name("alice");
        String b = name("bob");
        try (TestClient alice = loggedIn(a); TestClient bob = loggedIn(b)) {
            String[][] cases = {
                {"{not json", "bad-json", null},
                {"{\"type\":\"shout\",\"v\":2,\"id\":\"u1\"}", "unknown-type", "u1"},
                {"{\"type\":\"send\",\"v\":1,\"id\":\"o1\"}", "unsupported-version", "o1"},
                {send("s1", "\"" + b + "\"", "").replace(TestClient.SIG, "QQ=="), "bad-frame", "s1"},
                {send("big1", "\"" + b + "\"", ",\"pad\":\"" + "x".repeat(MAX_FRAME) + "\""), "too-large", null},
                {send("r1", "\"x\",\"y\",\"z\",\"w\"", ""), "too-many-recipients", "r1"},
                {send("n1", "\"nobody\"", ""), "no-recipients", "n1"},
            };
            for (String[] c : cases) {
                alice.send(c[0]);
                Map<String, Object> error = alice.nextNonPresence();
                assertEquals("error", error.get("type"), c[1]);
                assertEquals(c[1], error.get("code"));
                assertEquals(c[2], error.get("ref"));
                alice.send(send("ok-" + c[1], "\"" + b + "\"", ""));
                assertEquals("sent", alice.nextNonPresence().get("type"), "works again after " + c[1]);
                assertEquals("deliver", bob.nextNonPresence().get("type"));
            }
        }
    }

    @Test
    void sendBeforeLoginIsRefusedThenLoginWorks() throws Exception {
        try (TestClient client = TestClient.connect(http, uri)) {
            client.send(send("early", "\"bob\"", ""));
            Map<String, Object> error = client.next();
            assertEquals("not-logged-in", error.get("code"));
            assertEquals("early", error.get("ref"));
            client.hello(name("late"));
        }
    }

    @Test
    void aNameOnlineElsewhereIsTaken() throws Exception {
        String a = name("alice");
        try (TestClient first = loggedIn(a); TestClient second = TestClient.connect(http, uri)) {
            second.send(first.identity().hello("h2", a)); // even with the right key
            Map<String, Object> error = second.next();
            assertEquals("name-taken", error.get("code"));
            assertEquals("h2", error.get("ref"));
        }
    }

    @Test
    void aMessageOverFourTimesTheLimitClosesWith1009() throws Exception {
        try (TestClient client = loggedIn(name("huge"))) {
            client.send(send("big2", "\"bob\"", ",\"pad\":\"" + "x".repeat(4 * MAX_FRAME + 1) + "\""));
            assertEquals(1009, client.closeCode());
        }
    }

    @Test
    void aConnectionThatNeverLogsInIsClosed() throws Exception {
        try (TestClient client = TestClient.connect(http, uri)) {
            assertEquals(1008, client.closeCode());
        }
        try (Socket raw = new Socket()) { // not even TLS
            raw.connect(new InetSocketAddress("127.0.0.1", relay.port()));
            raw.setSoTimeout(10_000);
            InputStream in = raw.getInputStream();
            byte[] buffer = new byte[256];
            int total = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n; // at most a TLS alert
            }
            assertTrue(total < buffer.length, "the relay closed the connection");
        }
    }

    @Test
    void pingsKeepALiveClientConnected() throws Exception {
        String a = name("alice");
        String b = name("bob");
        try (TestClient alice = loggedIn(a); TestClient bob = loggedIn(b)) {
            Thread.sleep(1200); // four idle periods; the client's pongs keep it open
            alice.send(send("p1", "\"" + b + "\"", ""));
            assertEquals("sent", alice.nextNonPresence().get("type"));
        }
    }

    @Test
    void healthzAnswersOk() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + relay.port() + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("ok", response.body());
    }

    @Test
    void plaintextModeServesWs(@TempDir Path otherDir) throws Exception {
        try (RelayServer plain = RelayServer.start(RelayConfig.builder(otherDir).host("127.0.0.1").port(0)
                .insecurePlaintext(true).build());
                TestClient client = TestClient.connect(HttpClient.newHttpClient(),
                        URI.create("ws://127.0.0.1:" + plain.port() + "/"))) {
            assertEquals("ws://127.0.0.1:" + plain.port() + "/", plain.listeningUri());
            client.hello("plain");
        }
    }
}
