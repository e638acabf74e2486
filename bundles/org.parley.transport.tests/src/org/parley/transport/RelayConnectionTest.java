package org.parley.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** Against {@link TestWebSocketServer} on the loopback interface, over TLS and plaintext. */
class RelayConnectionTest {

    private final InMemoryCertificatePinStore pins = new InMemoryCertificatePinStore();

    @Test
    void firstTlsConnectionPinsTheCertificateAndCarriesConcurrentSends() throws Exception {
        try (TestWebSocketServer server = new TestWebSocketServer(TestCertificates.ONE)) {
            RecordingListener listener = new RecordingListener();
            RelayConnection connection = connect(wss(server), ConnectOptions.trustOnFirstUse(pins), listener);

            String fingerprint = TestCertificates.ONE.fingerprint();
            assertEquals(Optional.of(fingerprint), pins.lookup("127.0.0.1:" + server.port()));
            assertEquals(Optional.of(fingerprint), connection.certificateFingerprint());
            assertEquals(Optional.of("TLSv1.3"), connection.tlsProtocol());

            listener.expect(20);
            List<CompletableFuture<Void>> sends = IntStream.range(0, 20).parallel()
                    .mapToObj(i -> connection.sendText("message " + i)).collect(Collectors.toList());
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            assertTrue(listener.expected.await(10, TimeUnit.SECONDS));
            Set<String> expected = IntStream.range(0, 20).mapToObj(i -> "message " + i).collect(Collectors.toSet());
            assertEquals(expected, new HashSet<>(listener.texts));

            connection.close();
            assertEquals("closed 1000", listener.ended.get(10, TimeUnit.SECONDS));
            assertEquals(1, listener.ends.size());
            ExecutionException afterClose = assertThrows(ExecutionException.class, () -> connection.sendText("late").get());
            assertInstanceOf(TransportException.class, afterClose.getCause());
        }
    }

    @Test
    void sameCertificateIsAcceptedOnReconnect() throws Exception {
        try (TestWebSocketServer server = new TestWebSocketServer(TestCertificates.ONE)) {
            connect(wss(server), ConnectOptions.trustOnFirstUse(pins), new RecordingListener()).abort();
            RelayConnection again = connect(wss(server), ConnectOptions.trustOnFirstUse(pins), new RecordingListener());
            assertEquals(Optional.of(TestCertificates.ONE.fingerprint()), again.certificateFingerprint());
            again.abort();
        }
    }

    @Test
    void changedCertificateIsRefusedWithAnExplanation() throws Exception {
        try (TestWebSocketServer server = new TestWebSocketServer(TestCertificates.TWO)) {
            pins.save("127.0.0.1:" + server.port(), TestCertificates.ONE.fingerprint());
            TransportException e = failure(wss(server), ConnectOptions.trustOnFirstUse(pins));
            assertTrue(e.getMessage().contains("has changed"), e.getMessage());
            assertTrue(e.getMessage().contains(TestCertificates.ONE.fingerprint()), e.getMessage());
            assertTrue(e.getMessage().contains(TestCertificates.TWO.fingerprint()), e.getMessage());
            assertEquals(Optional.of(TestCertificates.ONE.fingerprint()), pins.lookup("127.0.0.1:" + server.port()));
        }
    }

    @Test
    void explicitFingerprintMustMatch() throws Exception {
        try (TestWebSocketServer server = new TestWebSocketServer(TestCertificates.ONE)) {
            ConnectOptions wrong = ConnectOptions.trustOnFirstUse(pins)
                    .withExpectedFingerprint(TestCertificates.TWO.fingerprint());
            assertTrue(failure(wss(server), wrong).getMessage().contains("does not match"));
            ConnectOptions right = ConnectOptions.trustOnFirstUse(pins)
                    .withExpectedFingerprint(TestCertificates.ONE.fingerprint());
            connect(wss(server), right, new RecordingListener()).abort();
        }
    }

    @Test
    void plaintextOnlyWhenAllowed() throws Exception {
        try (TestWebSocketServer server = new TestWebSocketServer(null)) {
            URI ws = URI.create("ws://127.0.0.1:" + server.port() + "/");
            assertTrue(failure(ws, ConnectOptions.trustOnFirstUse(pins)).getMessage().contains("unencrypted ws://"));

            RecordingListener listener = new RecordingListener();
            listener.expect(1);
            RelayConnection connection = connect(ws, ConnectOptions.trustOnFirstUse(pins).withAllowPlaintext(true),
                    listener);
            connection.sendText("{\"type\":\"hello\"}").get(10, TimeUnit.SECONDS);
            assertTrue(listener.expected.await(10, TimeUnit.SECONDS));
            assertEquals(List.of("{\"type\":\"hello\"}"), listener.texts);
            assertEquals(Optional.empty(), connection.certificateFingerprint());
            assertEquals(Optional.empty(), connection.tlsProtocol());
            connection.abort();
        }
    }

