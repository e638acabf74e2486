package org.parley.relay.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.relay.cluster.ClusterTestSupport.connect;
import static org.parley.relay.cluster.ClusterTestSupport.login;
import static org.parley.relay.cluster.ClusterTestSupport.node;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.relay.RelayServer;
import org.parley.relay.TestClient;
import org.parley.relay.TestIdentity;

/**
 * Two or three relay nodes in this JVM sharing the test Redis: cross-node direct messages and receipts,
 * "everyone" across nodes, presence and name claims across nodes, and offline delivery after the
 * recipient's node died.
 */
class RelayClusterTest {
    @TempDir
    Path dir;

    private String redis;

    @BeforeEach
    void freshCluster() {
        redis = ClusterTestSupport.redis();
        ClusterTestSupport.flush(redis);
    }

    private static Map<String, Object> nextOfType(TestClient c, String type) throws Exception {
        Map<String, Object> m = c.next();
        while (!type.equals(m.get("type"))) {
            m = c.next();
        }
        return m;
    }

    @Test
    void aDirectMessageCrossesNodesAndItsReceiptComesBack() throws Exception {
        try (RelayServer a = node(dir, redis, "a"); RelayServer b = node(dir, redis, "b");
                TestClient bob = connect(b); TestClient alice = connect(a)) {
            login(bob, "bob", TestIdentity.generate());
            Map<String, Object> welcome = login(alice, "alice", TestIdentity.generate());
            assertEquals(List.of("bob"), users(welcome), "alice on node a sees bob of node b in welcome");

            Map<String, Object> sent = alice.sendDirect("m1", "aGk=", "bob");
            assertEquals("sent", sent.get("type"), () -> "got " + sent);
            assertEquals(List.of("bob"), sent.get("recipients"));
            assertEquals(List.of(), sent.get("queued"));
            Map<String, Object> deliver = bob.nextNonPresence();
            assertEquals("deliver", deliver.get("type"));
            assertEquals("m1", deliver.get("id"));
            assertEquals("alice", deliver.get("from"));
            assertEquals("aGk=", deliver.get("body"));

            bob.ack("m1", "alice");
            Map<String, Object> receipt = nextOfType(alice, "receipt");
            assertEquals("m1", receipt.get("ref"));
            assertEquals("bob", receipt.get("user"));

            // and back: b → a
            Map<String, Object> back = bob.sendDirect("m2", "eW8=", "alice");
            assertEquals(List.of("alice"), back.get("recipients"));
            assertEquals("m2", nextOfType(alice, "deliver").get("id"));
        }
    }

    @Test
    void aMessageForAnOfflineUserIsQueuedInRedisAndDeliveredOnAnotherNodeThenDeletedByTheAck() throws Exception {
        TestIdentity carol = TestIdentity.generate();
        try (RelayServer a = node(dir, redis, "a"); RelayServer b = node(dir, redis, "b")) {
            try (TestClient c = connect(b)) {
                login(c, "carol", carol); // registers carol (on node b)
            }
            try (TestClient alice = connect(a)) {
                login(alice, "alice", TestIdentity.generate());
                Map<String, Object> sent = alice.sendDirect("q1", "b25l", "carol", "nobody");
                assertEquals(List.of(), sent.get("recipients"));
                assertEquals(List.of("carol"), sent.get("queued"));
                assertEquals(List.of(Map.of("user", "nobody", "code", "unknown-recipient")), sent.get("refused"));
                // a resend of the same id is not stored twice
                assertEquals(List.of("carol"), alice.sendDirect("q1", "b25l", "carol").get("queued"));
                assertEquals(List.of("carol"), alice.sendDirect("q2", "dHdv", "carol").get("queued"));
            }
            try (TestClient c = connect(a)) {
                login(c, "carol", carol);
                assertEquals("q1", c.nextNonPresence().get("id"));
                assertEquals("q2", c.nextNonPresence().get("id"));
                c.ack("q1", "alice");
                c.expectNoDelivery(300);
            }
            try (TestClient c = connect(b)) {
                login(c, "carol", carol);
                assertEquals("q2", c.nextNonPresence().get("id"), "only the unacked copy is delivered again");
                c.ack("q2", "alice");
                c.expectNoDelivery(300);
            }
            assertEquals(0L, (long) ClusterTestSupport.withRedis(redis, r -> r.xlen(RedisMessageStore.inbox("carol"))));
            try (TestClient c = connect(b)) {
                login(c, "carol", carol);
                c.expectNoDelivery(500);
            }
        }
    }

