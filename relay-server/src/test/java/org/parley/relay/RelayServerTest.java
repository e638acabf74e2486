package org.parley.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
            assertEquals(List.of("relay-cert.pem", "relay-key.pem"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
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
