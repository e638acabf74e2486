package org.parley.relay.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.chat.ChatMessage;
import org.parley.chat.Conversation;
import org.parley.chat.internal.ChatClient;
import org.parley.chat.internal.SchemeRegistry;
import org.parley.crypto.hybrid.RsaOaepAesGcmScheme;
import org.parley.crypto.rsa.RsaOaepChunkedScheme;
import org.parley.relay.RelayConfig;
import org.parley.relay.RelayServer;
import org.parley.relay.TestClient;
import org.parley.chat.internal.WebSocketDialer;
import org.parley.transport.ConnectOptions;
import org.parley.transport.InMemoryCertificatePinStore;

/**
 * The whole system on loopback: a real relay over real TLS and real clients built from the client
 * bundles (ChatClient with both built-in schemes and a persisted identity, plain Java, no OSGi). Every
 * text frame the relay receives is tapped, and its data directory is read afterwards, to prove no
 * plaintext reached it.
 */
class ClientRelayEndToEndTest {

    private static final List<String> RELAY_SAW = new CopyOnWriteArrayList<>();
    private static final List<String> PLAINTEXTS = new CopyOnWriteArrayList<>();

    private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

    @TempDir
    static Path dataDir;
    @TempDir
    static Path clientsDir;
    private static RelayServer relay;
    private static URI uri;
    private static ExecutorService pool;
    private static int names;

    private final List<Peer> peers = new ArrayList<>();

    @BeforeAll
    static void startRelay() throws Exception {
        relay = RelayServer.start(RelayConfig.builder(dataDir).host("127.0.0.1").port(0).build(), RELAY_SAW::add);
        uri = URI.create("wss://127.0.0.1:" + relay.port() + "/");
        pool = Executors.newCachedThreadPool();
    }

