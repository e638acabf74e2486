package org.parley.relay.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.relay.AbstractLeakDetectionTest;
import org.parley.relay.TestIdentity;
import org.parley.relay.protocol.AckFrame;
import org.parley.relay.protocol.AuthFrame;
import org.parley.relay.protocol.HelloFrame;
import org.parley.relay.protocol.SendFrame;

class RoutingHandlerTest extends AbstractLeakDetectionTest {
    private static final String SIG = java.util.Base64.getEncoder().encodeToString(new byte[64]);
    private final AppChannels app = new AppChannels(2);
    private EmbeddedChannel alice;
    private EmbeddedChannel bob;
    private EmbeddedChannel carol;

    @BeforeEach
    void logIn() {
        alice = app.loggedIn("alice");
        bob = app.loggedIn("bob");
        carol = app.loggedIn("carol");
        app.skipPresence(alice);
        app.skipPresence(bob);
    }

    @AfterEach
    void released() {
        app.assertAllReleased();
    }

    private static SendFrame direct(String id, String... to) {
        return new SendFrame(id, List.of(to), false, "rsa-oaep-aes-gcm", "AQAB", 17L, SIG);
    }

    /** Logs {@code ch}'s user out (closing the channel) and drains the leave announcements. */
    private void logOut(EmbeddedChannel ch) {
        ch.close();
        app.skipPresence(alice);
        app.skipPresence(bob);
        app.skipPresence(carol);
    }

    @Test
    void directMessageReachesTheOnlineRecipientFromTheAuthenticatedSender() {
        alice.writeInbound(direct("m1", "bob", "dave"));

        assertEquals(Map.ofEntries(Map.entry("type", "deliver"), Map.entry("v", 2L), Map.entry("id", "m1"),
                Map.entry("from", "alice"), Map.entry("ts", AppChannels.NOW), Map.entry("to", List.of("bob", "dave")),
                Map.entry("everyone", false), Map.entry("scheme", "rsa-oaep-aes-gcm"), Map.entry("body", "AQAB"),
                Map.entry("cts", 17L), Map.entry("sig", SIG)),
                app.next(bob));
        assertEquals(Map.of("type", "sent", "v", 2L, "ref", "m1", "ts", AppChannels.NOW, "recipients", List.of("bob"),
                "queued", List.of(), "refused", List.of(Map.of("user", "dave", "code", "unknown-recipient"))),
                app.next(alice));
        assertNull(carol.readOutbound());
        assertEquals(1, app.store.depth(), "stored for bob until he acks, although he is online");
    }

    @Test
    void anOfflineRegisteredRecipientIsQueuedAndGetsItAtLoginOldestFirst() {
        TestIdentity dave = TestIdentity.generate();
        logOut(app.loggedIn("dave", dave));
        alice.writeInbound(direct("q1", "dave"));
        assertEquals(Map.of("type", "sent", "v", 2L, "ref", "q1", "ts", AppChannels.NOW, "recipients", List.of(),
                "queued", List.of("dave"), "refused", List.of()), app.next(alice));
        bob.writeInbound(direct("q2", "dave", "alice"));
        assertEquals(List.of("dave"), app.next(bob).get("queued"));

        EmbeddedChannel again = app.loggedIn("dave", dave);
        assertEquals("q1", app.next(again).get("id"));
        Map<String, Object> second = app.next(again);
        assertEquals("q2", second.get("id"));
        assertEquals("bob", second.get("from"));
        assertNull(again.readOutbound());
    }

    @Test
    void aLongQueueIsDeliveredInOrderThroughBackpressure() {
        AppChannels big = new AppChannels(1000);
        TestIdentity erin = TestIdentity.generate();
        EmbeddedChannel first = big.loggedIn("erin", erin);
        first.close();
        EmbeddedChannel sender = big.loggedIn("frank");
        for (int i = 0; i < 100; i++) {
            sender.writeInbound(direct("b" + i, "erin"));
        }
        EmbeddedChannel slow = big.newChannel();
        slow.config().setWriteBufferWaterMark(new io.netty.channel.WriteBufferWaterMark(1, 2)); // every write pauses
        String nonce = big.challenge(slow, "erin", erin);
        slow.writeInbound(new AuthFrame("a-erin", erin.answer("erin", nonce, AppChannels.FINGERPRINT)));
        assertEquals("welcome", big.next(slow).get("type"));
        for (int i = 0; i < 100; i++) {
            assertEquals("b" + i, big.next(slow).get("id"));
        }
        assertNull(slow.readOutbound());
        big.assertAllReleased();
    }