    @Test
    void theQueueBoundHoldsAcrossNodes() throws Exception {
        TestIdentity dave = TestIdentity.generate();
        try (RelayServer a = RelayServer.start(ClusterTestSupport.config(dir, redis, "a").maxQueuedPerUser(2).build());
                RelayServer b = RelayServer.start(ClusterTestSupport.config(dir, redis, "b").maxQueuedPerUser(2).build())) {
            try (TestClient d = connect(b)) {
                login(d, "dave", dave);
            }
            try (TestClient alice = connect(a); TestClient eve = connect(b)) {
                login(alice, "alice", TestIdentity.generate());
                login(eve, "eve", TestIdentity.generate());
                assertEquals(List.of("dave"), alice.sendDirect("f1", "QQ==", "dave").get("queued"));
                assertEquals(List.of("dave"), eve.sendDirect("f2", "Qg==", "dave").get("queued"));
                Map<String, Object> full = alice.sendDirect("f3", "Qw==", "dave", "eve");
                assertEquals(List.of(Map.of("user", "dave", "code", "queue-full")), full.get("refused"));
                assertEquals(List.of("eve"), full.get("recipients"));
            }
        }
    }

    @Test
    void anExpiredCopyIsNeverDeliveredAndThePurgeDeletesIt() throws Exception {
        TestIdentity erin = TestIdentity.generate();
        try (RelayServer a = RelayServer.start(ClusterTestSupport.config(dir, redis, "a")
                .queueTtl(java.time.Duration.ofMillis(700)).build())) {
            try (TestClient e = connect(a)) {
                login(e, "erin", erin);
            }
            try (TestClient alice = connect(a)) {
                login(alice, "alice", TestIdentity.generate());
                assertEquals(List.of("erin"), alice.sendDirect("x1", "QQ==", "erin").get("queued"));
            }
            Thread.sleep(1500); // past the TTL; the purge runs every second (TTL/10, at least 1 s)
            try (TestClient e = connect(a)) {
                login(e, "erin", erin);
                e.expectNoDelivery(300);
            }
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
            while (ClusterTestSupport.withRedis(redis, r -> r.exists(RedisMessageStore.inbox("erin"))) > 0
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(0L, (long) ClusterTestSupport.withRedis(redis, r -> r.exists(RedisMessageStore.inbox("erin"),
                    RedisMessageStore.index("erin"))), "the purge deleted the expired inbox");
            assertEquals("0", ClusterTestSupport.withRedis(redis, r -> r.get(RedisMessageStore.DEPTH)));
        }
    }

    @Test
    void everyoneReachesTheUsersOfAllNodes() throws Exception {
        try (RelayServer a = node(dir, redis, "a"); RelayServer b = node(dir, redis, "b");
                RelayServer c = node(dir, redis, "c");
                TestClient u1 = connect(a); TestClient u2 = connect(b); TestClient u3 = connect(c);
                TestClient u4 = connect(c)) {
            login(u1, "u1", TestIdentity.generate());
            login(u2, "u2", TestIdentity.generate());
            login(u3, "u3", TestIdentity.generate());
            Map<String, Object> welcome = login(u4, "u4", TestIdentity.generate());
            assertEquals(Set.of("u1", "u2", "u3"), new HashSet<>(users(welcome)));
            // presence crosses nodes through Redis pub/sub: node a learns of u4 a moment after u4's own
            // welcome, and "everyone" means everyone node a knows to be online when the message arrives
            awaitJoin(u1, "u4");
            u1.send("{\"type\":\"send\",\"v\":2,\"id\":\"e1\",\"to\":[],\"everyone\":true,\"scheme\":\"rsa-oaep-aes-gcm\","
                    + "\"body\":\"YWxs\",\"cts\":1795000000100,\"sig\":\"" + TestClient.SIG + "\"}");
            Map<String, Object> sent = u1.nextNonPresence();
            assertEquals("sent", sent.get("type"), () -> "got " + sent);
            assertEquals(Set.of("u2", "u3", "u4"), new HashSet<>(names(sent.get("recipients"))));
            for (TestClient u : List.of(u2, u3, u4)) {
                Map<String, Object> d = u.nextNonPresence();
                assertEquals("deliver", d.get("type"));
                assertEquals("e1", d.get("id"));
                assertEquals("u1", d.get("from"));
                assertEquals("YWxs", d.get("body"));
            }
            u1.expectNoDelivery(300); // the sender never gets its own everyone message
        }
    }

    @Test
    void presenceJoinsLeavesAndNameClaimsHoldAcrossNodes() throws Exception {
        TestIdentity bobId = TestIdentity.generate();
        try (RelayServer a = node(dir, redis, "a"); RelayServer b = node(dir, redis, "b");
                TestClient alice = connect(a)) {
            login(alice, "alice", TestIdentity.generate());
            try (TestClient bob = connect(b)) {
                Map<String, Object> welcome = login(bob, "bob", bobId);
                assertEquals(List.of("alice"), users(welcome));
                Map<String, Object> join = alice.next();
                assertEquals("presence", join.get("type"));
                assertEquals("join", join.get("event"));
                assertEquals("bob", join.get("user"));
                assertNotNull(join.get("bundle"), "a join carries the bundle");

                // bob is online on b: the same name on a is name-taken (at hello), even with bob's own key
                try (TestClient again = connect(a)) {
                    again.send(bobId.hello("h2", "bob"));
                    Map<String, Object> refused = again.nextNonPresence();
                    assertEquals("name-taken", refused.get("code"), () -> "got " + refused);
                }
                // and another key for a registered name is name-registered, whichever node
                try (TestClient impostor = connect(a)) {
                    impostor.send(TestIdentity.generate().hello("h3", "bob"));
                    assertEquals("name-registered", impostor.nextNonPresence().get("code"));
                }
            }
            Map<String, Object> leave = alice.next();
            assertEquals("presence", leave.get("type"));
            assertEquals("leave", leave.get("event"));
            assertEquals("bob", leave.get("user"));
            assertNull(leave.get("bundle"));
            // once bob left b, the name is free on a
            try (TestClient bob = connect(a)) {
                login(bob, "bob", bobId);
            }
        }
    }

    @Test
    void whenTheRecipientsNodeDiesItsMessagesWaitInRedisAndFollowItToAnotherNode() throws Exception {
        TestIdentity bobId = TestIdentity.generate();
        try (RelayServer b = node(dir, redis, "b"); TestClient alice = connect(b)) {
            login(alice, "alice", TestIdentity.generate());
            RelayServer a = node(dir, redis, "a");
            try (TestClient bob = connect(a)) {
                login(bob, "bob", bobId);
                assertEquals(List.of("bob"), alice.sendDirect("d1", "MQ==", "bob").get("recipients"));
                assertEquals("d1", bob.nextNonPresence().get("id")); // delivered live, never acked
                a.simulateCrash(); // node a dies: no leave, no release, connections dropped
            }
            // bob's node is gone: nobody takes the publication, so the copy is queued in Redis
            Map<String, Object> sent = alice.sendDirect("d2", "Mg==", "bob");
            assertEquals(List.of("bob"), sent.get("queued"), () -> "got " + sent);
            // the survivors free bob's name once a's heartbeat expired; alice sees bob leave
            Map<String, Object> leave = nextOfType(alice, "presence");
            assertEquals("leave", leave.get("event"));
            assertEquals("bob", leave.get("user"));
            try (TestClient bob = connect(b)) {
                login(bob, "bob", bobId);
                assertEquals("d1", bob.nextNonPresence().get("id"), "the unacked copy survives its node");
                assertEquals("d2", bob.nextNonPresence().get("id"));
                bob.ack("d1", "alice");
                bob.ack("d2", "alice");
                assertEquals("receipt", nextOfType(alice, "receipt").get("type"));
                assertEquals("receipt", nextOfType(alice, "receipt").get("type"));
            }
            assertEquals(0L, (long) ClusterTestSupport.withRedis(redis, r -> r.xlen(RedisMessageStore.inbox("bob"))));
            assertTrue(ClusterTestSupport.withRedis(redis, r -> r.smembers(RedisCluster.NODES)).equals(Set.of("b")),
                    "the dead node was removed from the node set");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> users(Map<String, Object> welcome) {
        return ((List<Map<String, Object>>) welcome.get("users")).stream().map(u -> (String) u.get("user")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> names(Object list) {
        return (List<String>) list;
    }

    /** Reads {@code client}'s frames until the presence join of {@code user} (other frames are dropped). */
    private static void awaitJoin(TestClient client, String user) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Map<String, Object> f = client.poll(200);
            if (f != null && "presence".equals(f.get("type")) && "join".equals(f.get("event"))
                    && user.equals(f.get("user"))) {
                return;
            }
        }
        throw new AssertionError(user + "'s join never reached this client");
    }
}
