package org.parley.relay.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.chat.ConnectionState;
import org.parley.chat.Conversation;
import org.parley.chat.internal.ChatClient;
import org.parley.chat.internal.SchemeRegistry;
import org.parley.chat.internal.WebSocketDialer;
import org.parley.crypto.hybrid.RsaOaepAesGcmScheme;
import org.parley.relay.RelayConfig;
import org.parley.relay.RelayServer;
import org.parley.transport.ConnectOptions;
import org.parley.transport.InMemoryCertificatePinStore;

/**
 * The relay goes away while a client keeps sending: both clients reconnect by themselves (heartbeat /
 * close detection, backoff, re-login) to the restarted relay on the same data directory, and every
 * message the sender kept trying to send arrives exactly once.
 */
class RelayRestartEndToEndTest {

    private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

    @TempDir
    Path dir;
    private RelayServer relay;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final List<ChatClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(ChatClient::disconnect);
        if (relay != null) {
            relay.close();
        }
        pool.shutdownNow();
    }

    @Test
    void everyMessageArrivesExactlyOnceAcrossARelayRestart() throws Exception {
        relay = start(0);
        int port = relay.port();
        URI uri = URI.create("wss://127.0.0.1:" + port + "/");
        Events aliceEvents = new Events();
        Events bobEvents = new Events();
        ChatClient alice = client("alice", aliceEvents);
        ChatClient bob = client("bob", bobEvents);
        alice.connect(uri, "alice").get(20, TimeUnit.SECONDS);
        bob.connect(uri, "bob").get(20, TimeUnit.SECONDS);
        aliceEvents.awaitContact("bob");

        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            texts.add("message " + i);
        }
        for (int i = 0; i < texts.size(); i++) {
            if (i == 10) {
                relay.close(); // the relay goes away mid-stream ...
                relay = start(port); // ... and comes back on the same address and data directory
            }
            sendUntilAccepted(alice, aliceEvents, texts.get(i));
        }

        for (String text : texts) {
            bobEvents.awaitMessage(m -> m.text().equals(text));
        }
        Thread.sleep(500);
        for (String text : texts) {
            assertEquals(1, bobEvents.countMessages(text), "exactly once: " + text);
        }
    }

    /** What a user does: send; when Parley says it is reconnecting, wait until it is back and send again. */
    private static void sendUntilAccepted(ChatClient client, Events events, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                client.send(Conversation.with("bob"), text, RsaOaepAesGcmScheme.ID).get(10, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException notNow) {
                if (System.nanoTime() > deadline) {
                    throw notNow;
                }
                while (client.snapshot().state() != ConnectionState.CONNECTED || client.snapshot().contacts().isEmpty()) {
                    Thread.sleep(50);
                }
            }
        }
    }

    private RelayServer start(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try {
                return RelayServer.start(RelayConfig.builder(dir.resolve("relay")).host("127.0.0.1").port(port).build());
            } catch (Exception portStillBusy) { // the old listener may take a moment to let go
                if (System.nanoTime() > deadline) {
                    throw portStillBusy;
                }
                Thread.sleep(100);
            }
        }
    }

    private ChatClient client(String name, Events events) throws Exception {
        Path home = Files.createDirectories(dir.resolve(name));
        ChatClient client = new ChatClient(SchemeRegistry.of(new RsaOaepAesGcmScheme()),
                new WebSocketDialer(ConnectOptions.trustOnFirstUse(new InMemoryCertificatePinStore())), pool,
                ChatClient.DEFAULT_LOGIN_TIMEOUT, home);
        client.createIdentity(name, PASSPHRASE.clone()).get(30, TimeUnit.SECONDS);
        client.addListener(events);
        clients.add(client);
        return client;
    }
}
