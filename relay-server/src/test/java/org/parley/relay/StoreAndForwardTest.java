package org.parley.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Store and forward (PROTOCOL.md §3) through real relays on 127.0.0.1 (plain ws:// for speed; TLS is
 * covered elsewhere): queued messages survive restarts, acks delete, receipts reach senders, bounds hold.
 */
class StoreAndForwardTest extends AbstractLeakDetectionTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private RelayConfig.Builder config() {
        return RelayConfig.builder(dir).host("127.0.0.1").port(0).insecurePlaintext(true);
    }

    static TestClient connect(RelayServer relay) throws Exception {
        return TestClient.connect(HTTP, URI.create("ws://127.0.0.1:" + relay.port() + "/"), "");
    }

    /** Logs {@code user} in once with {@code id} so the name is registered, then disconnects. */
    static void register(RelayServer relay, String user, TestIdentity id) throws Exception {
        try (TestClient c = connect(relay)) {
            c.hello(user, id);
        }
    }

    @Test
    void aQueuedMessageSurvivesARestartAndIsDeliveredAfterWelcomeOldestFirst() throws Exception {
        TestIdentity bob = TestIdentity.generate();
        try (RelayServer relay = RelayServer.start(config().build()); TestClient alice = connect(relay)) {
            register(relay, "bob", bob);
            alice.hello("alice");
            Map<String, Object> sent = alice.sendDirect("q1", "b25l", "bob");
            assertEquals(List.of(), sent.get("recipients"));
            assertEquals(List.of("bob"), sent.get("queued"));
            assertEquals(List.of(), sent.get("refused"));
            assertEquals(List.of("bob"), alice.sendDirect("q2", "dHdv", "bob").get("queued"));
        }
        try (RelayServer relay = RelayServer.start(config().build()); TestClient client = connect(relay)) {
            client.hello("bob", bob); // asserts the welcome comes first
            Map<String, Object> first = client.nextNonPresence();
            assertEquals("deliver", first.get("type"));
            assertEquals("q1", first.get("id"));
            assertEquals("alice", first.get("from"));
            assertEquals("b25l", first.get("body"));
            assertEquals("q2", client.nextNonPresence().get("id"));
        }
    }

    @Test
    void anAckedMessageIsNotDeliveredAgainAnUnackedOneIs() throws Exception {
        TestIdentity bob = TestIdentity.generate();
        try (RelayServer relay = RelayServer.start(config().build()); TestClient alice = connect(relay)) {
            register(relay, "bob", bob);
            alice.hello("alice");
            alice.sendDirect("a1", "QQ==", "bob");
            alice.sendDirect("a2", "Qg==", "bob");
            try (TestClient first = connect(relay)) {
                first.hello("bob", bob);
                assertEquals("a1", first.nextNonPresence().get("id"));
                assertEquals("a2", first.nextNonPresence().get("id"));
                first.ack("a1", "alice");
                Map<String, Object> receipt = alice.nextNonPresence();
                assertEquals("receipt", receipt.get("type"));
                assertEquals("a1", receipt.get("ref"));
                assertEquals("bob", receipt.get("user"));
            }
            try (TestClient second = connect(relay)) {
                second.hello("bob", bob);
                assertEquals("a2", second.nextNonPresence().get("id"), "unacked: delivered again");
                second.ack("a2", "alice");
                second.expectNoDelivery(200);
            }
            try (TestClient third = connect(relay)) {
                third.hello("bob", bob);
                third.expectNoDelivery(300);
            }
        }
    }

    @Test
    void anOnlineRecipientAcksAndTheSenderGetsAReceipt() throws Exception {
        try (RelayServer relay = RelayServer.start(config().build());
                TestClient alice = connect(relay); TestClient bob = connect(relay)) {
            alice.hello("alice");
            bob.hello("bob");
            Map<String, Object> sent = alice.sendDirect("o1", "QQ==", "bob");
            assertEquals(List.of("bob"), sent.get("recipients"));
            assertEquals(List.of(), sent.get("queued"));
            Map<String, Object> deliver = bob.nextNonPresence();
            bob.ack((String) deliver.get("id"), (String) deliver.get("from"));
            Map<String, Object> receipt = alice.nextNonPresence();
            assertEquals(Map.of("type", "receipt", "v", 2L, "ref", "o1", "user", "bob", "ts", receipt.get("ts")), receipt);
        }
    }

    @Test
    void aMessageToAnOnlineRecipientWhoAcksInTimeIsNeverWrittenAndItsSentPrecedesTheReceipt() throws Exception {
        RelayConfig config = config().writeBehind(Duration.ofSeconds(10)).metricsPort(MetricsEndpointTest.freePort()).build();
        try (RelayServer relay = RelayServer.start(config)) {
            try (TestClient alice = connect(relay); TestClient bob = connect(relay)) {
                alice.hello("alice");
                bob.hello("bob");
                long t0 = System.nanoTime();
                alice.send(TestClient.direct("w1", "QQ==", "bob"));
                Map<String, Object> deliver = bob.nextNonPresence();
                assertEquals("w1", deliver.get("id"));
                alice.expectNoDelivery(300); // held: no sent before bob acks (the message could still be lost)
                bob.ack("w1", "alice");
                Map<String, Object> sent = alice.nextNonPresence();
                assertEquals("sent", sent.get("type"));
                assertEquals(List.of("bob"), sent.get("recipients"));
                assertEquals("receipt", alice.nextNonPresence().get("type"));
                assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(5).toNanos(), "settled by the ack, not by the write");
            }
            String scrape = HTTP.send(java.net.http.HttpRequest.newBuilder(URI.create(relay.metricsUri().orElseThrow())).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            assertEquals(1, MetricsEndpointTest.value(scrape, "parley_store_acked_before_write_total"));
            assertEquals(0, MetricsEndpointTest.value(scrape, "parley_store_committed_messages_total"));
            assertEquals(0, MetricsEndpointTest.value(scrape, "parley_stored_messages"));
        }
    }

    @Test
    void aMessageAnOnlineRecipientDoesNotAckIsWrittenAfterTheWriteBehindAndDeliveredAgain() throws Exception {
        TestIdentity bob = TestIdentity.generate();
        try (RelayServer relay = RelayServer.start(config().writeBehind(Duration.ofMillis(300)).build());
                TestClient alice = connect(relay)) {
            register(relay, "bob", bob);
            try (TestClient first = connect(relay)) {
                first.hello("bob", bob);
                alice.hello("alice");
                long t0 = System.nanoTime();
                Map<String, Object> sent = alice.sendDirect("w2", "Qg==", "bob");
                long millis = (System.nanoTime() - t0) / 1_000_000;
                assertEquals(List.of("bob"), sent.get("recipients"));
                assertTrue(millis >= 250, "sent waited for the write: " + millis + " ms");
                assertEquals("w2", first.nextNonPresence().get("id"));
            }
            try (TestClient second = connect(relay)) {
                second.hello("bob", bob);
                assertEquals("w2", second.nextNonPresence().get("id"), "not acked: queued");
            }
        }
    }

    @Test
    void aFullQueueRefusesWithQueueFull() throws Exception {
        try (RelayServer relay = RelayServer.start(config().maxQueuedPerUser(2).build()); TestClient alice = connect(relay)) {
            register(relay, "bob", TestIdentity.generate());
            register(relay, "carol", TestIdentity.generate());
            alice.hello("alice");
            alice.sendDirect("f1", "QQ==", "bob");
            alice.sendDirect("f2", "QQ==", "bob");
            Map<String, Object> sent = alice.sendDirect("f3", "QQ==", "bob", "carol");
            assertEquals(List.of("carol"), sent.get("queued"));
            assertEquals(List.of(Map.of("user", "bob", "code", "queue-full")), sent.get("refused"));
        }
    }

    @Test
    void unknownRecipientsAreRefusedAndNoRegisteredRecipientIsAnError() throws Exception {
        try (RelayServer relay = RelayServer.start(config().build());
                TestClient alice = connect(relay); TestClient bob = connect(relay)) {
            alice.hello("alice");
            bob.hello("bob");
            Map<String, Object> sent = alice.sendDirect("u1", "QQ==", "bob", "ghost");
            assertEquals(List.of("bob"), sent.get("recipients"));
            assertEquals(List.of(Map.of("user", "ghost", "code", "unknown-recipient")), sent.get("refused"));
            Map<String, Object> error = alice.sendDirect("u2", "QQ==", "ghost", "alice");
            assertEquals("error", error.get("type"));
            assertEquals("no-recipients", error.get("code"));
            assertEquals("u2", error.get("ref"));
        }
    }

    @Test
    void expiredMessagesAreNotDelivered() throws Exception {
        TestIdentity bob = TestIdentity.generate();
        try (RelayServer relay = RelayServer.start(config().queueTtl(Duration.ofMillis(300)).build());
                TestClient alice = connect(relay)) {
            register(relay, "bob", bob);
            alice.hello("alice");
            assertEquals(List.of("bob"), alice.sendDirect("t1", "QQ==", "bob").get("queued"));
            Thread.sleep(500);
            try (TestClient client = connect(relay)) {
                client.hello("bob", bob);
                client.expectNoDelivery(300);
            }
        }
    }

    @Test
    void everyoneMessagesAreNotStored() throws Exception {
        TestIdentity bob = TestIdentity.generate();
        try (RelayServer relay = RelayServer.start(config().build()); TestClient alice = connect(relay)) {
            register(relay, "bob", bob);
            alice.hello("alice");
            alice.send("{\"type\":\"send\",\"v\":2,\"id\":\"e1\",\"to\":[],\"everyone\":true,\"scheme\":\"x\","
                    + "\"body\":\"QQ==\",\"cts\":1,\"sig\":\"" + TestClient.SIG + "\"}");
            Map<String, Object> sent = alice.nextNonPresence();
            assertEquals("sent", sent.get("type"));
            assertTrue(((List<?>) sent.get("queued")).isEmpty());
            try (TestClient client = connect(relay)) {
                client.hello("bob", bob);
                client.expectNoDelivery(300);
            }
        }
    }

    @Test
    void closingTheRelaySendsGoingAway1001() throws Exception {
        RelayServer relay = RelayServer.start(config().build());
        try (TestClient alice = connect(relay)) {
            alice.hello("alice");
            relay.close();
            assertEquals(1001, alice.closeCode());
        } finally {
            relay.close();
        }
    }
}