    @AfterAll
    static void stopRelayAndCheckItNeverSawPlaintext() throws IOException {
        relay.close();
        pool.shutdownNow();
        List<String> stored = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                stored.add(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        assertFalse(RELAY_SAW.isEmpty());
        for (String plaintext : PLAINTEXTS) {
            byte[] utf8 = plaintext.getBytes(StandardCharsets.UTF_8);
            String raw = new String(utf8, StandardCharsets.ISO_8859_1);
            String b64 = Base64.getEncoder().encodeToString(utf8);
            for (String seen : RELAY_SAW) {
                assertFalse(seen.contains(plaintext), "the relay received a plaintext");
                assertFalse(seen.contains(b64), "the relay received a base64 plaintext");
            }
            for (String file : stored) {
                assertFalse(file.contains(raw), "the relay stored a plaintext");
            }
        }
    }

    @AfterEach
    void disconnect() {
        peers.forEach(p -> p.client.disconnect());
    }

    @ParameterizedTest
    @ValueSource(strings = {RsaOaepAesGcmScheme.ID, "rsa-oaep-chunked"})
    void directMessagesFlowBothWaysAndOnlyReachTheirRecipient(String scheme) throws Exception {
        Peer alice = peer("alice");
        Peer bob = peer("bob");
        Peer carol = peer("carol");
        alice.events.awaitContact(bob.name);
        bob.events.awaitContact(alice.name);

        String hello = secret("Grüße, " + bob.name + " — 你好 🔐 " + scheme);
        ChatMessage sent = alice.client.send(Conversation.with(bob.name), hello, scheme).get(10, TimeUnit.SECONDS);
        ChatMessage got = bob.events.awaitMessage(m -> m.text().equals(hello));
        assertEquals(alice.name, got.sender());
        assertEquals(Conversation.with(alice.name), got.conversation());
        assertEquals(scheme, got.schemeId());
        alice.events.awaitStatus(sent.id(), ChatMessage.Status.SENT);

        String reply = secret("reply from " + bob.name + " " + "x".repeat(400));
        bob.client.send(Conversation.with(alice.name), reply, scheme).get(10, TimeUnit.SECONDS);
        assertEquals(bob.name, alice.events.awaitMessage(m -> m.text().equals(reply)).sender());

        carol.events.assertNoMessageWithin(Duration.ofMillis(300));
    }

    @Test
    void everyoneReachesAllOthersButNotTheSender() throws Exception {
        Peer alice = peer("alice");
        Peer bob = peer("bob");
        Peer carol = peer("carol");
        alice.events.awaitContact(bob.name);
        alice.events.awaitContact(carol.name);

        String text = secret("hello everyone from " + alice.name);
        alice.client.send(Conversation.everyone(), text, RsaOaepAesGcmScheme.ID).get(10, TimeUnit.SECONDS);
        for (Peer p : List.of(bob, carol)) {
            ChatMessage m = p.events.awaitMessage(x -> x.text().equals(text));
            assertEquals(alice.name, m.sender());
            assertEquals(Conversation.everyone(), m.conversation());
        }
        alice.events.assertNoIncomingWithin(Duration.ofMillis(300));
    }

    @Test
    void othersSeeJoinsAndLeaves() throws Exception {
        Peer alice = peer("alice");
        Peer bob = peer("bob");
        alice.events.awaitContact(bob.name);
        assertTrue(bob.client.snapshot().contacts().stream().anyMatch(c -> c.user().equals(alice.name)));

        bob.client.disconnect();
        alice.events.awaitGone(bob.name);
        // bob stays a known contact (messages to him are stored by the relay), now offline
        assertTrue(alice.client.snapshot().contacts().stream().anyMatch(c -> c.user().equals(bob.name) && !c.online()));
    }

    @Test
    void aClientWritingAnotherUsersNameIntoFromCannotSpeakAsThem() throws Exception {
        Peer alice = peer("alice");
        Peer bob = peer("bob");
        bob.events.awaitContact(alice.name);
        String mallory = "mallory" + (++names);
        try (TestClient raw = TestClient.connect(TestClient.trusting(relay.certificate().orElseThrow()), uri)) {
            raw.hello(mallory);
            bob.events.awaitContact(mallory);
            // a well-formed send that claims to come from alice; the body is junk the relay cannot judge
            raw.send("{\"type\":\"send\",\"v\":2,\"id\":\"spoof-1\",\"from\":\"" + alice.name + "\",\"to\":[\""
                    + bob.name + "\"],\"scheme\":\"rsa-oaep-aes-gcm\",\"body\":\"AQAB\",\"cts\":"
                    + System.currentTimeMillis() + ",\"sig\":\"" + TestClient.SIG + "\"}");
            String notice = bob.events.awaitNotice(n -> n.startsWith("A message from " + mallory));
            assertFalse(notice.contains(alice.name + " sent"), notice);
        }
        bob.events.assertNoMessageFrom(alice.name);
    }

    @Test
    void aSecondClientWithAnotherIdentityCannotTakeARegisteredName() throws Exception {
        Peer alice = peer("alice");
        alice.client.disconnect();
        ChatClient impostor = client(alice.name);
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> impostor.connect(uri, alice.name).get(20, TimeUnit.SECONDS));
        assertTrue(refused.getCause().getMessage().toLowerCase().contains("registered"),
                refused.getCause().getMessage());
    }

    private Peer peer(String base) throws Exception {
        String name = base + (++names);
        Events events = new Events();
        ChatClient client = client(name);
        client.addListener(events);
        client.connect(uri, name).get(20, TimeUnit.SECONDS);
        Peer peer = new Peer(name, client, events);
        peers.add(peer);
        return peer;
    }

    /** A client with a fresh identity for {@code name} in its own data directory. */
    private static ChatClient client(String name) throws Exception {
        Path home = Files.createTempDirectory(clientsDir, name);
        ChatClient client = new ChatClient(SchemeRegistry.of(new RsaOaepAesGcmScheme(), new RsaOaepChunkedScheme()),
                new WebSocketDialer(ConnectOptions.trustOnFirstUse(new InMemoryCertificatePinStore())), pool,
                ChatClient.DEFAULT_LOGIN_TIMEOUT, home);
        client.createIdentity(name, PASSPHRASE.clone()).get(30, TimeUnit.SECONDS);
        return client;
    }

    private static String secret(String text) {
        PLAINTEXTS.add(text);
        return text;
    }

    private record Peer(String name, ChatClient client, Events events) {
    }
}
