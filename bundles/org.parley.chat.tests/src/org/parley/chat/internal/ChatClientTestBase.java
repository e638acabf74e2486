package org.parley.chat.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.parley.chat.ChatEvent;
import org.parley.protocol.Bytes;
import org.parley.protocol.Frame;

/**
 * Fixture: a client with two fake schemes on a direct executor (everything runs on the test thread),
 * a fake relay, and bob (key for the default scheme) and carol (key for "test-b" only) as peers.
 */
abstract class ChatClientTestBase {

    static final URI RELAY = URI.create("wss://relay.test:8765/");
    static final String MAIN = "rsa-oaep-aes-gcm";
    static final String OTHER = "test-b";

    final FakeScheme main = new FakeScheme(MAIN);
    final FakeScheme other = new FakeScheme(OTHER);
    final FakeScheme remote = new FakeScheme(MAIN); // what peers use on their side
    final SchemeRegistry registry = SchemeRegistry.of(other, main);
    final FakeRelay relay = new FakeRelay();
    final List<ChatEvent> events = new CopyOnWriteArrayList<>();
    final Map<String, Bytes> bobKeys = Map.of(MAIN, Bytes.of(new byte[16]));
    final Map<String, Bytes> carolKeys = Map.of(OTHER, Bytes.of(new byte[] { 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7 }));
    ChatClient client;

    @BeforeEach
    void createClient() {
        client = newClient(Duration.ofSeconds(30));
    }

    ChatClient newClient(Duration loginTimeout) {
        ChatClient c = new ChatClient(registry, relay, Runnable::run, loginTimeout);
        c.addListener(events::add);
        return c;
    }

    /** Connects as alice with bob and carol online, and forgets the events so far. */
    void connectWithPeers() throws Exception {
        client.connect(RELAY, "alice");
        relay.welcome(Map.of("bob", bobKeys, "carol", carolKeys));
        events.clear();
    }

    /** Alice's published public key for {@code scheme}. */
    byte[] aliceKey(String scheme) throws Exception {
        return relay.hello().keys().get(scheme).toByteArray();
    }

    /** A deliver frame as the relay would send it, sealed by {@code from} for alice. */
    Frame.Deliver deliver(String id, String from, boolean everyone, String text) throws Exception {
        byte[] body = remote.sealFor(aliceKey(MAIN), AssociatedData.of(id, from, MAIN),
                text.getBytes(StandardCharsets.UTF_8));
        return new Frame.Deliver(id, from, 1795000000000L, List.of("alice"), everyone, MAIN, Bytes.of(body));
    }

    <T extends ChatEvent> List<T> eventsOf(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    List<String> notices() {
        return eventsOf(ChatEvent.Notice.class).stream().map(n -> n.conversation().title() + ": " + n.text())
                .collect(Collectors.toList());
    }
}
