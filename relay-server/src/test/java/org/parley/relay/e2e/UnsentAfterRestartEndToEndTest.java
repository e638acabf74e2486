package org.parley.relay.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.chat.ChatEvent;
import org.parley.chat.ChatMessage;
import org.parley.chat.Conversation;
import org.parley.chat.internal.ChatClient;
import org.parley.chat.internal.HistoryBinding;
import org.parley.chat.internal.SchemeRegistry;
import org.parley.chat.internal.WebSocketDialer;
import org.parley.chat.internal.history.LocalHistory;
import org.parley.crypto.hybrid.RsaOaepAesGcmScheme;
import org.parley.crypto.rsa.RsaOaepChunkedScheme;
import org.parley.identity.Identity;
import org.parley.identity.IdentityStore;
import org.parley.relay.RelayConfig;
import org.parley.relay.RelayServer;
import org.parley.transport.ConnectOptions;
import org.parley.transport.InMemoryCertificatePinStore;

/**
 * A message that a crashed run of the client left "sending" in its history goes out after the next
 * login, through a real relay over TLS with real crypto, and arrives once.
 */
class UnsentAfterRestartEndToEndTest {

    private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

    @TempDir
    Path relayDir;
    @TempDir
    Path aliceHome;
    @TempDir
    Path bobHome;

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private RelayServer relay;
    private ChatClient alice;
    private ChatClient bob;
    private LocalHistory history;

    @AfterEach
    void stop() {
        for (ChatClient c : new ChatClient[] { alice, bob }) {
            if (c != null) {
                c.disconnect();
            }
        }
        if (history != null) {
            history.shutdown();
        }
        if (relay != null) {
            relay.close();
        }
        pool.shutdownNow();
    }

    private ChatClient client(Path home) {
        return new ChatClient(SchemeRegistry.of(new RsaOaepAesGcmScheme(), new RsaOaepChunkedScheme()),
                new WebSocketDialer(ConnectOptions.trustOnFirstUse(new InMemoryCertificatePinStore())), pool,
                ChatClient.DEFAULT_LOGIN_TIMEOUT, home);
    }

    @Test
    void aMessageACrashedRunLeftSendingArrivesOnceAfterTheNextLogin() throws Exception {
        relay = RelayServer.start(RelayConfig.builder(relayDir).host("127.0.0.1").port(0).build());
        URI uri = URI.create("wss://127.0.0.1:" + relay.port() + "/");
        bob = client(bobHome);
        bob.createIdentity("bob", PASSPHRASE.clone()).get(30, TimeUnit.SECONDS);
        Events bobEvents = new Events();
        bob.addListener(bobEvents);
        bob.connect(uri, "bob").get(20, TimeUnit.SECONDS);

        // the first run: alice typed a message, the history recorded it SENDING, then the process died
        client(aliceHome).createIdentity("alice", PASSPHRASE.clone()).get(30, TimeUnit.SECONDS);
        Identity identity = new IdentityStore(aliceHome).unlock(PASSPHRASE.clone());
        ChatMessage typed = new ChatMessage("3c1f5d0e-left-by-a-crash", Conversation.with("bob"), "alice", true,
                "written just before the crash", RsaOaepAesGcmScheme.ID, System.currentTimeMillis() - 60_000,
                ChatMessage.Status.SENDING);
        LocalHistory crashed = new LocalHistory(aliceHome);
        crashed.open(identity).get(10, TimeUnit.SECONDS);
        crashed.onEvent(new ChatEvent.MessageAdded(typed));
        crashed.shutdown();

        // the next run, wired as the product's chat component does
        alice = client(aliceHome);
        alice.unlockIdentity(PASSPHRASE.clone()).get(30, TimeUnit.SECONDS);
        history = new LocalHistory(aliceHome);
        history.open(identity).get(10, TimeUnit.SECONDS);
        Events aliceEvents = new Events();
        alice.addListener(aliceEvents);
        HistoryBinding.bind(alice, history);
        alice.connect(uri, "alice").get(20, TimeUnit.SECONDS);

        ChatMessage got = bobEvents.awaitMessage(m -> m.text().equals(typed.text()));
        assertEquals("alice", got.sender());
        assertEquals(typed.id(), got.id());
        aliceEvents.awaitStatus(typed.id(), ChatMessage.Status.DELIVERED);
        assertEquals(List.of(), history.unsent().get(10, TimeUnit.SECONDS));

        // a reconnect does not send it again
        alice.disconnect();
        alice.connect(uri, "alice").get(20, TimeUnit.SECONDS);
        Thread.sleep(500);
        assertEquals(1, bobEvents.countMessages(typed.text()));
    }
}