    @Test
    void fragmentedMessagesAreReassembledUpToTheCap() throws Exception {
        try (TestWebSocketServer server = new TestWebSocketServer(TestCertificates.ONE)) {
            RecordingListener listener = new RecordingListener();
            ConnectOptions options = ConnectOptions.trustOnFirstUse(pins).withMaxMessageBytes(1024);
            RelayConnection connection = connect(wss(server), options, listener);
            listener.expect(1);
            connection.sendText("fragments:1024");
            assertTrue(listener.expected.await(10, TimeUnit.SECONDS));
            assertEquals("x".repeat(1024), listener.texts.get(0));

            connection.sendText("fragments:1025");
            String end = listener.ended.get(10, TimeUnit.SECONDS);
            assertEquals("failed: the relay sent a message larger than 1024 bytes; disconnected", end);
            assertEquals(1, listener.texts.size());
        }
    }

    @Test
    void binaryMessagesEndTheConnection() throws Exception {
        try (TestWebSocketServer server = new TestWebSocketServer(TestCertificates.ONE)) {
            RecordingListener listener = new RecordingListener();
            RelayConnection connection = connect(wss(server), ConnectOptions.trustOnFirstUse(pins), listener);
            connection.sendText("binary");
            assertTrue(listener.ended.get(10, TimeUnit.SECONDS).contains("binary message"));
        }
    }

    @Test
    void refusedConnectionSaysSo() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        TransportException e = failure(URI.create("wss://127.0.0.1:" + port + "/"), ConnectOptions.trustOnFirstUse(pins));
        assertTrue(e.getMessage().startsWith("Could not connect to relay 127.0.0.1:" + port), e.getMessage());
    }

    @Test
    void nonWebSocketAddressesAreRefused() throws Exception {
        assertTrue(failure(URI.create("https://relay.example/"), ConnectOptions.trustOnFirstUse(pins)).getMessage()
                .contains("wss://"));
    }

    @Test
    void heartbeatPingsAndKeepsAnAnsweringRelay() throws Exception {
        try (TestWebSocketServer server = new TestWebSocketServer(TestCertificates.ONE)) {
            RecordingListener listener = new RecordingListener();
            ConnectOptions options = ConnectOptions.trustOnFirstUse(pins)
                    .withHeartbeat(Duration.ofMillis(50), Duration.ofMillis(500));
            RelayConnection connection = connect(wss(server), options, listener);
            Thread.sleep(800); // longer than the dead limit, with no message in either direction
            assertTrue(server.pings.get() >= 5, "pinged " + server.pings.get() + " times");
            assertFalse(listener.ended.isDone(), "pongs keep the connection alive");
            connection.close();
            assertEquals("closed 1000", listener.ended.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void heartbeatDeclaresASilentRelayDead() throws Exception {
        try (TestWebSocketServer server = new TestWebSocketServer(TestCertificates.ONE)) {
            server.answerPings = false;
            RecordingListener listener = new RecordingListener();
            ConnectOptions options = ConnectOptions.trustOnFirstUse(pins)
                    .withHeartbeat(Duration.ofMillis(40), Duration.ofMillis(150));
            RelayConnection connection = connect(wss(server), options, listener);
            String end = listener.ended.get(5, TimeUnit.SECONDS);
            assertEquals("failed: the relay did not answer for 150 ms; the connection is considered lost", end);
            assertEquals(1, listener.ends.size(), "reported once");
            assertThrows(ExecutionException.class, () -> connection.sendText("late").get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void heartbeatSettingsAreValidated() {
        ConnectOptions options = ConnectOptions.trustOnFirstUse(pins);
        assertEquals(ConnectOptions.DEFAULT_PING_INTERVAL, options.pingInterval());
        assertEquals(ConnectOptions.DEFAULT_DEAD_AFTER, options.deadAfter());
        assertThrows(IllegalArgumentException.class, () -> options.withHeartbeat(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> options.withHeartbeat(Duration.ofSeconds(2), Duration.ofSeconds(2)));
    }

    private static URI wss(TestWebSocketServer server) {
        return URI.create("wss://127.0.0.1:" + server.port());
    }

    private static RelayConnection connect(URI uri, ConnectOptions options, RelayListener listener) throws Exception {
        return RelayConnection.connect(uri, options, listener).get(20, TimeUnit.SECONDS);
    }

    private static TransportException failure(URI uri, ConnectOptions options) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> RelayConnection.connect(uri, options, new RecordingListener()).get(20, TimeUnit.SECONDS));
        return assertInstanceOf(TransportException.class, e.getCause());
    }
}
