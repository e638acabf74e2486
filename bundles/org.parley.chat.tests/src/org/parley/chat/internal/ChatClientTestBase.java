package org.parley.chat.internal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.parley.chat.ChatEvent;
import org.parley.identity.ContactBook;
import org.parley.identity.IdentityStore;
import org.parley.identity.KdfParameters;
import org.parley.identity.ReplayGuard;
import org.parley.identity.TrustStore;
import org.parley.protocol.Frame;

/**
 * Fixture: a client with two fake schemes on a direct executor (everything runs on the test thread),
 * reconnect attempts held in a {@link ManualScheduler},
 * alice's identity in a temporary data directory (unlocked), a fake relay, and bob (key for the
 * default scheme) and carol (key for "test-b" only) as peers with their own identity keys.
 */
abstract class ChatClientTestBase {

    static final URI RELAY = URI.create("wss://relay.test:8765/");
    static final String MAIN = "rsa-oaep-aes-gcm";
    static final String OTHER = "test-b";
    /** Cheap key derivation: the identity store's own tests cover the real parameters. */
    static final KdfParameters FAST = new KdfParameters(64, 1, 1);
    static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

    @TempDir
    Path home;

    final FakeScheme main = new FakeScheme(MAIN);
    final FakeScheme other = new FakeScheme(OTHER);
    final FakeScheme remote = new FakeScheme(MAIN); // what peers use on their side
    final SchemeRegistry registry = SchemeRegistry.of(other, main);
    final FakeRelay relay = new FakeRelay();
    final TestClock clock = new TestClock();
    /** Reconnect attempts wait here until a test runs them. */
    final ManualScheduler scheduler = new ManualScheduler();
    /** No jitter: every wait is its ceiling, 0.5 s, 1 s, 2 s, … 30 s. */
    final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), () -> 1.0);
    final List<ChatEvent> events = new CopyOnWriteArrayList<>();
    final TestPeer bob = new TestPeer("bob", Map.of(MAIN, new byte[16]));
    final TestPeer carol = new TestPeer("carol", Map.of(OTHER, new byte[] { 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
        7, 7, 7 }));
    ChatClient client;

    @BeforeEach
    void createClient() throws Exception {
        client = newClient(Duration.ofSeconds(30));
        client.createIdentity("alice", PASSPHRASE).get();
    }

    /** A client on the fixture's data directory (so it shares identity file, pins, contacts and replay journal). */
    ChatClient newClient(Duration loginTimeout) {
        return newClient(registry, loginTimeout);
    }

    ChatClient newClient(SchemeRegistry schemes, Duration loginTimeout) {
        ChatClient c = new ChatClient(schemes, relay, Runnable::run, loginTimeout, new IdentityStore(home, FAST),
                new TrustStore(home.resolve(TrustStore.FILE_NAME)), new ContactBook(home.resolve(ContactBook.FILE_NAME)),
                ReplayGuard.persistent(clock, home.resolve(ReplayGuard.FILE_NAME)), clock, backoff, scheduler);
        c.addListener(events::add);
        return c;
    }

    /** Connects as alice with bob and carol online, and forgets the events so far. */
    void connectWithPeers() throws Exception {
        client.connect(RELAY, "alice");
        relay.login(List.of(bob.entry(), carol.entry()));
        events.clear();
    }

    /** Alice's published public key for {@code scheme}. */
    byte[] aliceKey(String scheme) throws Exception {
        return relay.hello().bundle().keys().get(scheme).toByteArray();
    }

    /** A deliver frame as an honest relay would send it, sealed and signed by {@code from} for alice, sent now. */
    Frame.Deliver deliver(String id, TestPeer from, boolean everyone, String text) throws Exception {
        return from.deliver(remote, MAIN, aliceKey(MAIN), id, everyone, text, clock.millis());
    }

    <T extends ChatEvent> List<T> eventsOf(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    List<String> notices() {
        return eventsOf(ChatEvent.Notice.class).stream().map(n -> n.conversation().title() + ": " + n.text())
                .collect(Collectors.toList());
    }
}
