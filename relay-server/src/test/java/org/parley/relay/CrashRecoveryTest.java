package org.parley.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay as a real process: a message whose {@code sent} went out survives {@code kill -9}, and
 * SIGTERM stops the relay gracefully (close 1001 to clients, store flushed, exit code 0).
 */
class CrashRecoveryTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private static TestClient connect(int port) throws Exception {
        return TestClient.connect(HTTP, URI.create("ws://127.0.0.1:" + port + "/"), "");
    }

    private RelayServer restartInProcess() throws Exception {
        return RelayServer.start(RelayConfig.builder(dir).host("127.0.0.1").port(0).insecurePlaintext(true).build());
    }

    /** Sends two messages to offline bob through the child relay; returns once both {@code sent} arrived. */
    private static void queueForBob(RelayProcess relay, TestIdentity bob) throws Exception {
        try (TestClient b = connect(relay.port())) {
            b.hello("bob", bob); // registers bob
        }
        try (TestClient alice = connect(relay.port())) {
            alice.hello("alice");
            assertEquals(List.of("bob"), alice.sendDirect("k1", "Zmlyc3Q=", "bob").get("queued"));
            assertEquals(List.of("bob"), alice.sendDirect("k2", "c2Vjb25k", "bob").get("queued"));
        }
    }

    private void bobGetsBothAfterRestart(TestIdentity bob) throws Exception {
        try (RelayServer relay = restartInProcess(); TestClient client = connect(relay.port())) {
            client.hello("bob", bob);
            Map<String, Object> first = client.nextNonPresence();
            assertEquals("k1", first.get("id"));
            assertEquals("Zmlyc3Q=", first.get("body"));
            assertEquals("alice", first.get("from"));
            assertEquals("k2", client.nextNonPresence().get("id"));
        }
    }

    @Test
    void aMessageAnsweredWithSentSurvivesKillDashNine() throws Exception {
        TestIdentity bob = TestIdentity.generate();
        try (RelayProcess relay = RelayProcess.start(dir)) {
            queueForBob(relay, bob);
            relay.kill9(); // no shutdown hook, no store close: only what was synced survives
        }
        bobGetsBothAfterRestart(bob);
    }

    @Test
    void aMessageHeldForAnOnlineRecipientSurvivesKillDashNineOnceSentWentOut() throws Exception {
        // bob is online but never acks: the relay holds each message for --write-behind (1 s by default),
        // then writes and syncs it, and only then answers sent; after kill -9 bob gets both again.
        TestIdentity bob = TestIdentity.generate();
        try (RelayProcess relay = RelayProcess.start(dir); TestClient b = connect(relay.port());
                TestClient alice = connect(relay.port())) {
            b.hello("bob", bob);
            alice.hello("alice");
            assertEquals(List.of("bob"), alice.sendDirect("k1", "Zmlyc3Q=", "bob").get("recipients"));
            assertEquals(List.of("bob"), alice.sendDirect("k2", "c2Vjb25k", "bob").get("recipients"));
            assertEquals("k1", b.nextNonPresence().get("id"));
            relay.kill9();
        }
        bobGetsBothAfterRestart(bob);
    }

    @Test
    void sigtermClosesClientsWith1001FlushesTheStoreAndExitsWith0() throws Exception {
        TestIdentity bob = TestIdentity.generate();
        try (RelayProcess relay = RelayProcess.start(dir)) {
            queueForBob(relay, bob);
            try (TestClient carol = connect(relay.port())) {
                carol.hello("carol");
                int exit = relay.terminate();
                assertEquals(1001, carol.closeCode());
                assertEquals(0, exit);
            }
        }
        bobGetsBothAfterRestart(bob);
    }
}
