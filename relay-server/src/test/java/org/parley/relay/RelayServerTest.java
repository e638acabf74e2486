package org.parley.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelayServerTest {
    @TempDir
    Path dir;

    @Test
    void keepsItsCertificateAcrossRestartsAndWritesNothingElse() throws Exception {
        RelayConfig config = RelayConfig.builder(dir).host("127.0.0.1").port(0).build();
        String first;
        try (RelayServer relay = RelayServer.start(config)) {
            first = relay.certificateFingerprint();
        }
        try (RelayServer relay = RelayServer.start(config)) {
            assertEquals(first, relay.certificateFingerprint());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("messages.mv.db", "relay-cert.pem", "relay-key.pem", "users.mv.db"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aRegisteredNameStaysBoundAcrossRestarts() throws Exception {
        RelayConfig config = RelayConfig.builder(dir).host("127.0.0.1").port(0).build();
        TestIdentity alice = TestIdentity.generate();
        try (RelayServer relay = RelayServer.start(config);
                TestClient client = connect(relay)) {
            client.hello("alice", alice);
        }
        try (RelayServer relay = RelayServer.start(config);
                TestClient mallory = connect(relay);
                TestClient owner = connect(relay)) {
            mallory.send(mallory.identity().hello("h1", "alice"));
            assertEquals("name-registered", mallory.next().get("code"));
            owner.hello("alice", alice);
        }
    }

    @Test
    void theConfiguredNumberOfEventLoopsServesTheConnections() throws Exception {
        try (RelayServer relay = RelayServer.start(RelayConfig.builder(dir).host("127.0.0.1").port(0).ioThreads(3)
                .build())) {
            assertEquals(3, relay.ioThreads());
        }
        try (RelayServer relay = RelayServer.start(RelayConfig.builder(dir).host("127.0.0.1").port(0).build())) {
            assertEquals(Math.max(1, Runtime.getRuntime().availableProcessors() / 2), relay.ioThreads());
        }
    }

    @Test
    void aSecondRelayOnTheSameDataDirectoryCannotStart() throws Exception {
        RelayConfig config = RelayConfig.builder(dir).host("127.0.0.1").port(0).build();
        try (RelayServer relay = RelayServer.start(config)) {
            RelayStartException e = assertThrows(RelayStartException.class, () -> RelayServer.start(config));
            assertTrue(e.getMessage().contains("users.mv.db"), e.getMessage());
        }
    }

    private static TestClient connect(RelayServer relay) throws Exception {
        return TestClient.connect(TestClient.trusting(relay.certificate().orElseThrow()),
                URI.create("wss://127.0.0.1:" + relay.port() + "/"), relay.certificateFingerprint());
    }

    @Test
    void closeIsIdempotent() throws Exception {
        RelayServer relay = RelayServer.start(RelayConfig.builder(dir).host("127.0.0.1").port(0).build());
        relay.close();
        relay.close();
        relay.awaitClose();
    }

    @Test
    void plaintextHasNoFingerprint() throws Exception {
        try (RelayServer relay = RelayServer.start(
                RelayConfig.builder(dir).host("127.0.0.1").port(0).insecurePlaintext(true).build())) {
            assertThrows(IllegalStateException.class, relay::certificateFingerprint);
        }
    }
}