    @Test
    void ackDeletesTheCopySendsAReceiptAndStopsRedelivery() {
        TestIdentity dave = TestIdentity.generate();
        logOut(app.loggedIn("dave", dave));
        alice.writeInbound(direct("r1", "dave"));
        alice.writeInbound(direct("r2", "dave"));
        app.next(alice);
        app.next(alice);

        EmbeddedChannel first = app.loggedIn("dave", dave);
        assertEquals("r1", app.next(first).get("id"));
        assertEquals("r2", app.next(first).get("id"));
        app.skipPresence(alice);
        first.writeInbound(new AckFrame("r1", "alice"));
        assertEquals(Map.of("type", "receipt", "v", 2L, "ref", "r1", "user", "dave", "ts", AppChannels.NOW),
                app.next(alice));
        first.writeInbound(new AckFrame("r1", "alice")); // a repeat: ignored
        first.writeInbound(new AckFrame("zz", "bob"));   // nothing stored: ignored
        assertNull(alice.readOutbound());
        assertNull(first.readOutbound());
        logOut(first);

        EmbeddedChannel second = app.loggedIn("dave", dave);
        assertEquals("r2", app.next(second).get("id"), "only the unacked message comes again");
        assertNull(second.readOutbound());
    }

    @Test
    void aFullQueueRefusesTheRecipientEvenWhenOnline() {
        alice.writeInbound(direct("f1", "bob"));
        alice.writeInbound(direct("f2", "bob"));
        alice.writeInbound(direct("f3", "bob", "carol"));
        app.next(bob);
        app.next(bob);
        app.next(alice);
        app.next(alice);
        assertEquals(Map.of("type", "sent", "v", 2L, "ref", "f3", "ts", AppChannels.NOW, "recipients", List.of("carol"),
                "queued", List.of(), "refused", List.of(Map.of("user", "bob", "code", "queue-full"))), app.next(alice));
        assertNull(bob.readOutbound(), "not delivered: the relay would hold no copy");
        bob.writeInbound(new AckFrame("f1", "alice"));
        app.next(alice); // receipt
        alice.writeInbound(direct("f4", "bob"));
        assertEquals("f4", app.next(bob).get("id"), "an ack makes room");
    }

    @Test
    void aResendKeepsOneCopy() {
        alice.writeInbound(direct("d1", "bob"));
        alice.writeInbound(direct("d1", "bob"));
        assertEquals(1, app.store.depth());
        bob.writeInbound(new AckFrame("d1", "alice"));
        assertEquals(0, app.store.depth());
    }

    @Test
    void everyoneReachesAllOthersButNotTheSenderAndIsNotStored() {
        alice.writeInbound(new SendFrame("m2", List.of("bob", "carol"), true, "x", "QQ==", 1L, SIG));
        assertEquals("alice", app.next(bob).get("from"));
        assertEquals("alice", app.next(carol).get("from"));
        Map<String, Object> sent = app.next(alice);
        assertEquals(java.util.Set.of("bob", "carol"), java.util.Set.copyOf((List<?>) sent.get("recipients")));
        assertEquals(List.of(), sent.get("queued"));
        assertNull(alice.readOutbound());
        assertEquals(0, app.store.depth());
    }

    @Test
    void messageToNobodyRegisteredIsRefused() {
        alice.writeInbound(direct("m3", "dave", "alice"));
        Map<String, Object> error = app.next(alice);
        assertEquals("no-recipients", error.get("code"));
        assertEquals("m3", error.get("ref"));
        assertTrue(app.metrics.scrape().contains("parley_rejects_total{code=\"no-recipients\"} 1"));
    }

    @Test
    void secondHelloOrAuthIsRefused() {
        bob.writeInbound(new HelloFrame("h9", "bobby", TestIdentity.generate().bundle("bobby")));
        Map<String, Object> error = app.next(bob);
        assertEquals("already-logged-in", error.get("code"));
        assertEquals("h9", error.get("ref"));
        bob.writeInbound(new AuthFrame("a9", SIG));
        assertEquals("already-logged-in", app.next(bob).get("code"));
    }

    @Test
    void ackBeforeLoginIsRefused() {
        EmbeddedChannel stranger = app.newChannel();
        stranger.writeInbound(new AckFrame("m1", "alice"));
        Map<String, Object> error = app.next(stranger);
        assertEquals("not-logged-in", error.get("code"));
        assertNull(error.get("ref"));
    }
}
